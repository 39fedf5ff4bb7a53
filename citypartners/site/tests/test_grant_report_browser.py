"""A grant report in Chromium: zero axe-core violations in both languages, and the language
switch and the link from the activity page work with the keyboard."""

import datetime

import pytest

from citypartners.activities.tests.factories import (
    FundedActivityFactory,
    ParticipantCountryFactory,
    ProgrammeDayFactory,
)
from citypartners.organisations.models import Organisation

from . import test_browser

# The browser and its page (with the check that the Content Security Policy blocks nothing)
# are test_browser's fixtures, used here as they are.
browser = test_browser.browser
page = test_browser.page
_axe_violations = test_browser._axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded(small_site):
    activity = FundedActivityFactory(
        slug="example-citizens-meeting",
        title_de="Beispiel: Bürgerbegegnung Berlin–Warschau",
        title_en="Example: Berlin–Warsaw citizens' meeting",
    )
    ParticipantCountryFactory(activity=activity, country_code="DE", participants=14)
    ParticipantCountryFactory(activity=activity, country_code="PL", participants=9)
    ProgrammeDayFactory(activity=activity, date=datetime.date(2030, 5, 4))
    ProgrammeDayFactory(
        activity=activity,
        date=datetime.date(2030, 5, 6),
        text_de="Abschlussfest im Park.",
        text_en="Closing party in the park.",
    )
    activity.organisations.set(Organisation.objects.filter(slug="example-gymnasium-berlin"))
    activity.save()
    return activity


def test_the_grant_report_has_no_axe_violation_in_either_language(page, funded):
    failures = {}
    for url in (
        f"/de/aktivitaeten/{funded.slug}/foerderbericht/",
        f"/en/activities/{funded.slug}/grant-report/",
    ):
        page.goto(url)
        assert page.locator("h1").count() == 1
        violations = _axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_from_the_activity_to_its_report_and_into_english_with_the_keyboard(page, funded):
    page.goto(f"/de/aktivitaeten/{funded.slug}/")
    link = page.locator(f'main a[href="/de/aktivitaeten/{funded.slug}/foerderbericht/"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/de/aktivitaeten/{funded.slug}/foerderbericht/")
    english = page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English")
    english.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/activities/{funded.slug}/grant-report/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Participants per country" in page.locator("main").inner_text()
