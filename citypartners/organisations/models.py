"""Organisations in Berlin and in the partner cities through which partnerships work."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from citypartners.core.i18n import localized
from citypartners.core.models import VersionedRecord, version_panel
from citypartners.core.stemming import stem_text
from citypartners.owners.models import owner_foreign_key


class Organisation(index.Indexed, VersionedRecord, ClusterableModel):
    """A stakeholder: university, school, company, club, agency, ... in any city."""

    class Type(models.TextChoices):
        UNIVERSITY = "university", _("university")
        RESEARCH = "research", _("research institute")
        SCHOOL = "school", _("school")
        COMPANY = "company", _("company")
        CHAMBER = "chamber", _("chamber or business association")
        CULTURE = "culture", _("cultural institution")
        SPORTS = "sports", _("sports club")
        NGO = "ngo", _("NGO")
        MUNICIPAL = "municipal", _("municipal agency")
        FEDERAL = "federal", _("federal institution")
        PARTNER_ADMIN = "partner_admin", _("partner city administration")
        OTHER = "other", _("other")

    owner = owner_foreign_key()
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    city = models.ForeignKey(
        "partnerships.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    focus_areas = ParentalManyToManyField(
        "partnerships.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="organisations",
    )
    partnerships = ParentalManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("partnerships"),
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    description_de = RichTextField(_("description (German)"), blank=True)
    description_en = RichTextField(_("description (English)"), blank=True)
    # Its page's last change, for the sitemap's lastmod.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("owner"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("type"), FieldPanel("city")]),
        FieldPanel("partnerships"),
        FieldPanel("focus_areas"),
        FieldPanel("website"),
        FieldPanel("description_de"),
        FieldPanel("description_en"),
        version_panel(),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("stemmed_text"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def description(self):
        return localized(self, "description")

    def stemmed_text(self) -> str:
        return " ".join(
            [
                stem_text(self.name, self.description_de, language="de"),
                stem_text(self.name, self.description_en, language="en"),
            ]
        )
