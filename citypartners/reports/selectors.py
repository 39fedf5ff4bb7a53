"""The figures of a partnership report (issue 15), one selector per figure.

Each takes the report's question (``query.ReportQuery``) and runs a fixed number of queries
whatever the data size. Without ``internal`` a report holds only what the public site shows:
public, published activities; published partnerships of published cities; projects past the
proposal and not dropped (the public site's rules, from each app's selectors).
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from citypartners.activities.models import Activity
from citypartners.funding import selectors as money
from citypartners.owners.models import Owner
from citypartners.partnerships.models import FoundingDocument, Partnership, PartnershipStatus
from citypartners.partnerships.selectors import PUBLIC_PARTNERSHIP
from citypartners.projects.models import Project
from citypartners.projects.selectors import PUBLIC_STATUSES

from .query import ReportQuery

ENDED = PartnershipStatus.Status.ENDED


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())


def period_bounds(query: ReportQuery) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as instants in the office's time zone: from the first day's start to the
    start of the day after the last."""
    return _day_start(query.date_from), _day_start(query.date_to + datetime.timedelta(days=1))


def report_partnerships(query: ReportQuery):
    """The partnerships the report covers: of the owners, cities and focus areas asked, in
    force at some time of the period (not founded after it, not ended before it), with city
    and owner, founding documents and status history (what the report shows of each).
    Ordered by city, then owner."""
    queryset = Partnership.objects.all()
    if not query.internal:
        queryset = queryset.filter(PUBLIC_PARTNERSHIP)
    if query.owners:
        queryset = queryset.filter(owner__in=query.owners)
    if query.cities:
        queryset = queryset.filter(city__in=query.cities)
    if query.focus_areas:
        queryset = queryset.filter(
            pk__in=Partnership.focus_areas.through.objects.filter(
                focusarea__in=query.focus_areas
            ).values("partnership_id")
        )
    founded_after = FoundingDocument.objects.filter(
        partnership=OuterRef("pk"), is_shown=True, date__gt=query.date_to
    )
    status_at_start = (
        PartnershipStatus.objects.filter(
            partnership=OuterRef("pk"), valid_from__lte=query.date_from
        )
        .order_by("-valid_from", "-pk")
        .values("status")[:1]
    )
    # Ended before the period began, unless taken up again during it.
    resumed = PartnershipStatus.objects.filter(
        partnership=OuterRef("pk"),
        valid_from__gt=query.date_from,
        valid_from__lte=query.date_to,
    ).exclude(status=ENDED)
    queryset = (
        queryset.exclude(Exists(founded_after))
        .annotate(status_at_start=status_at_start)
        .filter(Q(status_at_start__isnull=True) | ~Q(status_at_start=ENDED) | Exists(resumed))
    )
    return (
        queryset.select_related("city", "owner")
        .prefetch_related(
            Prefetch(
                "founding_documents",
                queryset=FoundingDocument.objects.order_by("date", "pk"),
            ),
            Prefetch(
                "status_history",
                queryset=PartnershipStatus.objects.order_by("valid_from", "pk"),
            ),
        )
        .order_by("city__name_en", "city_id", "owner__sort_order", "pk")
    )


def _activities_asked(query: ReportQuery):
    """The activities taking place, at least in part, in the period, of the owners, partner
    cities, focus areas and kinds asked (unordered, nothing loaded with them)."""
    start, end = period_bounds(query)
    queryset = Activity.objects.filter(ends_at__gt=start, starts_at__lt=end)
    if not query.internal:
        queryset = queryset.filter(live=True, is_public=True)
    if query.owners:
        queryset = queryset.filter(owner__in=query.owners)
    related = Q()
    if query.cities:
        related &= Q(
            pk__in=Activity.partnerships.through.objects.filter(
                partnership__city__in=query.cities
            ).values("activity_id")
        )
    if query.focus_areas:
        related &= Q(
            pk__in=Activity.focus_areas.through.objects.filter(
                focusarea__in=query.focus_areas
            ).values("activity_id")
        )
    if query.kinds:
        related &= Q(kind__in=query.kinds)
    return queryset.filter(related)


def report_activities(query: ReportQuery):
    """The activities of the question (``_activities_asked``) in date order, with what the
    report shows of each."""
    partnerships = Partnership.objects.select_related("city", "owner")
    if not query.internal:
        partnerships = partnerships.filter(PUBLIC_PARTNERSHIP)
    return (
        _activities_asked(query)
        .select_related("kind", "owner", "project")
        .prefetch_related(
            Prefetch("partnerships", queryset=partnerships),
            "focus_areas",
            "organisations",
        )
        .order_by("starts_at", "pk")
    )


def report_projects(query: ReportQuery):
    """The projects running at some time of the period (without dates: by their status) of
    the report's partnerships, owners and focus areas; with their partnerships' cities."""
    queryset = Project.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=query.date_to),
        Q(end_date__isnull=True) | Q(end_date__gte=query.date_from),
        pk__in=Project.partnerships.through.objects.filter(
            partnership__in=report_partnerships(query).order_by().values("pk")
        ).values("project_id"),
    )
    if not query.internal:
        queryset = queryset.filter(status__in=PUBLIC_STATUSES)
    else:
        queryset = queryset.exclude(status=Project.Status.DROPPED)
    if query.owners:
        queryset = queryset.filter(owner__in=query.owners)
    if query.focus_areas:
        queryset = queryset.filter(
            pk__in=Project.focus_areas.through.objects.filter(
                focusarea__in=query.focus_areas
            ).values("project_id")
        )
    partnerships = Partnership.objects.select_related("city")
    if not query.internal:
        partnerships = partnerships.filter(PUBLIC_PARTNERSHIP)
    return (
        queryset.select_related("owner")
        .prefetch_related(Prefetch("partnerships", queryset=partnerships), "focus_areas")
        .order_by("start_date", "title_en", "pk")
    )


def report_activity_counts(query: ReportQuery) -> dict[tuple[int, int | None], int]:
    """Activities of the period per (partner city, focus area): an activity counts once for
    each of its partner cities among the report's partnerships and each of its focus areas
    (None: without one). One query."""
    through = Activity.partnerships.through
    links = through.objects.filter(
        activity__in=_activities_asked(query).values("pk"),
        partnership__in=report_partnerships(query).order_by().values("pk"),
    )
    if query.focus_areas:
        links = links.filter(activity__focus_areas__in=query.focus_areas)
    rows = (
        links.values("partnership__city_id", "activity__focus_areas")
        .annotate(n=Count("activity_id", distinct=True))
        .order_by()
    )
    return {(row["partnership__city_id"], row["activity__focus_areas"]): row["n"] for row in rows}


def report_activity_count(query: ReportQuery) -> int:
    """How many activities the question holds. One query."""
    return _activities_asked(query).count()


def report_activity_counts_by_city(query: ReportQuery) -> dict[int, int]:
    """Activities of the period per partner city (id): an activity counts once for each of
    its partner cities among the report's partnerships, however many partnerships with that
    city it names. One query."""
    rows = (
        Activity.partnerships.through.objects.filter(
            activity__in=_activities_asked(query).values("pk"),
            partnership__in=report_partnerships(query).order_by().values("pk"),
        )
        .values("partnership__city_id")
        .annotate(n=Count("activity_id", distinct=True))
        .order_by()
    )
    return {row["partnership__city_id"]: row["n"] for row in rows}


def report_other_activity_count(query: ReportQuery) -> int:
    """Activities of the question without a partner city among the report's partnerships
    (the report's "other activities"). One query."""
    with_city = Activity.partnerships.through.objects.filter(
        activity=OuterRef("pk"),
        partnership__in=report_partnerships(query).order_by().values("pk"),
    )
    return _activities_asked(query).exclude(Exists(with_city)).count()


def report_activity_counts_by_owner(query: ReportQuery) -> dict:
    """Activities of the question per owner (the record; None: without one, the state's, see
    owners.models). Two queries."""
    rows = _activities_asked(query).values("owner_id").annotate(n=Count("pk")).order_by()
    counts = {row["owner_id"]: row["n"] for row in rows}
    owners = Owner.objects.in_bulk([pk for pk in counts if pk is not None])
    return {owners.get(pk) if pk is not None else None: n for pk, n in counts.items()}


def _money_filters(query: ReportQuery, partnerships) -> dict:
    """The report's question as money's filters: the years of the period, the report's
    partnerships (their ids, as the report has read them), the focus areas asked; only lines
    marked public without ``internal``."""
    return {
        "first_year": query.date_from.year,
        "last_year": query.date_to.year,
        "partnerships": partnerships,
        "focus_areas": query.focus_areas or None,
        "public_only": not query.internal,
    }


def report_money_total(query: ReportQuery, partnerships):
    """Money planned and spent over the report's years, all together. One query."""
    return money.budget_total(**_money_filters(query, partnerships))


def report_money_by_year_and_source(query: ReportQuery, partnerships) -> list:
    """Money planned and spent per year and funding source. One query."""
    return money.budget_totals_by_year_and_source(**_money_filters(query, partnerships))


def report_money_by_city(query: ReportQuery, partnerships) -> dict[int, list]:
    """Per partner city (id): its money per year and source (Totals keyed (city id, year,
    source)). One query."""
    found: dict[int, list] = {}
    for total in money.budget_totals_by_city_year_and_source(**_money_filters(query, partnerships)):
        found.setdefault(total.key[0], []).append(total)
    return found


def report_money_by_owner(query: ReportQuery, partnerships) -> list:
    """Money planned and spent per owner of the lines (Totals keyed by the owner, None: the
    state's), in the owners' order. Two queries."""
    return money.budget_totals_by_owner(**_money_filters(query, partnerships))
