"""Site-wide settings: the office's contact block shown on every page, its home city, and the
footer pages."""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .admin_forms import STALE_MESSAGE, GuardedModelForm, StaleEdit
from .i18n import localized


class ScheduleAnnotatedMixin:
    """For a model with drafts: whether a publication is scheduled, from a list's annotation
    when there is one (``core.admin_lists.chooser_rows``), as Wagtail does for pages."""

    @property
    def approved_schedule(self):
        if hasattr(self, "_approved_schedule"):
            return self._approved_schedule
        return super().approved_schedule


class VersionedRecord(models.Model):
    """A record edited in the back office without revisions: a counter that refuses to
    overwrite a newer save.

    Every save counts up from the version the instance was read (or its edit form was opened)
    with, by a conditional UPDATE: a save based on an older version raises ``StaleEdit``,
    whether it comes from an edit form (which carries the counter in ``version_panel()``),
    a service or an import. So a second editor cannot silently undo the first one's changes.
    """

    edit_version = models.PositiveIntegerField(_("version"), default=0)

    base_form_class = GuardedModelForm

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        seen = self.edit_version
        rows = type(self)._base_manager.using(kwargs.get("using") or self._state.db)
        with transaction.atomic(using=rows.db):
            if not rows.filter(pk=self.pk, edit_version=seen).update(edit_version=seen + 1):
                if rows.filter(pk=self.pk).exists():
                    raise StaleEdit(STALE_MESSAGE)
            self.edit_version = seen + 1
            return super().save(*args, **kwargs)


def version_panel():
    """The hidden field that carries the version an edit form was opened with."""
    return FieldPanel("edit_version", widget=forms.HiddenInput)


def validate_time_zone(value: str) -> None:
    """An IANA time zone name such as Europe/Berlin."""
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(zone)s” is not a time zone name such as Europe/Lisbon."),
            code="unknown_time_zone",
            params={"zone": value},
        )


@register_setting(icon="site")
class OfficeSettings(BaseSiteSetting, VersionedRecord):
    """The office that runs the site: its contact block and the legally required pages."""

    name_de = models.CharField(_("name (German)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit_de = models.CharField(_("unit (German)"), max_length=200, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    town_de = models.CharField(_("town (German)"), max_length=100, blank=True)
    town_en = models.CharField(_("town (English)"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    # The office's own city (see core.home_city): empty means settings.HOME_CITY.
    home_city_name_de = models.CharField(_("home city (German)"), max_length=200, blank=True)
    home_city_name_en = models.CharField(_("home city (English)"), max_length=200, blank=True)
    home_city_latitude = models.FloatField(
        _("home city latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    home_city_longitude = models.FloatField(
        _("home city longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    home_city_time_zone = models.CharField(
        _("home city time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("An IANA name such as Europe/Lisbon."),
    )

    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("easy language page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sign language page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name_de"),
                FieldPanel("name_en"),
                FieldPanel("unit_de"),
                FieldPanel("unit_en"),
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("town_de"),
                FieldPanel("town_en"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
            ],
            heading=_("Contact block"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("home_city_name_de"),
                FieldPanel("home_city_name_en"),
                FieldPanel("home_city_latitude"),
                FieldPanel("home_city_longitude"),
                FieldPanel("home_city_time_zone"),
            ],
            heading=_("Home city (the square on the maps, the time of the activities)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("easy_language_page"),
                FieldPanel("sign_language_page"),
            ],
            heading=_(
                "Footer pages (choose the German pages; "
                "their English versions are linked automatically)"
            ),
        ),
        version_panel(),
    ]

    class Meta:
        verbose_name = _("office and contact block")

    FOOTER_FIELDS = (
        "imprint_page",
        "privacy_page",
        "accessibility_page",
        "easy_language_page",
        "sign_language_page",
    )

    def __str__(self):
        return str(self._meta.verbose_name)

    HOME_CITY_FIELDS = (
        "home_city_name_de",
        "home_city_name_en",
        "home_city_latitude",
        "home_city_longitude",
        "home_city_time_zone",
    )

    def clean(self):
        super().clean()
        given = [name for name in self.HOME_CITY_FIELDS if getattr(self, name) not in ("", None)]
        if given and len(given) < len(self.HOME_CITY_FIELDS):
            raise ValidationError(
                _("Give all of the home city's fields (names, place and time zone) or none.")
            )

    @property
    def name(self):
        return localized(self, "name")

    @property
    def unit(self):
        return localized(self, "unit")

    @property
    def town(self):
        return localized(self, "town")


class NamedVocabulary(VersionedRecord):
    """A term that editors extend, named in both languages: a focus area, a kind of activity."""

    name_de = models.CharField(_("name (German)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name_de"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        version_panel(),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")
