"""The annual reports in Debian's Chromium: axe-core finds nothing on the section and the
2026 report in either language, and the language switch leads from one to the other."""

import datetime
from decimal import Decimal

import pytest

from citypartners.activities.tests.factories import ActivityFactory
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.partnerships.models import FocusArea, Partnership

from .test_browser import _axe_violations, browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URLS = [
    "/de/jahresberichte/",
    "/en/annual-reports/",
    "/de/jahresberichte/2026/",
    "/en/annual-reports/2026/",
]


def _the_year_2026():
    """Activities with partner cities and focus areas, and public money: every part shows."""
    areas = list(FocusArea.objects.order_by("pk")[:3])
    for i, slug in enumerate(["warsaw", "paris", "tokyo", "warsaw", "warsaw"]):
        partnership = Partnership.objects.get(owner__slug="land-berlin", city__slug=slug)
        ActivityFactory(
            start_date=datetime.date(2026, 1 + i, 10),
            partnerships=[partnership],
            focus_areas=areas[: 1 + i % 3],
        )
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    BudgetLineFactory(partnership=warsaw, year=2026, amount_planned=Decimal("1500"), is_public=True)


def test_axe_finds_no_violation_on_the_annual_reports_in_either_language(page):  # noqa: F811
    _the_year_2026()
    failures = {}
    for url in URLS:
        page.goto(url)
        assert page.locator("h1").count() == 1
        if "2026" in url:  # the chart, its table and the money are there to be checked
            assert page.locator("figure svg rect").count() > 0
            assert page.locator('[data-annual="money"]').count() == 1
        violations = _axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_from_the_section_to_the_2026_report_and_into_english(page):  # noqa: F811
    page.goto("/de/jahresberichte/")
    page.get_by_role("link", name="Jahresbericht 2026").click()
    page.wait_for_url("**/de/jahresberichte/2026/")
    # The table of partner cities scrolls by keyboard: it is a focusable, named region.
    region = page.get_by_role("region", name="Was 2026 mit jeder Partnerstadt geschah")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/annual-reports/2026/")
    assert page.locator("h1").inner_text() == "Annual report 2026"
    assert page.locator("html").get_attribute("lang") == "en"
