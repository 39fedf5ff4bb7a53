"""Projects of the partnerships, and proposals for new ones from the public."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from citypartners.core.admin_display import ReadOnlyFieldPanel
from citypartners.core.home_city import home_city
from citypartners.core.i18n import localized
from citypartners.core.models import VersionedRecord, version_panel
from citypartners.core.stemming import stem_text
from citypartners.owners.models import owner_foreign_key

PROPOSAL_MAX_LENGTH = 4000


class Project(index.Indexed, VersionedRecord, ClusterableModel):
    """A project of one or more partnerships, from proposal to done."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    owner = owner_foreign_key()
    # One of the two may wait for its translation (a project made from a proposal starts in
    # the proposal's language only); clean() asks for at least one.
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description_de = RichTextField(_("description (German)"), blank=True)
    description_en = RichTextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    partnerships = ParentalManyToManyField(
        "partnerships.Partnership", verbose_name=_("partnerships"), related_name="projects"
    )
    focus_areas = ParentalManyToManyField(
        "partnerships.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="projects",
    )
    contacts = ParentalManyToManyField(
        "contacts.ContactPerson",
        verbose_name=_("contact people"),
        blank=True,
        related_name="projects",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    # Its page's last change, for the sitemap's lastmod.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("owner"),
        FieldRowPanel([FieldPanel("title_de"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("status")]),
        FieldPanel("partnerships"),
        FieldPanel("focus_areas"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description_de"),
        FieldPanel("description_en"),
        InlinePanel("project_organisations", heading=_("Organisations"), label=_("organisation")),
        FieldPanel("contacts", permission="contacts.view_contactperson"),
        version_panel(),
    ]
    search_fields = [
        index.SearchField("title_de", boost=2),
        index.SearchField("title_en", boost=2),
        index.SearchField("stemmed_text"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-start_date", "title_en"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not (self.title_de.strip() or self.title_en.strip()):
            raise ValidationError(
                {"title_de": _("Give the project a title, in German or in English.")}
            )

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    def stemmed_text(self) -> str:
        return " ".join(
            [
                stem_text(self.title_de, self.description_de, language="de"),
                stem_text(self.title_en, self.description_en, language="en"),
            ]
        )


def _home_city_name():
    return home_city().name


def side_choices():
    """The sides of a project; a callable, so that migrations do not record the home city."""
    return ProjectOrganisation.Side.choices


class ProjectOrganisation(Orderable):
    """An organisation's part in a project, on the home city's or the partner city's side."""

    class Side(models.TextChoices):
        # Labelled with the office's city (settings.HOME_CITY), in the active language.
        HOME = "home", lazy(_home_city_name, str)()
        PARTNER = "partner", _("partner city")
        OTHER = "other", _("other")

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="project_organisations")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_roles",
    )
    side = models.CharField(_("side"), max_length=10, choices=side_choices)
    role_de = models.CharField(_("role (German)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("side"),
        FieldRowPanel([FieldPanel("role_de"), FieldPanel("role_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation in the project")

    @property
    def role(self):
        return localized(self, "role")


class Proposal(VersionedRecord):
    """A proposal for an activity or project sent by the public; nothing is ever lost."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Where the office's answers go; empty if the sender gave none."),
    )
    city = models.ForeignKey(
        "partnerships.City",
        verbose_name=_("partner city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    focus_area = models.ForeignKey(
        "partnerships.FocusArea",
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    text = models.TextField(_("proposal"), max_length=PROPOSAL_MAX_LENGTH)
    consent = models.BooleanField(_("consent to storing the data"), default=False)
    language = models.CharField(
        _("original language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language of the page the proposal was sent from. The project made from it "
            "starts in this language, and the e-mails to the sender are written in it."
        ),
    )
    client_key = models.CharField(
        _("sender key"),
        max_length=64,
        editable=False,
        db_index=True,
        help_text=_("A keyed hash of the sender's address, only for the rate limit."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        help_text=_(
            "Sent to the sender in the e-mail about the decision: write it to them, and "
            "name no other person."
        ),
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("accepted as project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("accepted as activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notified_at = models.DateTimeField(
        _("e-mail to the office queued"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the e-mail to the office went into the outbox (see Outgoing mail); empty "
            "while the office had no address, or if its sending failed before the outbox "
            "existed: the command send_pending_notifications queues it."
        ),
    )

    panels = [
        ReadOnlyFieldPanel("status"),
        ReadOnlyFieldPanel("name"),
        ReadOnlyFieldPanel("organisation_name"),
        ReadOnlyFieldPanel("email"),
        ReadOnlyFieldPanel("city"),
        ReadOnlyFieldPanel("focus_area"),
        ReadOnlyFieldPanel("text"),
        ReadOnlyFieldPanel("language"),
        FieldPanel("decline_reason"),
        FieldPanel("project"),
        FieldPanel("activity"),
        version_panel(),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return f"{self.name}: {self.text[:50]}"
