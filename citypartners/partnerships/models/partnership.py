"""A partnership between an owner (state or borough) and a city, with its dated history."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.documents import get_document_model_string
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from citypartners.core.i18n import localized
from citypartners.core.models import ScheduleAnnotatedMixin


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year only")


class Partnership(
    ScheduleAnnotatedMixin,
    WorkflowMixin,
    PreviewableMixin,
    LockableMixin,
    DraftStateMixin,
    RevisionMixin,
    ClusterableModel,
):
    """One owner's partnership with one city; drafts, revisions and review as for activities
    (the public sees the live row only, see selectors.partnerships_public)."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("official partnership")
        FRIENDSHIP = "friendship", _("friendship")
        PROJECT = "project", _("project cooperation")

    owner = models.ForeignKey(
        "owners.Owner",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    city = models.ForeignKey(
        "partnerships.City",
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PARTNERSHIP
    )
    focus_areas = ParentalManyToManyField(
        "partnerships.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="partnerships",
    )
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Untick while the partnership or its date rests on a single source."),
    )
    editor_note = models.TextField(
        _("note for editors"), blank=True, help_text=_("Never shown on the public site.")
    )

    panels = [
        FieldPanel("owner"),
        FieldPanel("city"),
        FieldPanel("kind"),
        FieldPanel("focus_areas"),
        InlinePanel("founding_documents", heading=_("Founding documents"), label=_("document")),
        InlinePanel("status_history", heading=_("Status history"), label=_("status change")),
        MultiFieldPanel([FieldPanel("verified"), FieldPanel("editor_note")], heading=_("Sources")),
        PublishingPanel(),
    ]

    class Meta:
        ordering = ["owner__sort_order", "city__name_en"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "city"],
                name="unique_partnership_per_owner_and_city",
                violation_error_message=_("This owner already has a partnership with this city."),
            )
        ]

    def __str__(self):
        return f"{self.owner} – {self.city}"

    def get_preview_template(self, request, mode_name):
        return "partnerships/partnership_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"partnership": self, "preview": True}


class PartnershipStatus(models.Model):
    """A change of status, valid from its date until the next change."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        SUSPENDED = "suspended", _("suspended")
        ENDED = "ended", _("ended")

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    valid_from = models.DateField(_("valid from"))
    reason_de = models.TextField(_("reason (German)"), blank=True)
    reason_en = models.TextField(_("reason (English)"), blank=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("valid_from"),
        FieldPanel("reason_de"),
        FieldPanel("reason_en"),
    ]

    class Meta:
        ordering = ["valid_from", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self):
        return f"{self.get_status_display()} ({self.valid_from:%Y-%m-%d})"

    @property
    def reason(self):
        return localized(self, "reason")


class FoundingDocument(models.Model):
    """A declaration or agreement that founded or renewed the partnership, with its source."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("joint declaration")
        AGREEMENT = "agreement", _("agreement")
        FRAMEWORK = "framework", _("framework agreement")
        DOCUMENT = "document", _("founding document")

    partnership = ParentalKey(
        Partnership, on_delete=models.CASCADE, related_name="founding_documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    note_de = models.CharField(_("note (German)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the date comes from; one address a line.")
    )
    # The signed text itself, in the documents library: uploads are checked by content
    # (core.uploads.DocumentForm) and its collections' rights decide who may see it.
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The signed document, for example as PDF."),
    )
    is_shown = models.BooleanField(
        _("date shown as “partner since”"),
        default=False,
        help_text=_("Exactly one document of a partnership gives the date shown to the public."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("date_precision"),
        FieldPanel("note_de"),
        FieldPanel("note_en"),
        FieldPanel("source"),
        FieldPanel("document"),
        FieldPanel("is_shown"),
    ]

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("founding document")
        verbose_name_plural = _("founding documents")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%Y-%m-%d})"

    @property
    def note(self):
        return localized(self, "note")

    @property
    def sources(self):
        return [line.strip() for line in self.source.splitlines() if line.strip()]
