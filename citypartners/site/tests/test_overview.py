"""The overview's table equals the Senate's list of partner cities, in both languages."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

# The Senate's overview table (17 cities) plus Kyiv and Tel Aviv-Yafo, as in shared/data.
EXPECTED = [
    ("Los Angeles", "1967-06-27"),
    ("Paris", "1987-07-02"),
    ("Madrid", "1988-11-04"),
    ("Istanbul", "1989-11-17"),
    ("Warsaw", "1991-08-12"),
    ("Moscow", "1991-08-28"),
    ("Budapest", "1991-12-14"),
    ("Brussels", "1992-06-01"),
    ("Jakarta", "1993-04-22"),
    ("Tashkent", "1993-04-30"),
    ("Mexico City", "1993-09-01"),
    ("Beijing", "1994-04-05"),
    ("Tokyo", "1994-05-14"),
    ("Buenos Aires", "1994-05-19"),
    ("Prague", "1995-06-10"),
    ("Windhoek", "2000-07-06"),
    ("London", "2000-10-10"),
    ("Kyiv", "2023-09-14"),
    ("Tel Aviv-Yafo", "2025-05-05"),
]
GERMAN_NAMES = {
    "Warsaw": "Warschau",
    "Moscow": "Moskau",
    "Brussels": "Brüssel",
    "Tashkent": "Taschkent",
    "Mexico City": "Mexiko-Stadt",
    "Beijing": "Peking",
    "Tokyo": "Tokio",
    "Prague": "Prag",
    "Windhoek": "Windhuk",
    "Tel Aviv-Yafo": "Tel Aviv",
}


def _table(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    rows = []
    for tr in soup.select("#partner-cities tbody tr"):
        link = tr.th.a
        rows.append((link.get_text(strip=True), tr.find("time")["datetime"], link["href"]))
    return soup, rows


def test_english_overview_table_is_the_senates_list_in_order(client):
    soup, rows = _table(client, "/en/")
    assert [(name, date) for name, date, _href in rows] == EXPECTED
    assert soup.find("time", datetime="1967-06-27").get_text() == "27 June 1967"
    # Each city links to its own page, which answers.
    for _name, _date, href in rows:
        assert href.startswith("/en/") and client.get(href).status_code == 200


def test_german_overview_table_uses_german_names_and_dates(client):
    soup, rows = _table(client, "/de/")
    expected = [(GERMAN_NAMES.get(name, name), date) for name, date in EXPECTED]
    assert [(name, date) for name, date, _href in rows] == expected
    assert soup.find("time", datetime="1967-06-27").get_text() == "27. Juni 1967"
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
    assert len(soup.select("section.borough")) == 12
    assert len(soup.select(".borough-cities li")) == 130
    spandau = BeautifulSoup(client.get("/en/boroughs/spandau/").content.decode(), "html.parser")
    assert len(spandau.select("#borough-partners tbody tr")) == 8


def test_project_cooperations_page_shows_its_empty_state(client):
    html = client.get("/en/project-cooperations/").content.decode()
    assert "There are no project cooperations at the moment." in html
