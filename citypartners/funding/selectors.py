"""Reads of money: the totals a report shows, one selector per figure.

Each total selector takes the same filters (``BudgetFilter``: a period of years, owners,
partnerships, partner cities, focus areas, public lines only, or a base queryset such as
the lines an account may see) and answers with ``Total`` rows, planned and spent summed in
the database. Query budget: one query for the sums, plus one for the records named by the
rows (partnerships, owners, focus areas); none per row. An empty amount counts as zero.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from citypartners.owners.models import Owner
from citypartners.partnerships.models import FocusArea, Partnership

from .models import BudgetLine, FundingSource

ZERO = Decimal("0.00")
# Sums of many lines may be longer than one line's amount.
AMOUNT = DecimalField(max_digits=18, decimal_places=2)


@dataclass(frozen=True)
class Total:
    """The sums of one row of a figure: ``key`` is what it is the total of (a partnership,
    an owner, a focus area or None, a year, or a (year, source) pair)."""

    key: object
    planned: Decimal
    spent: Decimal
    lines: int


def budget_lines(
    *,
    lines: QuerySet | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    owners: Iterable | None = None,
    partnerships: Iterable | None = None,
    cities: Iterable | None = None,
    focus_areas: Iterable | None = None,
    public_only: bool = False,
) -> QuerySet:
    """The budget lines the filters select (records or their ids in each iterable; None:
    no filter, an empty iterable: nothing)."""
    queryset = BudgetLine.objects.all() if lines is None else lines
    if first_year is not None:
        queryset = queryset.filter(year__gte=first_year)
    if last_year is not None:
        queryset = queryset.filter(year__lte=last_year)
    if owners is not None:
        queryset = queryset.filter(owner__in=list(owners))
    if partnerships is not None:
        queryset = queryset.filter(partnership__in=list(partnerships))
    if cities is not None:
        queryset = queryset.filter(partnership__city__in=list(cities))
    if focus_areas is not None:
        queryset = queryset.filter(focus_area__in=list(focus_areas))
    if public_only:
        queryset = queryset.filter(is_public=True)
    return queryset


def budget_lines_public():
    """The lines the public may see: those an editor marked as public. Every public outlet
    that ever shows money takes its lines from here."""
    return BudgetLine.objects.filter(is_public=True)


def _sum(field):
    return Coalesce(Sum(field), Value(ZERO), output_field=AMOUNT)


def _grouped(queryset, *fields) -> list[tuple]:
    """(values of ``fields``..., planned, spent, count) per group, in one query."""
    return list(
        queryset.order_by()
        .values(*fields)
        .annotate(planned=_sum("amount_planned"), spent=_sum("amount_spent"), n=Count("pk"))
        .values_list(*fields, "planned", "spent", "n")
    )


def _by_record(rows, records) -> list[Total]:
    """Total rows keyed by the records named by id in ``rows`` (None stays None)."""
    return [Total(records.get(pk) if pk is not None else None, p, s, n) for pk, p, s, n in rows]


def budget_total(**filters) -> Total:
    """All selected lines together (key None). One query."""
    row = budget_lines(**filters).aggregate(
        planned=_sum("amount_planned"), spent=_sum("amount_spent"), n=Count("pk")
    )
    return Total(None, row["planned"], row["spent"], row["n"])


def budget_totals_by_partnership(**filters) -> list[Total]:
    """Per partnership (with its owner and city), in the partnerships' order (owner, then
    city). Two queries."""
    rows = _grouped(budget_lines(**filters), "partnership")
    partnerships = Partnership.objects.select_related("owner", "city").in_bulk(
        [row[0] for row in rows]
    )
    totals = _by_record(rows, partnerships)
    return sorted(
        totals,
        key=lambda t: (
            t.key.owner.sort_order if t.key.owner else -1,
            t.key.city.name_en,
            t.key.pk,
        ),
    )


def budget_totals_by_owner(**filters) -> list[Total]:
    """Per owner of the lines, in the owners' order; lines without an owner (the state's,
    see owners.models) under None, first. Two queries."""
    rows = _grouped(budget_lines(**filters), "owner")
    owners = Owner.objects.in_bulk([row[0] for row in rows if row[0] is not None])
    totals = _by_record(rows, owners)
    return sorted(
        totals,
        key=lambda t: (t.key is not None, t.key.sort_order if t.key else 0, str(t.key or "")),
    )


def budget_totals_by_focus_area(**filters) -> list[Total]:
    """Per focus area, in the areas' order; lines without one under None, last. Two
    queries."""
    rows = _grouped(budget_lines(**filters), "focus_area")
    areas = FocusArea.objects.in_bulk([row[0] for row in rows if row[0] is not None])
    totals = _by_record(rows, areas)
    return sorted(
        totals,
        key=lambda t: (
            t.key is None,
            t.key.sort_order if t.key else 0,
            getattr(t.key, "name_en", ""),
        ),
    )


def budget_totals_by_year(**filters) -> list[Total]:
    """Per year, the earliest first. One query."""
    rows = _grouped(budget_lines(**filters), "year")
    return sorted((Total(year, p, s, n) for year, p, s, n in rows), key=lambda t: t.key)


def budget_totals_by_year_and_source(**filters) -> list[Total]:
    """Per year and funding source (key: (year, source value)), the earliest year first,
    the sources in the order of ``FundingSource``. One query."""
    order = {value: index for index, value in enumerate(FundingSource.values)}
    rows = _grouped(budget_lines(**filters), "year", "source")
    totals = [Total((year, source), p, s, n) for year, source, p, s, n in rows]
    return sorted(totals, key=lambda t: (t.key[0], order.get(t.key[1], len(order))))


def budget_totals_by_city_year_and_source(**filters) -> list[Total]:
    """Per partner city (its id), year and funding source (key: (city id, year, source
    value)), for a report's sections; the order as ``budget_totals_by_year_and_source``
    within each city. One query."""
    order = {value: index for index, value in enumerate(FundingSource.values)}
    rows = _grouped(budget_lines(**filters), "partnership__city", "year", "source")
    totals = [Total((city, year, source), p, s, n) for city, year, source, p, s, n in rows]
    return sorted(totals, key=lambda t: (t.key[0], t.key[1], order.get(t.key[2], len(order))))
