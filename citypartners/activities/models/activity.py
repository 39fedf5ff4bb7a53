"""Activities and events through which a partnership lives."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from citypartners.core.countries import country_name, validate_country_code
from citypartners.core.home_city import home_time_zone
from citypartners.core.i18n import localized
from citypartners.core.models import NamedVocabulary, ScheduleAnnotatedMixin
from citypartners.core.stemming import stem_text
from citypartners.owners.models import owner_foreign_key
from citypartners.partnerships.models.partnership import DatePrecision


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(zone)s” is not a time zone name, such as Europe/Berlin or Asia/Tokyo."),
            params={"zone": value},
            code="unknown_timezone",
        ) from error


class ActivityKind(NamedVocabulary):
    """A kind of activity, such as an official visit or a youth exchange."""

    class Meta(NamedVocabulary.Meta):
        verbose_name = _("kind of activity")
        verbose_name_plural = _("kinds of activity")


class Activity(
    ScheduleAnnotatedMixin,
    WorkflowMixin,
    PreviewableMixin,
    LockableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """An activity or event of one or more partnerships, public or internal."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    owner = owner_foreign_key()
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description_de = RichTextField(_("description (German)"), blank=True)
    description_en = RichTextField(_("description (English)"), blank=True)
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="activities"
    )
    focus_areas = ParentalManyToManyField(
        "partnerships.FocusArea",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="activities",
    )
    partnerships = ParentalManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("partnerships"),
        related_name="activities",
    )
    all_day = models.BooleanField(
        _("date only"), default=True, help_text=_("Untick to give start and end times.")
    )
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone of the place"),
        max_length=64,
        default=home_time_zone,  # the office's own city's zone
        validators=[validate_timezone],
        help_text=_("Times are given in this zone, for example Asia/Tokyo for an event in Tokyo."),
    )
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # Derived from the fields above (compute_bounds) by the services, which set them on every
    # write (activities.services), so that the database can sort and split current from past
    # activities: the first and the first-after-last instant.
    starts_at = models.DateTimeField(_("starts"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends"), editable=False, db_index=True)
    place_de = models.CharField(_("place (German)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    organisations = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations taking part"),
        blank=True,
        related_name="activities",
    )
    other_institutions = models.TextField(
        _("other institutions taking part"),
        blank=True,
        help_text=_("Names of institutions not (yet) in the network, one a line."),
    )
    contacts = ParentalManyToManyField(
        "contacts.ContactPerson",
        verbose_name=_("contact people"),
        blank=True,
        related_name="activities",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    registration_url = models.URLField(_("link for registration"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_de = models.CharField(_("image description (German)"), max_length=250, blank=True)
    image_alt_en = models.CharField(_("image description (English)"), max_length=250, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Internal activities never appear on the site.")
    )
    source = models.TextField(_("source"), blank=True, help_text=_("For editors; not shown."))
    # Funding (issue 15): an activity with a programme and a grant agreement number is funded
    # and has a public grant report page (site: <activity>/foerderbericht/, /grant-report/).
    funding_programme_de = models.CharField(
        _("funding programme (German)"),
        max_length=200,
        blank=True,
        help_text=_("For example: CERV – Städtepartnerschaften."),
    )
    funding_programme_en = models.CharField(
        _("funding programme (English)"),
        max_length=200,
        blank=True,
        help_text=_("For example: CERV – Town twinning."),
    )
    grant_agreement_number = models.CharField(
        _("grant agreement number"),
        max_length=100,
        blank=True,
        help_text=_("With a programme, this makes the activity funded: it gets a grant report."),
    )
    funding_statement_de = models.TextField(
        _("funding statement (German)"),
        blank=True,
        help_text=_(
            "The sentence the programme requires, for example: Gefördert von der "
            "Europäischen Union."
        ),
    )
    funding_statement_en = models.TextField(
        _("funding statement (English)"),
        blank=True,
        help_text=_(
            "The sentence the programme requires, for example: Funded by the European Union."
        ),
    )
    keep_online_until = models.DateField(
        _("keep the grant report online until"),
        null=True,
        blank=True,
        help_text=_(
            "Until this day the activity cannot be deleted, unpublished or made internal, "
            "as the programme requires."
        ),
    )

    panels = [
        FieldPanel("owner"),
        MultiFieldPanel(
            [FieldPanel("title_de"), FieldPanel("title_en"), FieldPanel("slug")],
            heading=_("Title"),
        ),
        FieldPanel("kind"),
        FieldPanel("partnerships"),
        FieldPanel("focus_areas"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("timezone"),
                FieldPanel("date_precision"),
            ],
            heading=_("Date and time"),
        ),
        FieldRowPanel([FieldPanel("place_de"), FieldPanel("place_en")]),
        FieldPanel("description_de"),
        FieldPanel("description_en"),
        FieldPanel("project"),
        FieldPanel("organisations"),
        FieldPanel("other_institutions"),
        FieldPanel("contacts", permission="contacts.view_contactperson"),
        FieldPanel("registration_url"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_de"), FieldPanel("image_alt_en")],
            heading=_("Image"),
        ),
        FieldPanel("is_public"),
        FieldPanel("source"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("funding_programme_de"), FieldPanel("funding_programme_en")]
                ),
                FieldPanel("grant_agreement_number"),
                FieldPanel("funding_statement_de"),
                FieldPanel("funding_statement_en"),
                FieldPanel("keep_online_until"),
                InlinePanel(
                    "participant_countries",
                    heading=_("Participants per country"),
                    label=_("country"),
                ),
                InlinePanel("programme_days", heading=_("Programme day by day"), label=_("day")),
            ],
            heading=_("Funding"),
        ),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("title_de", boost=2),
        index.SearchField("title_en", boost=2),
        index.SearchField("description_de"),
        index.SearchField("description_en"),
        index.SearchField("place_de"),
        index.SearchField("place_en"),
        index.SearchField("stemmed_de"),
        index.SearchField("stemmed_en"),
        index.AutocompleteField("title_de"),
        index.AutocompleteField("title_en"),
        index.FilterField("live"),
        index.FilterField("is_public"),
        index.FilterField("owner"),  # choosers search only what the account may see
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        # The lists, the calendar and the feeds find activities by their end ("current" is
        # "not yet ended", the archive is newest end first). An index by start made
        # PostgreSQL walk thirty years of starts to find this month's (tried: 3.7 s for
        # the current list at a million activities).
        indexes = [
            models.Index(fields=["live", "is_public", "ends_at"]),
            # The Atom feed: the newest published first (it sorted a million rows: 0.9 s).
            models.Index(
                fields=["live", "is_public", "-first_published_at", "-id"], name="activity_newest"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    def stemmed_de(self) -> str:
        return stem_text(
            self.title_de, self.description_de, self.place_de, self.kind.name_de, language="de"
        )

    def stemmed_en(self) -> str:
        return stem_text(
            self.title_en, self.description_en, self.place_en, self.kind.name_en, language="en"
        )

    @property
    def description(self):
        return localized(self, "description")

    @property
    def funding_programme(self):
        return localized(self, "funding_programme")

    @property
    def funding_statement(self):
        return localized(self, "funding_statement")

    @property
    def is_funded(self) -> bool:
        """Funded: a programme and a grant agreement number; it has a grant report page."""
        programme = self.funding_programme_de.strip() or self.funding_programme_en.strip()
        return bool(programme and self.grant_agreement_number.strip())

    def keeps_grant_report_online(self, today: datetime.date | None = None) -> bool:
        """Whether this (saved, live) state must stay on the public site today: a public,
        live, funded activity whose keep-online date has not passed."""
        today = today or timezone.localdate()
        return bool(
            self.live
            and self.is_public
            and self.is_funded
            and self.keep_online_until is not None
            and self.keep_online_until >= today
        )

    @property
    def place(self):
        return localized(self, "place")

    @property
    def image_alt(self):
        return localized(self, "image_alt")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone or home_time_zone())

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def other_institution_names(self):
        return [line.strip() for line in self.other_institutions.splitlines() if line.strip()]

    def compute_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The first instant of the activity and the instant it is over, both aware."""
        zone = self.zone
        end_date = self.end_date or self.start_date
        if self.all_day or self.start_time is None:
            start = datetime.datetime.combine(self.start_date, datetime.time(), zone)
            if self.date_precision == DatePrecision.YEAR:
                last = datetime.date(end_date.year, 12, 31)
            elif self.date_precision == DatePrecision.MONTH:
                next_month = (end_date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
                last = next_month - datetime.timedelta(days=1)
            else:
                last = end_date
            # A date-only activity lasts until midnight at the end of its last day, locally.
            end = datetime.datetime.combine(
                last + datetime.timedelta(days=1), datetime.time(), zone
            )
        else:
            start = datetime.datetime.combine(self.start_date, self.start_time, zone)
            end_time = self.end_time or self.start_time
            end = datetime.datetime.combine(end_date, end_time, zone)
        return start, end

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date lies before the start date.")
        if not self.all_day and self.start_time is None:
            errors["start_time"] = _("Give a start time, or tick “date only”.")
        if self.all_day and (self.start_time or self.end_time):
            errors["all_day"] = _("A date-only activity has no times; untick “date only”.")
        if self.is_funded and not (
            self.funding_statement_de.strip() or self.funding_statement_en.strip()
        ):
            errors["funding_statement_de"] = _(
                "A funded activity needs the funding statement the programme requires."
            )
        if not errors and self.start_date and not self.timezone_errors():
            start, end = self.compute_bounds()
            if end < start:
                errors["end_time"] = _("The activity ends before it starts.")
        if errors:
            raise ValidationError(errors)

    def timezone_errors(self):
        try:
            validate_timezone(self.timezone)
        except ValidationError as error:
            return error.messages
        return []

    def get_preview_template(self, request, mode_name):
        return "site/activity_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"activity": self, "partner_links": [], "preview": True}


class ActivityParticipantCountry(Orderable):
    """How many people from one country took part in a funded activity."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="participant_countries")
    country_code = models.CharField(
        _("country"),
        max_length=2,
        validators=[validate_country_code],
        help_text=_("Two letters (ISO 3166), for example DE, FR or PL."),
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        validators=[
            MinValueValidator(
                1,
                message=_("Give at least 1 participant; leave out a country nobody came from."),
            )
        ],
    )

    panels = [FieldRowPanel([FieldPanel("country_code"), FieldPanel("participants")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participants from a country")
        verbose_name_plural = _("participants per country")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "country_code"],
                name="unique_participant_country_per_activity",
                violation_error_message=_("Each country is listed once per activity."),
            )
        ]

    def __str__(self):
        return f"{self.country_name}: {self.participants}"

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)


class ActivityProgrammeDay(Orderable):
    """One day of a funded activity's programme, as the grant report shows it."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="programme_days")
    date = models.DateField(_("day"))
    text_de = models.TextField(_("programme (German)"), blank=True)
    text_en = models.TextField(_("programme (English)"), blank=True)

    panels = [FieldPanel("date"), FieldPanel("text_de"), FieldPanel("text_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme day")
        verbose_name_plural = _("programme days")

    def __str__(self):
        return self.date.isoformat() if self.date else ""

    @property
    def text(self):
        return localized(self, "text")

    def clean(self):
        super().clean()
        errors = {}
        if not (self.text_de.strip() or self.text_en.strip()):
            errors["text_de"] = _("Say what happened on this day, in German or in English.")
        activity = getattr(self, "activity", None)
        outside = programme_day_error(activity, self.date) if activity is not None else None
        if outside:
            errors["date"] = outside
        if errors:
            raise ValidationError(errors)


def programme_day_error(activity: Activity, day: datetime.date | None) -> str | None:
    """Why `day` cannot be a programme day of `activity` (it lies outside its dates), or
    None. For the day's own clean() and the activity's back-office form, whose rows do not
    know their activity while they are checked."""
    first = activity.start_date
    if not (day and first):
        return None
    last = activity.end_date or first
    if first <= day <= last:
        return None
    return _("This day lies outside the activity's dates (%(first)s to %(last)s).") % {
        "first": date_format(first, "SHORT_DATE_FORMAT"),
        "last": date_format(last, "SHORT_DATE_FORMAT"),
    }
