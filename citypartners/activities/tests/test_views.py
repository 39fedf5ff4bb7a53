"""The activity list, calendar and page in both languages, with every kind of bad parameter."""

import datetime

import pytest
from bs4 import BeautifulSoup

from citypartners.activities import selectors

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

LIST = {"de": "/de/aktivitaeten/", "en": "/en/activities/"}


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".activity__title a")]


def test_list_shows_current_activities_soonest_first_and_the_archive_newest_first(client):
    soon = ActivityFactory(title_en="Example: soon", start_date=datetime.date(2030, 1, 1))
    later = ActivityFactory(title_en="Example: later", start_date=datetime.date(2031, 1, 1))
    old = ActivityFactory(title_en="Example: old", start_date=datetime.date(2001, 1, 1))
    older = ActivityFactory(title_en="Example: older", start_date=datetime.date(1999, 1, 1))
    titles = _titles(_soup(client.get(LIST["en"], {"q": "Example:"})))
    assert titles.index(soon.title_en) < titles.index(later.title_en)
    assert old.title_en not in titles
    archive = _titles(_soup(client.get(LIST["en"], {"q": "Example:", "period": "past"})))
    assert old.title_en in archive and soon.title_en not in archive
    assert archive.index(old.title_en) < archive.index(older.title_en)


def test_filter_is_kept_in_the_address_and_in_the_pagination(client):
    for n in range(25):
        ActivityFactory(
            title_en=f"Example: paging {n:02d}",
            start_date=datetime.date(2030, 1, 1) + datetime.timedelta(days=n),
        )
    soup = _soup(client.get(LIST["en"], {"city": "warsaw", "q": "paging"}))
    assert soup.find("h2", id="results-heading").get_text(strip=True) == "25 activities"
    assert len(soup.select(".activity")) == 20
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "city=warsaw" in next_link and "q=paging" in next_link and "page=2" in next_link
    page2 = _soup(client.get(LIST["en"] + next_link))
    assert len(page2.select(".activity")) == 5
    # The form shows the filter that is applied.
    assert soup.select_one("#id_city option[selected]")["value"] == "warsaw"


@pytest.mark.parametrize(
    "params,message",
    [
        ({"city": "atlantis"}, "There is no partner city with this name."),
        ({"focus": "nothing"}, "There is no focus area with this name."),
        ({"kind": "party"}, "There is no kind of activity with this name."),
        ({"date_from": "yesterday"}, "Enter the date as YYYY-MM-DD"),
        ({"date_from": "2030-02-01", "date_to": "2030-01-01"}, "“To” lies before “From”."),
        ({"period": "someday"}, "Choose current, past or all."),
    ],
)
def test_bad_filters_give_an_empty_result_with_a_clear_message(client, params, message):
    soup = _soup(client.get(LIST["en"], params))
    assert message in soup.get_text()
    assert soup.select(".activity") == []
    assert "Nothing matches this filter" in soup.get_text()


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1"])
def test_bad_page_numbers_do_not_fail(client, page):
    assert client.get(LIST["de"], {"page": page}).status_code == 200


def test_calendar_shows_the_month_and_keeps_the_filter(client):
    ActivityFactory(
        title_en="Example: May visit",
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 6),
    )
    soup = _soup(client.get("/en/activities/calendar/", {"month": "2030-05", "city": "warsaw"}))
    cells = [td for td in soup.select("table.calendar td") if "Example: May visit" in td.get_text()]
    assert [td.select_one(".calendar__day").get_text(" ", strip=True) for td in cells] == [
        "4 May",
        "5 May",
        "6 May",
    ]
    assert "city=warsaw" in soup.select_one('.month-nav a[rel="next"]')["href"]
    assert "month=2030-06" in soup.select_one('.month-nav a[rel="next"]')["href"]


@pytest.mark.parametrize("month", ["2030-13", "may", "20300-01", "2030-5-5"])
def test_bad_month_falls_back_with_a_message(client, month):
    soup = _soup(client.get("/en/activities/calendar/", {"month": month}))
    assert "Give the month as YYYY-MM" in soup.get_text()


def test_activity_page_shows_everything_and_links_the_partner_city(client):
    activity = ActivityFactory(
        title_de="Beispiel: Konzert",
        title_en="Example: Concert",
        place_de="Rotes Rathaus",
        place_en="Red City Hall",
        all_day=False,
        timezone="Europe/Warsaw",
        start_time=datetime.time(19, 0),
        description_en="<p>Music from both cities.</p>",
        other_institutions="Example orchestra\nExample choir",
        registration_url="https://example.org/r",
    )
    soup = _soup(client.get(f"/en/activities/{activity.slug}/"))
    assert soup.h1.get_text() == "Example: Concert"
    text = soup.get_text(" ", strip=True)
    assert (
        "4 May 2030, 19:00" in text
        and "Red City Hall" in text
        and "Music from both cities." in text
    )
    assert "Example choir" in text
    assert soup.find("a", string="Warsaw")["href"] == "/en/warsaw/"
    assert (
        soup.find("a", string="Add to calendar (.ics)")["href"]
        == f"/en/feeds/activity/{activity.slug}.ics"
    )
    switch = soup.select_one("nav.language-switch a")
    assert switch["href"] == f"/de/aktivitaeten/{activity.slug}/"
    german = _soup(client.get(switch["href"]))
    assert german.h1.get_text() == "Beispiel: Konzert"


def test_local_time_is_shown_beside_berlin_time(client):
    tokyo = ActivityFactory(
        all_day=False,
        timezone="Asia/Tokyo",
        start_date=datetime.date(2030, 5, 4),
        start_time=datetime.time(10, 0),
    )
    text = _soup(client.get(f"/en/activities/{tokyo.slug}/")).get_text(" ", strip=True)
    assert "4 May 2030, 03:00 Berlin time (local time in Tokyo: 4 May 2030, 10:00)" in text


def test_cancelled_activity_says_so_and_stays_in_the_archive(client):
    cancelled = ActivityFactory(
        title_en="Example: rained off", status="cancelled", start_date=datetime.date(2020, 1, 1)
    )
    soup = _soup(client.get(f"/en/activities/{cancelled.slug}/"))
    assert "This activity has been cancelled." in soup.get_text()
    archive = _soup(client.get(LIST["en"], {"period": "past", "q": "rained off"}))
    assert "cancelled" in archive.select_one(".activity").get_text()


def test_drafts_and_internal_activities_have_no_page(client):
    assert client.get(f"/en/activities/{ActivityFactory(live=False).slug}/").status_code == 404
    assert client.get(f"/en/activities/{ActivityFactory(is_public=False).slug}/").status_code == 404


def test_city_page_splits_current_and_past_and_links_the_archive(client):
    ActivityFactory(title_en="Example: future Warsaw", start_date=datetime.date(2031, 1, 1))
    ActivityFactory(title_en="Example: past Warsaw", start_date=datetime.date(2002, 1, 1))
    soup = _soup(client.get("/en/warsaw/"))
    current = soup.find("section", attrs={"aria-labelledby": "current-heading"})
    past = soup.find("section", attrs={"aria-labelledby": "past-heading"})
    assert (
        "Example: future Warsaw" in current.get_text()
        and "Example: past Warsaw" not in current.get_text()
    )
    assert "Example: past Warsaw" in past.get_text()
    assert (
        past.find("a", string=lambda s: s and "in the archive" in s)["href"]
        == "/en/activities/?city=warsaw&period=past"
    )


def test_pages_with_feeds_advertise_them(client):
    head = _soup(client.get(LIST["de"])).head
    types = {
        link["type"]: link["href"]
        for link in head.find_all("link", rel="alternate")
        if link.get("type")
    }
    assert types == {
        "application/atom+xml": "/de/feeds/activities.atom",
        "text/calendar": "/de/feeds/activities.ics",
    }
    city_head = _soup(client.get("/de/warschau/")).head
    assert city_head.find("link", type="text/calendar")["href"] == "/de/feeds/city/warsaw.ics"


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_a_calendar_month_at_the_edge_of_time_gets_a_message(client, month):
    response = client.get("/de/aktivitaeten/kalender/", {"month": month})
    assert response.status_code == 200
    assert "JJJJ-MM" in response.content.decode() or "YYYY-MM" in response.content.decode()


def test_a_busy_day_in_the_calendar_names_its_first_activities_and_counts_the_rest(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(selectors, "CALENDAR_PER_DAY", 2)
    for n in range(5):
        ActivityFactory(
            title_en=f"Example: busy day {n}",
            title_de=f"Beispiel: voller Tag {n}",
            start_date=datetime.date(2041, 6, 10),
            start_time=datetime.time(9 + n),
            end_date=None,
        )
    ActivityFactory(title_en="Example: quiet day", start_date=datetime.date(2041, 6, 11))
    with django_assert_max_num_queries(30):
        soup = _soup(client.get("/en/activities/calendar/", {"month": "2041-06"}))
    busy = next(td for td in soup.select("table.calendar td") if "busy day" in td.get_text())
    assert [a.get_text() for a in busy.select("li a")] == [
        "Example: busy day 0",
        "Example: busy day 1",
    ]
    assert busy.select_one(".calendar__more").get_text(strip=True) == "and 3 more"
    quiet = next(td for td in soup.select("table.calendar td") if "quiet day" in td.get_text())
    assert quiet.select_one(".calendar__more") is None
    assert "June 2041: 6 activities" in soup.select_one("caption").get_text()
    german = _soup(client.get("/de/aktivitaeten/kalender/", {"month": "2041-06"}))
    assert "und 3 weitere" in german.select_one("table.calendar").get_text()
