"""The month calendar's address reads in the page's language: /de/aktivitaeten/kalender/,
/en/activities/calendar/; the other language's segment redirects there for good (with the
month and filters), and the language switch and the list's link lead to the own segment."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

CALENDAR = {"de": "/de/aktivitaeten/kalender/", "en": "/en/activities/calendar/"}
LIST = {"de": "/de/aktivitaeten/", "en": "/en/activities/"}
WRONG = {"de": "/de/aktivitaeten/calendar/", "en": "/en/activities/kalender/"}
OTHER = {"de": "en", "en": "de"}


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_month_calendar_lives_at_the_segment_in_its_own_language(client, lang):
    soup = _soup(client.get(CALENDAR[lang], {"month": "2030-05"}))
    assert soup.html["lang"] == lang
    assert soup.select_one("table.calendar") is not None


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_other_languages_segment_redirects_permanently_keeping_month_and_filter(client, lang):
    response = client.get(WRONG[lang], {"month": "2030-05", "city": "warsaw"})
    assert response.status_code == 301
    assert response["Location"] == CALENDAR[lang] + "?month=2030-05&city=warsaw"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_language_switch_on_the_calendar_leads_to_the_other_languages_segment(client, lang):
    other = OTHER[lang]
    soup = _soup(client.get(CALENDAR[lang], {"month": "2030-05"}))
    expected = CALENDAR[other] + "?month=2030-05"
    assert soup.select_one(f".language-switch a[hreflang={other}]")["href"] == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_activity_list_and_the_calendars_filter_lead_to_the_own_segment(client, lang):
    listing = _soup(client.get(LIST[lang]))
    assert listing.select_one(".view-switch a")["href"] == CALENDAR[lang]
    calendar = _soup(client.get(CALENDAR[lang]))
    assert calendar.select_one("form.filters")["action"] == CALENDAR[lang]
