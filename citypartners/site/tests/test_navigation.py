"""The main navigation, the breadcrumb trail and the footer's sections (issue 16, item 1)."""

import pytest
from bs4 import BeautifulSoup

from citypartners.activities.models import Activity
from citypartners.site.models import ActivityIndexPage, BoroughIndexPage

from .pages import all_public_urls

pytestmark = pytest.mark.django_db

MENU = {
    "de": [
        ("Übersicht", "/de/"),
        ("Partnerstädte", "/de/#cities-heading"),
        ("Bezirke", "/de/bezirke/"),
        ("Projektkooperationen", "/de/projektkooperationen/"),
        ("Aktivitäten und Veranstaltungen", "/de/aktivitaeten/"),
        ("Mitmachen", "/de/mitmachen/"),
        ("Offene Daten", "/de/offene-daten/"),
        ("Kontakt", "#contact-heading"),
    ],
    "en": [
        ("Overview", "/en/"),
        ("Partner cities", "/en/#cities-heading"),
        ("Boroughs", "/en/boroughs/"),
        ("Project cooperations", "/en/project-cooperations/"),
        ("Activities and events", "/en/activities/"),
        ("Get involved", "/en/get-involved/"),
        ("Open data", "/en/open-data/"),
        ("Contact", "#contact-heading"),
    ],
}


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def _menu(soup):
    nav = soup.select_one("header nav.main-nav")
    return [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in nav.find_all("a")]


def _trail(soup):
    nav = soup.find("nav", attrs={"aria-label": ["Breadcrumb", "Brotkrumenpfad"]})
    if nav is None:
        return None
    steps = []
    for item in nav.select("ol > li"):
        link = item.find("a")
        if link is not None:
            steps.append((link.get_text(strip=True), link["href"]))
        else:
            assert item.find(attrs={"aria-current": "page"}) is not None
            steps.append((item.get_text(strip=True), None))
    return steps


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_main_navigation_lists_the_seed_sections_in_order_in_each_language(client, lang):
    soup = _soup(client, f"/{lang}/")
    assert [(title, url) for title, url, _current in _menu(soup)] == MENU[lang]


def test_the_footer_repeats_the_sections_in_a_navigation_of_its_own(client):
    soup = _soup(client, "/en/boroughs/")
    nav = soup.select_one("footer nav.footer-nav")
    assert nav["aria-label"] == "Sections"
    assert [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")] == MENU["en"]


def test_the_overview_is_marked_as_the_current_page_on_the_overview(client):
    currents = [(t, c) for t, _url, c in _menu(_soup(client, "/en/")) if c]
    assert currents == [("Overview", "page")]


def test_a_section_page_is_marked_as_the_current_page(client):
    currents = [(t, c) for t, _url, c in _menu(_soup(client, "/en/activities/")) if c]
    assert currents == [("Activities and events", "page")]


def test_on_a_record_page_its_section_is_marked_as_the_current_section(client):
    activity = Activity.objects.filter(is_public=True).order_by("pk").first()
    currents = [(t, c) for t, _url, c in _menu(_soup(client, f"/en/activities/{activity.slug}/"))]
    assert [(t, c) for t, c in currents if c] == [("Activities and events", "true")]


def test_on_a_city_page_partner_cities_is_marked_as_the_current_section(client):
    currents = [(t, c) for t, _url, c in _menu(_soup(client, "/en/warsaw/")) if c]
    assert currents == [("Partner cities", "true")]


def test_the_api_documentation_marks_open_data_as_its_section(client):
    currents = [(t, c) for t, _url, c in _menu(_soup(client, "/en/open-data/api/")) if c]
    assert currents == [("Open data", "true")]
    currents = [(t, c) for t, _url, c in _menu(_soup(client, "/en/open-data/")) if c]
    assert currents == [("Open data", "page")]


def test_a_page_the_office_takes_out_of_menus_is_no_longer_listed(client):
    boroughs = BoroughIndexPage.objects.get(locale__language_code="en")
    boroughs.show_in_menus = False
    boroughs.save_revision().publish()
    titles = [title for title, _url, _current in _menu(_soup(client, "/en/"))]
    assert "Boroughs" not in titles
    assert "Activities and events" in titles
    # Its German version is the office's own decision.
    assert "Bezirke" in [title for title, _url, _c in _menu(_soup(client, "/de/"))]


def test_a_page_the_office_puts_into_menus_is_listed_in_page_tree_order(client):
    projects = ActivityIndexPage.objects.get(locale__language_code="en").get_next_siblings()
    projects = projects.filter(slug="projects").get().specific
    projects.show_in_menus = True
    projects.save_revision().publish()
    titles = [title for title, _url, _current in _menu(_soup(client, "/en/"))]
    assert titles[4:8] == ["Activities and events", "Get involved", "Projects", "Open data"]


def test_the_overview_has_no_breadcrumb_trail(client):
    assert _trail(_soup(client, "/de/")) is None
    assert _trail(_soup(client, "/en/")) is None


def test_a_city_page_has_the_trail_from_the_overview(client):
    trail = _trail(_soup(client, "/de/warschau/"))
    assert trail[0][1] == "/de/"
    assert trail[1:] == [("Warschau", None)]


def test_a_section_page_has_the_trail_from_the_overview(client):
    trail = _trail(_soup(client, "/en/project-cooperations/"))
    assert trail[0][1] == "/en/"
    assert trail[1:] == [("Project cooperations", None)]


def test_a_record_page_has_its_section_then_its_own_title_in_the_trail(client):
    activity = Activity.objects.filter(is_public=True).order_by("pk").first()
    trail = _trail(_soup(client, f"/en/activities/{activity.slug}/"))
    assert trail[1:] == [
        ("Activities and events", "/en/activities/"),
        (str(activity.title_en), None),
    ]


def test_a_page_two_levels_down_names_both_levels_in_the_trail(client):
    trail = _trail(_soup(client, "/en/boroughs/mitte/"))
    assert trail[1][1] == "/en/boroughs/"
    assert trail[1][0] == "Boroughs"
    assert trail[2][1] is None


def test_the_api_documentation_has_open_data_above_it_in_the_trail(client):
    trail = _trail(_soup(client, "/en/open-data/api/"))
    assert trail == [
        ("Overview", "/en/"),
        ("Open data", "/en/open-data/"),
        ("Documentation of the interface", None),
    ]


def test_every_page_below_the_overview_has_a_trail_and_distinctly_named_navigations(client):
    for url in all_public_urls():
        soup = _soup(client, url)
        if url.rstrip("/").count("/") > 1 or "?" in url:
            assert _trail(soup), url
        labels = [nav.get("aria-label") for nav in soup.find_all("nav")]
        assert all(labels), (url, labels)
        assert len(labels) == len(set(labels)), (url, labels)
