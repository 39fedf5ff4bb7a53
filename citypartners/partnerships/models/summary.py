"""A short text about a partnership in the partner city's own language, kept with the city.

On the city record, not on the translated page: wagtail-localize would offer a Polish text
for translation into German and English, and the text is the same on both pages."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from ..languages import SUMMARY_LANGUAGES, direction, language_choices, validate_summary_language

# "Short": two to four sentences; about 600 characters of Latin script.
SUMMARY_MAX_LENGTH = 700


def _language_options() -> list[tuple[str, str]]:
    # A callable: the form is built once, the names follow each editor's language.
    return [("", "---------"), *language_choices()]


class CitySummary(Orderable):
    """A few sentences about the partnership in one of the partner city's languages."""

    city = ParentalKey(
        "partnerships.City",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="summaries",
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        validators=[validate_summary_language],
        help_text=_("The language the summary is written in; right to left follows from it."),
    )
    text = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        validators=[
            MaxLengthValidator(
                SUMMARY_MAX_LENGTH,
                message=_(
                    "A summary is short: at most %(limit_value)d characters (this one has "
                    "%(show_value)d)."
                ),
            )
        ],
        help_text=_("Two to four sentences, plain text; a blank line starts a new paragraph."),
    )
    is_example = models.BooleanField(
        _("example text"),
        default=False,
        help_text=_(
            "Tick for a text not written by the office (the demo's): the page marks it as an "
            "example."
        ),
    )

    panels = [
        FieldPanel("language", widget=forms.Select(choices=_language_options)),
        FieldPanel("text"),
        FieldPanel("is_example"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("summary in a partner language")
        verbose_name_plural = _("summaries in partner languages")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "language"],
                name="unique_summary_language_per_city",
                violation_error_message=_("This city already has a summary in this language."),
            )
        ]

    def __str__(self):
        return f"{self.city_id}: {self.language}"

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def language_name(self) -> str:
        """The language's name in the reader's language ("Polish", "Polnisch")."""
        known = SUMMARY_LANGUAGES.get(self.language)
        return str(known.name) if known else self.language

    @property
    def language_self_name(self) -> str:
        known = SUMMARY_LANGUAGES.get(self.language)
        return known.self_name if known else self.language

    @property
    def anchor(self) -> str:
        return f"summary-{self.language.lower()}"
