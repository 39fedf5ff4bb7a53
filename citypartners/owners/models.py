"""Who keeps records: the state itself or one of its boroughs.

Every partnership, activity, project and organisation has an owner; only the owner's
accounts change it (see accounts.permissions).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from citypartners.core.i18n import localized
from citypartners.core.models import VersionedRecord, version_panel


class Owner(VersionedRecord):
    """A public body that keeps partnerships: the state itself or one of its boroughs."""

    class Kind(models.TextChoices):
        STATE = "state", _("state")
        BOROUGH = "borough", _("borough")
        OTHER = "other", _("other public body")

    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name_de"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
        version_panel(),
    ]

    class Meta:
        ordering = ["sort_order", "name_de"]
        verbose_name = _("owner")
        verbose_name_plural = _("owners")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")


def owner_foreign_key():
    """The owner (the state or a borough) of a partnership, activity, project or organisation."""
    return models.ForeignKey(
        "owners.Owner",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,  # the form asks for it (OwnedRecordForm); empty means the state
        related_name="+",
        help_text=_("Who keeps this record: only its editors may change it."),
    )
