"""Reads for the public pages and the back office's dashboard, each in a fixed number of
queries whatever the data size.

Partnerships and cities have drafts: the public sees a partnership only while it and its
city are live (``PUBLIC_PARTNERSHIP``), and a city only with such a partnership. A draft of
changes lives in a revision, so the live row is what was published last. Every public read
goes through ``partnerships_public``, ``cities_public`` or the filter ``PUBLIC_PARTNERSHIP``
(also where another app prefetches partnerships); ``partnerships_annotated`` is the back
office's (every row).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import (
    Avg,
    CharField,
    Count,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat, ExtractYear, Floor, Mod
from django.utils import timezone

from citypartners.accounts.visibility import own_records
from citypartners.owners.models import Owner

from .models import City, FoundingDocument, Partnership, PartnershipStatus
from .models.partnership import DatePrecision

PROJECT_KIND = Partnership.Kind.PROJECT
PARTNERSHIP_KINDS = [Partnership.Kind.PARTNERSHIP, Partnership.Kind.FRIENDSHIP]
# A partnership the public sees: published, with a published city.
PUBLIC_PARTNERSHIP = Q(live=True, city__live=True)


def public_partnership_q(prefix: str = "") -> Q:
    """``PUBLIC_PARTNERSHIP`` seen from a model that links to partnerships through
    ``prefix`` (``"partnerships"`` from an activity: ``partnerships__live`` ...)."""
    if not prefix:
        return PUBLIC_PARTNERSHIP
    return Q(**{f"{prefix}__live": True, f"{prefix}__city__live": True})


def partnerships_public_plain():
    """Public partnerships with city and owner, not annotated: for other apps' prefetches."""
    return Partnership.objects.filter(PUBLIC_PARTNERSHIP).select_related("city", "owner")


def _with_since_and_status(queryset, *, today: datetime.date | None = None):
    """Annotate the shown founding date and the status in force today."""
    today = today or timezone.localdate()
    shown = FoundingDocument.objects.filter(partnership=OuterRef("pk"), is_shown=True)
    current = PartnershipStatus.objects.filter(
        partnership=OuterRef("pk"), valid_from__lte=today
    ).order_by("-valid_from", "-pk")
    return queryset.annotate(
        since=Subquery(shown.values("date")[:1]),
        since_precision=Subquery(shown.values("date_precision")[:1]),
        current_status=Subquery(current.values("status")[:1]),
        current_status_since=Subquery(current.values("valid_from")[:1]),
    )


def partnerships_annotated(**filters):
    """Partnerships with city and owner, the date shown and the current status."""
    return _with_since_and_status(
        Partnership.objects.filter(**filters).select_related("city", "owner")
    )


def partnerships_public(**filters):
    """Partnerships shown on the public site, annotated: the published ones of published
    cities.

    The one rule for the public pages, the API, the downloads and the map data.
    """
    return _with_since_and_status(
        Partnership.objects.filter(PUBLIC_PARTNERSHIP, **filters).select_related("city", "owner")
    )


def cities_public():
    """Partner cities shown on the public site: published ones with at least one public
    partnership.

    The one rule for the city pages' lists, the API, the CSV download and search.
    """
    public = Partnership.objects.filter(PUBLIC_PARTNERSHIP).order_by().values("city_id")
    return City.objects.filter(live=True, pk__in=public).order_by("name_en", "pk")


def partnership_list(*, owner_id=None, kinds=None, owner_kind=None) -> list:
    """Public partnerships ordered by the date shown, with city, owner, date and status."""
    filters = {}
    if owner_id is not None:
        filters["owner_id"] = owner_id
    if owner_kind is not None:
        filters["owner__kind"] = owner_kind
    if kinds is not None:
        filters["kind__in"] = kinds
    return list(partnerships_public(**filters).order_by("since", "city__name_en"))


def state_partnership_list() -> list:
    """The state's own partnerships (not project cooperations), for the overview."""
    return partnership_list(owner_kind=Owner.Kind.STATE, kinds=PARTNERSHIP_KINDS)


def partnership_detail(*, partnership_id: int):
    """One public partnership with everything its city page shows, and the status change in
    force; Partnership.DoesNotExist when the public does not see it (a draft).

    ``partnership.city.summaries.all()`` holds the city's summaries in partner languages (one
    query, however many)."""
    partnership = (
        partnerships_public(pk=partnership_id)
        .prefetch_related("founding_documents", "status_history", "focus_areas", "city__summaries")
        .get()
    )
    today = timezone.localdate()
    in_force = [c for c in partnership.status_history.all() if c.valid_from <= today]
    partnership.current_change = in_force[-1] if in_force else None
    return partnership


def boroughs():
    """The boroughs, in their order."""
    return Owner.objects.filter(kind=Owner.Kind.BOROUGH)


def boroughs_prefetched():
    """The boroughs in order, each with its partnerships (``partnership_list``) ordered by
    the date shown, loaded for whichever slice of them is read (a page of a long list)."""
    partnerships = partnerships_public().order_by("since", "city__name_en")
    return boroughs().prefetch_related(
        Prefetch("partnerships", queryset=partnerships, to_attr="partnership_list")
    )


def boroughs_with_partnerships():
    """Every borough in order, each with its partnerships ordered by the date shown."""
    return list(boroughs_prefetched())


@dataclass(frozen=True)
class MapPoint:
    """One point of a map: a partnership, or ``count`` partnerships near each other drawn as
    one (``partnership`` is then the first of them), at ``longitude``/``latitude``."""

    partnership: Partnership
    count: int
    longitude: float
    latitude: float


# The grid cells (in degrees) tried for a map with too many partnerships: the smallest that
# leaves few enough points is taken.
MAP_CELLS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 180)


def _cell(size: int, name: str):
    return Floor(F(f"city__{name}") / size)


def borough_map_points(*, most: int) -> list[MapPoint]:
    """Every borough's partner cities as at most ``most`` points, in three queries whatever
    the number of partnerships: how many there are and in how many grid cells of each size
    (MAP_CELLS) they lie; then the partnerships themselves when they are few enough, else
    one row per cell of the smallest size that leaves at most ``most`` (how many, where on
    average, the first of them); then the partnerships shown by name, with what their label
    needs. A country's thousands of borough partnerships are never all read."""
    placed = Partnership.objects.filter(
        pk__in=partnerships_public().filter(owner__kind=Owner.Kind.BOROUGH).order_by().values("pk"),
        city__latitude__isnull=False,
        city__longitude__isnull=False,
    ).order_by()
    counts = placed.aggregate(
        n=Count("pk"),
        **{
            f"cells_{size}": Count(
                Concat(
                    Cast(_cell(size, "longitude"), CharField()),
                    Value(":"),
                    Cast(_cell(size, "latitude"), CharField()),
                ),
                distinct=True,
            )
            for size in MAP_CELLS
        },
    )
    if counts["n"] <= most:
        groups = [
            (row["pk"], 1, row["city__longitude"], row["city__latitude"])
            for row in placed.values("pk", "city__longitude", "city__latitude")
        ]
    else:
        size = next((s for s in MAP_CELLS if counts[f"cells_{s}"] <= most), MAP_CELLS[-1])
        cells = (
            placed.annotate(x=_cell(size, "longitude"), y=_cell(size, "latitude"))
            .values("x", "y")
            .annotate(
                first=Min("pk"),
                n=Count("pk"),
                longitude=Avg("city__longitude"),
                latitude=Avg("city__latitude"),
            )
            .order_by("x", "y")
        )
        groups = [(c["first"], c["n"], c["longitude"], c["latitude"]) for c in cells]
    shown = {p.pk: p for p in partnerships_annotated().filter(pk__in=[g[0] for g in groups])}
    points = [
        MapPoint(shown[pk], n, float(longitude), float(latitude))
        for pk, n, longitude, latitude in groups
        if pk in shown
    ]
    points.sort(
        key=lambda p: (
            p.partnership.owner.sort_order,
            p.partnership.owner.slug,
            p.partnership.city.name_en,
            p.partnership.pk,
        )
    )
    return points


# --- the back office's dashboard (issue 14) -------------------------------------------------
# Each reads one owner's records for a borough account and every owner's for the state's
# (accounts.visibility.own_records), in a fixed number of queries whatever the data size.

ENDED = PartnershipStatus.Status.ENDED


def _status_today(today: datetime.date, partnership_ref: str = "pk"):
    return Subquery(
        PartnershipStatus.objects.filter(
            partnership=OuterRef(partnership_ref), valid_from__lte=today
        )
        .order_by("-valid_from", "-pk")
        .values("status")[:1]
    )


def partnerships_for_dashboard(*, user, today: datetime.date | None = None):
    """The account's partnerships that have not ended (a queryset, annotated with the date
    shown and the status in force), for the dashboard's panels."""
    today = today or timezone.localdate()
    queryset = _with_since_and_status(own_records(user, Partnership.objects.all()), today=today)
    return queryset.filter(Q(current_status__isnull=True) | ~Q(current_status=ENDED))


def partnerships_active_for_dashboard(*, user, today: datetime.date | None = None):
    """The account's active partnerships (in force today; without any status recorded they
    count as active)."""
    today = today or timezone.localdate()
    queryset = own_records(user, Partnership.objects.all()).annotate(
        current_status=_status_today(today)
    )
    return queryset.filter(
        Q(current_status__isnull=True) | Q(current_status=PartnershipStatus.Status.ACTIVE)
    )


@dataclass(frozen=True)
class Anniversary:
    """A round (or half-round) anniversary of a partnership's founding document."""

    partnership: Partnership
    document: FoundingDocument
    years: int
    day: datetime.date  # the first day it may fall on (the year's or month's for vague dates)
    precision: str  # of the document's date: day, month or year


def _anniversary_period(document, year: int) -> tuple[datetime.date, datetime.date]:
    """The days on which the anniversary in ``year`` may fall: a year-only date counts for
    the whole year, a month-only one for the whole month."""
    if document.date_precision == DatePrecision.YEAR:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = document.date.month
    last = calendar.monthrange(year, month)[1]
    if document.date_precision == DatePrecision.MONTH:
        return datetime.date(year, month, 1), datetime.date(year, month, last)
    day = datetime.date(year, month, min(document.date.day, last))  # 29 February: the 28th
    return day, day


def anniversaries_for_dashboard(
    *, user, today: datetime.date | None = None, months: int = 12, step: int = 5
) -> list[Anniversary]:
    """Every anniversary of ``step`` years (5, 10, 15, ...) of a founding document of the
    account's partnerships that have not ended, in the ``months`` from ``today``, soonest
    first. The partnership's start is its document shown as "partner since". One query."""
    today = today or timezone.localdate()
    end_month = today.month - 1 + months
    until = datetime.date(today.year + end_month // 12, end_month % 12 + 1, 1)
    until = until.replace(day=min(today.day, calendar.monthrange(until.year, until.month)[1]))
    years = range(today.year, until.year + 1)
    # The database leaves only the documents of a year that can be a round one in the window.
    residues = {year % step for year in years}
    documents = (
        FoundingDocument.objects.filter(
            partnership__in=partnerships_for_dashboard(user=user, today=today).values("pk")
        )
        .annotate(residue=Mod(ExtractYear("date"), step))
        .filter(residue__in=residues, date__lt=datetime.date(until.year, 1, 1))
        .select_related("partnership__city", "partnership__owner")
        .order_by("date", "pk")
    )
    found = {}
    for document in documents:
        for year in years:
            count = year - document.date.year
            if count <= 0 or count % step:
                continue
            first, last = _anniversary_period(document, year)
            if last < today or first >= until:
                continue
            # Two documents of one partnership on the same date: one anniversary.
            key = (document.partnership_id, document.date, document.date_precision)
            if key not in found or document.is_shown:
                found[key] = Anniversary(
                    document.partnership, document, count, first, document.date_precision
                )
    return sorted(
        found.values(), key=lambda a: (a.day, -a.years, a.partnership.city.name_en, a.document.pk)
    )
