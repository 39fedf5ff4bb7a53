"""The overview's table lists the state's partner cities by date, in both languages; city pages."""

import pytest
from bs4 import BeautifulSoup

from citypartners.partnerships.tests.factories import CityFactory, OwnerFactory, PartnershipFactory
from citypartners.site.models import BoroughIndexPage

pytestmark = pytest.mark.django_db

# The small site's state partnerships, by "partner since" (see site/tests/small_site.py);
# the demo's full Senate list is tested in citypartners/demo/tests/test_berlin_demo.py.
EXPECTED = [
    ("Paris", "Paris", "1987-07-02"),
    ("Madrid", "Madrid", "1988-11-04"),
    ("Warsaw", "Warschau", "1991-08-12"),
    ("Moscow", "Moskau", "1991-08-28"),
    ("Jakarta", "Jakarta", "1993-04-22"),
    ("Tokyo", "Tokio", "1994-05-14"),
]


def _table(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    rows = []
    for tr in soup.select("#partner-cities tbody tr"):
        link = tr.th.a
        rows.append((link.get_text(strip=True), tr.find("time")["datetime"], link["href"]))
    return soup, rows


def test_english_overview_table_lists_the_partner_cities_by_date(client):
    soup, rows = _table(client, "/en/")
    assert [(name, date) for name, date, _href in rows] == [(en, d) for en, _de, d in EXPECTED]
    assert soup.find("time", datetime="1987-07-02").get_text() == "2 July 1987"
    # Each city links to its own page, which answers.
    for _name, _date, href in rows:
        assert href.startswith("/en/") and client.get(href).status_code == 200


def test_german_overview_table_uses_german_names_and_dates(client):
    soup, rows = _table(client, "/de/")
    assert [(name, date) for name, date, _href in rows] == [(de, d) for _en, de, d in EXPECTED]
    assert soup.find("time", datetime="1987-07-02").get_text() == "2. Juli 1987"
    moscow = soup.select_one("#partner-cities").find("a", string="Moskau").find_parent("th")
    assert "ausgesetzt" in moscow.get_text()
    assert soup.select_one('th[aria-sort="ascending"]').get_text(strip=True) == "Partner seit"


def test_overview_links_to_boroughs_and_project_cooperations(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/boroughs/"' in html
    assert 'href="/en/project-cooperations/"' in html


def test_moscow_page_says_suspended_with_date_and_reason(client):
    for url, words in [
        ("/de/moskau/", ["Status: ausgesetzt seit 24. Februar 2022", "ruht"]),
        ("/en/moscow/", ["Status: suspended since 24 February 2022", "dormant"]),
    ]:
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        notice = soup.select_one(".notice").get_text(" ", strip=True)
        assert all(word in notice for word in words), notice


def test_jakarta_page_lists_both_dates_and_marks_the_one_shown(client):
    soup = BeautifulSoup(client.get("/en/jakarta/").content.decode(), "html.parser")
    items = soup.select(".documents li")
    assert [li.time["datetime"] for li in items] == ["1993-04-22", "1994-04-13"]
    assert "date shown as “partner since”" in items[0].get_text()
    assert "date shown" not in items[1].get_text()


def test_borough_pages_list_their_partnerships(client):
    soup = BeautifulSoup(client.get("/de/bezirke/").content.decode(), "html.parser")
    boroughs = soup.select("section.borough")
    assert [b.h2.get_text(strip=True) for b in boroughs] == [
        "Charlottenburg-Wilmersdorf",
        "Mitte",
        "Spandau",
    ]
    assert len(soup.select(".borough-cities li")) == 3  # one partner city each
    spandau = BeautifulSoup(client.get("/en/boroughs/spandau/").content.decode(), "html.parser")
    assert len(spandau.select("#borough-partners tbody tr")) == 1
    assert "Luton" in spandau.select_one("#borough-partners tbody tr").get_text()


def test_project_cooperations_page_shows_its_empty_state(client):
    html = client.get("/en/project-cooperations/").content.decode()
    assert "There are no project cooperations at the moment." in html


def test_many_boroughs_are_listed_a_page_at_a_time_and_all_of_their_cities_are_on_the_map(
    client, django_assert_max_num_queries
):
    for n in range(BoroughIndexPage.PER_PAGE + 2):
        PartnershipFactory(
            owner=OwnerFactory(name_de=f"Zzbezirk {n:02}", name_en=f"Zzborough {n:02}"),
            city=CityFactory(latitude=40 + n / 10, longitude=n / 10),
        )
    with django_assert_max_num_queries(23):  # the map's three, the navigation's one
        first = BeautifulSoup(client.get("/en/boroughs/").content.decode(), "html.parser")
    last = BeautifulSoup(client.get("/en/boroughs/?page=2").content.decode(), "html.parser")
    listed = [s.h2.get_text(strip=True) for s in first.select("section.borough")]
    later = [s.h2.get_text(strip=True) for s in last.select("section.borough")]
    assert len(listed) == BoroughIndexPage.PER_PAGE and later and not set(listed) & set(later)
    assert "Zzborough 21" in later and first.select_one("nav.pagination a[rel=next]")
    # The map of every page shows every borough's partner cities.
    for soup in (first, last):
        names = " ".join(a.get("aria-label", "") + a.get_text() for a in soup.select("svg a"))
        assert "Example City" in names
        assert len(soup.select("svg a")) >= BoroughIndexPage.PER_PAGE + 2 + 3
