"""Reads of activities for the public site and the back office's dashboard, each in a fixed
number of queries."""

import datetime

from django.contrib.postgres.fields import DateTimeRangeField
from django.db import connection, models
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from wagtail.permissions import policy_registry

from citypartners.accounts.visibility import own_records
from citypartners.organisations.selectors import organisations_public
from citypartners.partnerships.models import FoundingDocument, Partnership
from citypartners.partnerships.selectors import (
    partnerships_for_dashboard,
    partnerships_public_plain,
    public_partnership_q,
)

from .models import Activity

OPEN_START = datetime.date(1000, 1, 1)
OPEN_END = datetime.date(9000, 12, 31)


def activities_public():
    """Published, public activities with what lists show, in a fixed number of queries."""
    return (
        Activity.objects.filter(live=True, is_public=True)
        .select_related("kind")
        .prefetch_related(
            "focus_areas",
            # The owner too: the CSV download and the API name each partnership by it.
            # Only public partnerships: a draft's city never shows through an activity.
            Prefetch("partnerships", queryset=partnerships_public_plain()),
        )
    )


# Funded: a programme (in either language) and a grant agreement number (Activity.is_funded).
FUNDED = ~Q(grant_agreement_number="") & (~Q(funding_programme_de="") | ~Q(funding_programme_en=""))


def activities_funded_public():
    """Published, public, funded activities: those with a public grant report page."""
    return Activity.objects.filter(FUNDED, live=True, is_public=True)


def activity_grant_report(*, slug: str):
    """A public, live, funded activity with what its grant report shows (participants per
    country, programme days, public organisations), or None; four queries whatever their
    number. Its report stays reachable as long as the activity is public, also once over."""
    activity = (
        Activity.objects.filter(live=True, is_public=True, slug=slug)
        .select_related("kind")
        .prefetch_related(
            "participant_countries",
            "programme_days",
            Prefetch("organisations", queryset=organisations_public()),
        )
        .first()
    )
    if activity is None or not activity.is_funded:
        return None
    return activity


def activities_filtered(
    *,
    city=None,
    focus_area=None,
    kind=None,
    date_from=None,
    date_to=None,
    text="",
):
    """Public activities matching every given filter (each one optional), soonest first."""
    queryset = activities_public()
    joined = False  # a filter through a many-to-many table can repeat a row
    if city is not None:
        queryset = queryset.filter(public_partnership_q("partnerships"), partnerships__city=city)
        joined = True
    if focus_area is not None:
        queryset = queryset.filter(focus_areas=focus_area)
        joined = True
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    # Dates at the edges of the calendar (0001-01-01, 9999-12-31) mean "no limit": as times of
    # day in a time zone they would fall outside what a date can hold.
    if date_from is not None and date_from > OPEN_START:
        queryset = queryset.filter(ends_at__gt=_day_start(date_from))
    if date_to is not None and date_to < OPEN_END:
        queryset = queryset.filter(starts_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    if text:
        queryset = queryset.filter(
            Q(title_de__icontains=text)
            | Q(title_en__icontains=text)
            | Q(description_de__icontains=text)
            | Q(description_en__icontains=text)
            | Q(place_de__icontains=text)
            | Q(place_en__icontains=text)
        )
    # DISTINCT only where a row can repeat: over a million activities it made the list's
    # count and page cost a second.
    if joined:
        queryset = queryset.distinct()
    return queryset.order_by("starts_at", "pk")


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())


# The start as an expression, not the column: ordered by the column, PostgreSQL walks the
# index on the start from the oldest activity and tests each one's end (4 s over thirty years
# of a million activities); ordered by this, it finds the current ones through the index on
# the end and sorts only those (0.26 s).
_START_UNINDEXED = ExpressionWrapper(
    F("starts_at") + datetime.timedelta(0), output_field=models.DateTimeField()
)


def activities_current(queryset, *, now=None):
    """Not yet ended (running or upcoming), soonest first."""
    return queryset.filter(ends_at__gt=now or timezone.now()).order_by(_START_UNINDEXED, "pk")


def activities_past(queryset, *, now=None):
    """Ended, the most recently ended first (the order of the index on the end: the archive
    of a million activities pages without sorting them)."""
    return queryset.filter(ends_at__lte=now or timezone.now()).order_by("-ends_at", "-pk")


# What a calendar feed carries (issue 17): a client polls it every hour and wants what is
# coming and what just happened, not thirty years of history (the API and the downloads keep
# that). Bounded whatever the data: the nearest FEED_UPCOMING to come and the latest
# FEED_PAST that ended within FEED_PAST_DAYS.
FEED_PAST_DAYS = 365
FEED_UPCOMING = 200
FEED_PAST = 100


def activities_for_feed(queryset, *, now=None) -> list:
    """The feed's window of ``queryset``, soonest first, in a fixed number of queries."""
    now = now or timezone.now()
    # The ids of both parts first (two small queries), then the activities in one: the same
    # queries whether the past or the coming part is empty.
    upcoming = activities_current(queryset, now=now).values_list("pk", flat=True)
    past = (
        activities_past(queryset, now=now)
        .filter(ends_at__gt=now - datetime.timedelta(days=FEED_PAST_DAYS))
        .values_list("pk", flat=True)
    )
    ids = [*past[:FEED_PAST], *upcoming[:FEED_UPCOMING]]
    return list(activities_public().filter(pk__in=ids).order_by("starts_at", "pk"))


class _During(Func):
    """An activity's time as a range, [start, end): what the index activity_during holds
    (migration 0005, PostgreSQL only)."""

    function = "tstzrange"
    template = "%(function)s(%(expressions)s, '[)')"
    output_field = DateTimeRangeField()


def activities_in_month(queryset, *, year: int, month: int):
    """Activities overlapping a calendar month (in the site's time zone, the home city's).
    On PostgreSQL through the GiST index on their time (the same cost for any month); on
    SQLite by start and end."""
    first = datetime.date(year, month, 1)
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    if connection.vendor == "postgresql":
        queryset = queryset.alias(during=_During(F("starts_at"), F("ends_at"))).filter(
            during__overlap=DateTimeTZRange(_day_start(first), _day_start(following), "[)")
        )
    else:
        queryset = queryset.filter(
            starts_at__lt=_day_start(following), ends_at__gt=_day_start(first)
        )
    return queryset.order_by(_START_UNINDEXED, "pk")


# A month in the calendar names at most this many activities starting on one day; the rest
# of the day's are counted (issue 17: a country's month has thousands).
CALENDAR_PER_DAY = 4


def calendar_month(queryset, *, year: int, month: int, per_day: int | None = None):
    """The activities of ``queryset`` in a month for its calendar, bounded whatever the data:
    of those starting on each day (in the site's time zone), the first ``per_day`` by start,
    as a list soonest first, each with ``day``, its start day; and how many of the month's
    activities start on each day, {date: count} (a day before the month for one that began
    earlier). Two queries, and the listed activities' prefetches."""
    per_day = CALENDAR_PER_DAY if per_day is None else per_day
    ids = activities_in_month(queryset, year=year, month=month).order_by().values("pk")
    day = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    starting = dict(
        Activity.objects.filter(pk__in=ids)
        .annotate(day=day)
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    first = Window(RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("pk").asc()])
    shown = list(
        activities_public()
        .filter(pk__in=ids)
        .annotate(day=day, rank=first)
        .filter(rank__lte=per_day)
        .order_by(_START_UNINDEXED, "pk")
    )
    return shown, starting


def activities_of_city(*, city_id: int):
    return (
        activities_public()
        .filter(public_partnership_q("partnerships"), partnerships__city_id=city_id)
        .distinct()
    )


# --- the back office's dashboard (issue 14) -------------------------------------------------
# Each returns the exact number of records and the first ``limit`` of them, in a fixed number
# of queries whatever the data size (site/tests/test_dashboard.py holds them to it).

DASHBOARD_ROWS = 10


def _dashboard_activities(queryset):
    return queryset.select_related("owner").prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.select_related("city", "owner"))
    )


def activities_upcoming_for_dashboard(
    *,
    user,
    days: int = 30,
    now: datetime.datetime | None = None,
    limit: int = DASHBOARD_ROWS,
    offset: int = 0,
) -> tuple[int, list]:
    """The account's activities running or starting in the next ``days`` days (drafts too,
    cancelled ones too: the office still answers for them), soonest first. Three queries."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    queryset = own_records(user, Activity.objects.all()).filter(
        ends_at__gt=now, starts_at__lt=_day_start(today + datetime.timedelta(days=days + 1))
    )
    ordered = queryset.order_by(_START_UNINDEXED, "pk")
    rows = list(_dashboard_activities(ordered)[offset : offset + limit])
    return queryset.count(), rows


def activity_drafts_for_dashboard(
    *, user, limit: int = DASHBOARD_ROWS, offset: int = 0
) -> tuple[int, list]:
    """Activities the account may change with changes not yet published (new ones never
    published too), the most recently changed first. Three queries."""
    editable = policy_registry.get_by_type(Activity).instances_user_has_permission_for(
        user, "change"
    )
    queryset = editable.filter(has_unpublished_changes=True)
    rows = list(
        _dashboard_activities(
            queryset.select_related("latest_revision").order_by(
                F("latest_revision__created_at").desc(nulls_last=True), "-pk"
            )
        )[offset : offset + limit]
    )
    return queryset.count(), rows


def partnerships_inactive_for_dashboard(
    *,
    user,
    years: int = 2,
    now: datetime.datetime | None = None,
    limit: int = DASHBOARD_ROWS,
    offset: int = 0,
) -> tuple[int, list]:
    """The account's partnerships that have not ended and have had no activity (of any owner,
    not cancelled) for ``years`` years, nor any to come; those founded since not counted.
    Each with ``last_activity_end``; the longest quiet first. Two queries."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    activities = Activity.objects.filter(partnerships=OuterRef("pk")).exclude(
        status=Activity.Status.CANCELLED
    )
    founded_since = FoundingDocument.objects.filter(
        partnership=OuterRef("pk"), is_shown=True, date__gt=cutoff
    )
    queryset = (
        partnerships_for_dashboard(user=user, today=today)
        .exclude(Exists(activities.filter(ends_at__gt=_day_start(cutoff))))
        .exclude(Exists(founded_since))
        .annotate(last_activity_end=Subquery(activities.order_by("-ends_at").values("ends_at")[:1]))
    )
    rows = list(
        queryset.select_related("city", "owner").order_by(
            F("last_activity_end").asc(nulls_first=True), "city__name_en", "owner__sort_order"
        )[offset : offset + limit]
    )
    return queryset.count(), rows
