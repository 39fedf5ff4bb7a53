"""Money in a partnership report (issue 15): the lines of the report's years and
partnerships, summed per year and source, per partner city and in all; lines not marked
public only in a report that includes internal items."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.funding.models import BudgetLine, FundingSource
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.partnerships.models import Partnership
from citypartners.reports.build import build_report
from citypartners.reports.query import ReportQuery
from citypartners.reports.tests.test_views import _login

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)


@pytest.fixture
def lines():
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    for partnership, year, source, planned, spent, public in [
        (warsaw, 2021, FundingSource.OWN_BUDGET, "900.00", "900.00", True),  # before
        (warsaw, 2022, FundingSource.OWN_BUDGET, "1000.00", "950.50", True),
        (warsaw, 2022, FundingSource.EU, "5000.00", None, False),
        (warsaw, 2023, FundingSource.OWN_BUDGET, "250.25", "250.25", False),
        (paris, 2023, FundingSource.FOUNDATION, "1234.56", "1000.00", True),
        (paris, 2024, FundingSource.FOUNDATION, "777.00", None, True),  # after
    ]:
        BudgetLineFactory(
            partnership=partnership,
            year=year,
            source=source,
            amount_planned=Decimal(planned),
            amount_spent=Decimal(spent) if spent else None,
            is_public=public,
        )


def _expected(internal):
    found = {}
    for line in BudgetLine.objects.select_related("partnership__city"):
        if not (START.year <= line.year <= END.year) or not (internal or line.is_public):
            continue
        key = (line.partnership.city.slug, line.year, line.source)
        planned, spent = found.get(key, (Decimal(0), Decimal(0)))
        found[key] = (
            planned + (line.amount_planned or 0),
            spent + (line.amount_spent or 0),
        )
    return found


@pytest.mark.parametrize("internal", [False, True])
def test_the_reports_money_is_the_lines_of_its_years_summed_per_year_and_source(lines, internal):
    report = build_report(ReportQuery(START, END, internal=internal))
    expected = _expected(internal)
    by_city = {
        (section.city.slug, t.key[1], t.key[2]): (t.planned, t.spent)
        for section in report.cities
        for t in section.money
    }
    assert by_city == expected
    by_year = {}
    for (_city, year, source), (planned, spent) in expected.items():
        p, s = by_year.get((year, source), (Decimal(0), Decimal(0)))
        by_year[(year, source)] = (p + planned, s + spent)
    assert {t.key: (t.planned, t.spent) for t in report.money_by_year_and_source} == by_year
    assert report.money_total.planned == sum(p for p, _s in expected.values())
    assert report.money_total.spent == sum(s for _p, s in expected.values())


def test_lines_not_marked_public_stay_out_of_a_report_without_internal_items(lines):
    public = build_report(ReportQuery(START, END))
    internal = build_report(ReportQuery(START, END, internal=True))
    assert public.money_total.planned == Decimal("2234.56")
    assert internal.money_total.planned == Decimal("7484.81")


def test_the_report_page_writes_the_sums_in_the_accounts_number_format(client, lines):
    user = _login(client, "state-moderator", "land-berlin")
    for language, planned in [("de", "1.234,56\N{NO-BREAK SPACE}€"), ("en", "€1,234.56")]:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        response = client.get(
            reverse("reports_partnership"), {"date_from": "2023-01-01", "date_to": "2023-12-31"}
        )
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one('[data-money="planned"]').get_text(strip=True) == planned
