"""One search box: cities and partnerships, activities, pages; German stemming for German text."""

import pytest
from bs4 import BeautifulSoup

from citypartners.activities.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _search(client, lang, query):
    url = "/de/suche/" if lang == "de" else "/en/search/"
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _section(soup, heading_id):
    return soup.find("section", attrs={"aria-labelledby": heading_id})


def test_german_word_forms_find_german_content(client):
    ActivityFactory(
        title_de="Beispiel: Austausch der Stadtverwaltungen",
        title_en="Example: Exchange of city administrations",
    )
    soup = _search(client, "de", "Stadtverwaltung")
    titles = [
        a.get_text() for a in _section(soup, "result-activities").select(".activity__title a")
    ]
    assert "Beispiel: Austausch der Stadtverwaltungen" in titles
    english = _search(client, "en", "administration")
    titles = [
        a.get_text() for a in _section(english, "result-activities").select(".activity__title a")
    ]
    assert "Example: Exchange of city administrations" in titles


def test_results_are_grouped_by_type_in_order(client):
    soup = _search(client, "de", "Warschau")
    assert [h.get_text() for h in soup.select("main h2")] == [
        "Städte und Partnerschaften",
        "Aktivitäten und Veranstaltungen",
        "Seiten",
    ]
    cities = _section(soup, "result-cities")
    assert cities.find("a", string="Land Berlin – Warschau")["href"] == "/de/warschau/"
    pages = [a["href"] for a in _section(soup, "result-pages").find_all("a")]
    assert "/de/warschau/" in pages and all(href.startswith("/de/") for href in pages)


def test_borough_partnerships_link_to_their_borough(client):
    soup = _search(client, "en", "Apeldoorn")
    link = _section(soup, "result-cities").find("a")
    assert link.get_text() == "Charlottenburg-Wilmersdorf – Apeldoorn"
    assert link["href"] == "/en/boroughs/charlottenburg-wilmersdorf/"


def test_drafts_and_internal_activities_are_not_found(client):
    ActivityFactory(live=False, title_de="Beispiel: Geheimentwurf", title_en="Example: Secretdraft")
    ActivityFactory(
        is_public=False, title_de="Beispiel: Internsitzung", title_en="Example: Internalmeeting"
    )
    for query in ("Geheimentwurf", "Internsitzung"):
        soup = _search(client, "de", query)
        assert "Keine Aktivität passt zu Ihrer Suche." in soup.get_text()


@pytest.mark.parametrize("query", ["%", "' OR 1=1 --", '"unclosed', "*", "a" * 500, "   "])
def test_odd_queries_never_fail(client, query):
    soup = _search(client, "en", query)
    assert soup.h1.get_text() == "Search"
    if len(query) > 200:
        assert "Your search was shortened to 200 characters." in soup.get_text()


def test_language_switch_keeps_the_search(client):
    soup = _search(client, "de", "Paris")
    assert soup.select_one("nav.language-switch a")["href"] == "/en/search/?q=Paris"


def test_every_page_has_the_search_box(client):
    soup = BeautifulSoup(client.get("/en/warsaw/").content.decode(), "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/en/search/" and form.find("input", attrs={"name": "q"})
