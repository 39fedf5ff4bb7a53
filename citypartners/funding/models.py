"""Money of the partnerships: budget lines per year, planned and spent, by funding source.

What must stay true: a line belongs to one partnership, and a project or activity named on
it is one of that partnership's; amounts are euro, never negative, at least one of the two
given. Money is internal: only a line an editor marks as public may leave the back office
(``selectors.budget_lines_public``), and the owner rules read "public" where other records
read "published" (``permissions.BudgetLinePermissionPolicy``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin

from citypartners.core.i18n import localized
from citypartners.owners.models import owner_foreign_key

from .fields import EuroField, euro

FIRST_YEAR = 1950  # before the first town twinnings of the post-war years
LAST_YEAR = 2100
EURO = "EUR"


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own", _("own budget")
    EU = "eu", _("EU programme")
    FEDERAL = "federal", _("federal funds")
    STATE = "state", _("state funds")
    FOUNDATION = "foundation", _("foundation")
    OTHER = "other", _("other")


class BudgetLine(RevisionMixin, models.Model):
    """Money planned for and spent on a partnership (or one of its projects or activities)
    in one year, from one funding source."""

    owner = owner_foreign_key()
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        help_text=_("Optional: a project of this partnership that the money is for."),
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        help_text=_("Optional: an activity of this partnership that the money is for."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        db_index=True,
    )
    amount_planned = EuroField(_("planned (euro)"), null=True, blank=True)
    amount_spent = EuroField(_("spent (euro)"), null=True, blank=True)
    # Every amount is in euro; the column says so for whoever reads the data elsewhere.
    currency = models.CharField(_("currency"), max_length=3, default=EURO, editable=False)
    source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices, db_index=True
    )
    # Any focus area, not only the partnership's listed ones: money often opens a new field.
    focus_area = models.ForeignKey(
        "partnerships.FocusArea",
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    note_de = models.TextField(_("note (German)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Money is internal. Tick this only for a line the office publishes, such as a "
            "grant whose funder asks for it to be named."
        ),
    )

    panels = [
        FieldPanel("owner"),
        FieldPanel("partnership"),
        FieldRowPanel([FieldPanel("project"), FieldPanel("activity")]),
        FieldRowPanel([FieldPanel("year"), FieldPanel("source"), FieldPanel("focus_area")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("amount_planned"), FieldPanel("amount_spent")])],
            heading=_("Amounts in euro"),
        ),
        FieldPanel("note_de"),
        FieldPanel("note_en"),
        FieldPanel("is_public"),
    ]

    class Meta:
        ordering = ["-year", "partnership_id", "source", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_planned__gte=0) | models.Q(amount_planned=None),
                name="budget_line_planned_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_spent__gte=0) | models.Q(amount_spent=None),
                name="budget_line_spent_not_negative",
            ),
            models.CheckConstraint(condition=models.Q(currency=EURO), name="budget_line_in_euro"),
        ]

    def __str__(self):
        return f"{self.year} · {self.partnership} · {self.get_source_display()}"

    def clean(self):
        super().clean()
        errors = budget_line_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def note(self):
        return localized(self, "note")

    def _planned_display(self) -> str:
        return euro(self.amount_planned)

    def _spent_display(self) -> str:
        return euro(self.amount_spent)

    # The amounts in the reader's format, for the list and the inspect view (which take
    # a property's label from its getter's short_description, as Django's admin does).
    _planned_display.short_description = _("planned (euro)")
    _spent_display.short_description = _("spent (euro)")
    planned_display = property(_planned_display)
    spent_display = property(_spent_display)


def budget_line_errors(line) -> dict:
    """What is wrong with a budget line, by field: no amount, or a project or activity of
    another partnership. One rule for the model, the admin form and the services."""
    errors = {}
    if line.amount_planned is None and line.amount_spent is None:
        errors["amount_planned"] = _("Give the amount planned, the amount spent, or both.")
    partnership_id = line.partnership_id
    if partnership_id is None:
        return errors
    project = line.project if line.project_id else None
    activity = line.activity if line.activity_id else None
    if project is not None and not project.partnerships.filter(pk=partnership_id).exists():
        errors["project"] = _(
            "The project “%(project)s” is not one of this partnership's projects. Choose "
            "one of its projects, or add the partnership to the project first."
        ) % {"project": project}
    if activity is not None:
        if not activity.partnerships.filter(pk=partnership_id).exists():
            errors["activity"] = _(
                "The activity “%(activity)s” is not one of this partnership's activities. "
                "Choose one of its activities, or add the partnership to the activity first."
            ) % {"activity": activity}
        elif project is not None and activity.project_id not in (None, project.pk):
            errors["activity"] = _(
                "The activity “%(activity)s” belongs to another project than the one chosen."
            ) % {"activity": activity}
    return errors
