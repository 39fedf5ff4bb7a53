"""Each money figure (one selector each) against a recount in Python over the lines the
factories made, with every filter; in a fixed number of queries at two data sizes."""

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from citypartners.funding import selectors
from citypartners.funding.models import FundingSource
from citypartners.owners.models import Owner
from citypartners.partnerships.models import FocusArea, Partnership

from .factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

ZERO = Decimal("0.00")


def _lines(count, seed=7):
    """``count`` lines spread over every partnership, year, source and focus area (and none),
    with planned, spent or both; the amounts random but reproducible."""
    rng = random.Random(seed)
    partnerships = list(Partnership.objects.select_related("owner"))
    areas = [*FocusArea.objects.all(), None]
    made = []
    for _n in range(count):
        partnership = rng.choice(partnerships)
        planned = Decimal(rng.randint(0, 5_000_000)) / 100
        spent = Decimal(rng.randint(0, 5_000_000)) / 100
        which = rng.choice(["planned", "spent", "both"])
        made.append(
            BudgetLineFactory(
                partnership=partnership,
                owner=partnership.owner,
                year=rng.choice([2019, 2020, 2021, 2022]),
                source=rng.choice(FundingSource.values),
                focus_area=rng.choice(areas),
                amount_planned=None if which == "spent" else planned,
                amount_spent=None if which == "planned" else spent,
                is_public=rng.random() < 0.3,
            )
        )
    return made


def _recount(lines, key):
    totals = defaultdict(lambda: [ZERO, ZERO, 0])
    for line in lines:
        row = totals[key(line)]
        row[0] += line.amount_planned or ZERO
        row[1] += line.amount_spent or ZERO
        row[2] += 1
    return {k: tuple(v) for k, v in totals.items()}


def _as_dict(totals, key=lambda k: k):
    return {key(t.key): (t.planned, t.spent, t.lines) for t in totals}


FIGURES = {
    "partnership": (selectors.budget_totals_by_partnership, lambda line: line.partnership_id),
    "owner": (selectors.budget_totals_by_owner, lambda line: line.owner_id),
    "focus area": (selectors.budget_totals_by_focus_area, lambda line: line.focus_area_id),
    "year": (selectors.budget_totals_by_year, lambda line: line.year),
    "year and source": (
        selectors.budget_totals_by_year_and_source,
        lambda line: (line.year, line.source),
    ),
}


def _key_of(name):
    if name in ("partnership", "owner", "focus area"):
        return lambda record: None if record is None else record.pk
    return lambda key: key


@pytest.fixture
def lines():
    return _lines(60)


def _filters(lines):
    """Filter sets, each with the test the lines it selects must pass."""
    mitte = Owner.objects.get(slug="mitte")
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    climate = FocusArea.objects.get(slug="climate")
    return [
        ({}, lambda line: True),
        ({"first_year": 2020, "last_year": 2021}, lambda line: 2020 <= line.year <= 2021),
        ({"owners": [mitte]}, lambda line: line.owner_id == mitte.pk),
        (
            {"partnerships": [warsaw, paris.pk]},
            lambda line: line.partnership_id in (warsaw.pk, paris.pk),
        ),
        ({"cities": [warsaw.city]}, lambda line: line.partnership.city_id == warsaw.city_id),
        ({"focus_areas": [climate]}, lambda line: line.focus_area_id == climate.pk),
        ({"public_only": True}, lambda line: line.is_public),
        (
            {"public_only": True, "first_year": 2021, "owners": [warsaw.owner]},
            lambda line: line.is_public and line.year >= 2021 and line.owner_id == warsaw.owner_id,
        ),
        ({"partnerships": []}, lambda line: False),
    ]


@pytest.mark.parametrize("figure", FIGURES)
def test_each_figure_equals_a_recount_of_the_lines_under_every_filter(lines, figure):
    selector, key = FIGURES[figure]
    for filters, selected in _filters(lines):
        chosen = [line for line in lines if selected(line)]
        got = _as_dict(selector(**filters), _key_of(figure))
        assert got == _recount(chosen, key), (figure, filters)


def test_the_grand_total_equals_the_sum_of_every_line(lines):
    total = selectors.budget_total()
    assert total.planned == sum((line.amount_planned or ZERO for line in lines), ZERO)
    assert total.spent == sum((line.amount_spent or ZERO for line in lines), ZERO)
    assert total.lines == len(lines)
    public = [line for line in lines if line.is_public]
    assert selectors.budget_total(public_only=True).spent == sum(
        (line.amount_spent or ZERO for line in public), ZERO
    )
    assert selectors.budget_total(first_year=2030) == selectors.Total(None, ZERO, ZERO, 0)


def test_a_figure_reads_only_the_lines_it_is_given(lines):
    """The report passes the lines an account may see (or the public ones) as ``lines``."""
    public = selectors.budget_lines_public()
    expected = _recount([line for line in lines if line.is_public], lambda line: line.year)
    assert _as_dict(selectors.budget_totals_by_year(lines=public)) == expected


def test_the_rows_come_in_the_order_a_report_shows_them(lines):
    years = [t.key for t in selectors.budget_totals_by_year()]
    assert years == sorted(years)
    pairs = [t.key for t in selectors.budget_totals_by_year_and_source()]
    order = FundingSource.values
    assert pairs == sorted(pairs, key=lambda k: (k[0], order.index(k[1])))
    owners = [t.key for t in selectors.budget_totals_by_owner()]
    assert owners == sorted(owners, key=lambda o: (o.sort_order, o.name))
    areas = [t.key for t in selectors.budget_totals_by_focus_area()]
    assert areas[-1] is None and None not in areas[:-1]


QUERIES = {
    "partnership": 2,
    "owner": 2,
    "focus area": 2,
    "year": 1,
    "year and source": 1,
}


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("count", [3, 40])
def test_each_figure_costs_the_same_queries_for_few_and_many_lines(
    django_assert_num_queries, figure, count
):
    _lines(count, seed=count)
    selector, _key = FIGURES[figure]
    with django_assert_num_queries(QUERIES[figure]):
        rows = selector(first_year=2019, public_only=False)
        for row in rows:
            str(row.key)  # the partnership's name needs its owner and city: fetched already
