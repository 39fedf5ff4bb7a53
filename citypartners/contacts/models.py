"""Contact people: personal data, kept in the back office and shown only with consent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from citypartners.core.i18n import localized
from citypartners.core.models import VersionedRecord, version_panel


class ContactPersonQuerySet(models.QuerySet):
    def shown_publicly(self):
        """Only people who agreed to be shown on the public site."""
        return self.filter(consent_public=True)


class ContactPerson(VersionedRecord, ClusterableModel):
    """A person the office works with; never in the API, public only with consent."""

    name = models.CharField(_("name"), max_length=200)
    role_de = models.CharField(_("role (German)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("For example: de, en, pl")
    )
    focus_areas = ParentalManyToManyField(
        "partnerships.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="contacts",
    )
    partnerships = ParentalManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("partnerships"),
        blank=True,
        related_name="contacts",
    )
    consent_stored_on = models.DateField(
        _("consent to storing given on"), default=timezone.localdate
    )
    consent_stored_how = models.CharField(
        _("consent to storing given how"),
        max_length=200,
        help_text=_("For example: signed form, e-mail of 3 May 2026."),
    )
    consent_public = models.BooleanField(
        _("agreed to be shown publicly"),
        default=False,
        help_text=_("Only then do name, role and e-mail appear on the public site."),
    )
    consent_public_on = models.DateField(_("public consent given on"), null=True, blank=True)
    # When the person last lost their last link to a partnership, for the retention report;
    # set by the services (contact_retention_set, contact_retention_recompute).
    unlinked_since = models.DateTimeField(_("without a partnership since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactPersonQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role_de"), FieldPanel("role_en")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("languages"),
        FieldPanel("partnerships"),
        FieldPanel("focus_areas"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("consent_stored_on"), FieldPanel("consent_stored_how")]),
                FieldRowPanel([FieldPanel("consent_public"), FieldPanel("consent_public_on")]),
            ],
            heading=_("Consent"),
        ),
        version_panel(),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self):
        return self.name

    @property
    def role(self):
        return localized(self, "role")
