"""The grant report of a funded activity: its address in each language, what it shows (the facts
a funding programme requires the office to publish), when it answers 404, and its size and
query count whatever the number of countries, days and organisations."""

import datetime
import re

import html5lib
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.activities.tests.factories import (
    ActivityFactory,
    FundedActivityFactory,
    ParticipantCountryFactory,
    ProgrammeDayFactory,
)
from citypartners.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DE = "/de/aktivitaeten/{}/foerderbericht/"
EN = "/en/activities/{}/grant-report/"


@pytest.fixture
def funded():
    activity = FundedActivityFactory(
        slug="example-citizens-meeting",
        title_de="Beispiel: Bürgerbegegnung Berlin–Warschau",
        title_en="Example: Berlin–Warsaw citizens' meeting",
        other_institutions="Beispiel-Chor Pankow (Example)",
    )
    ParticipantCountryFactory(activity=activity, country_code="DE", participants=14)
    ParticipantCountryFactory(activity=activity, country_code="PL", participants=9)
    ParticipantCountryFactory(activity=activity, country_code="FR", participants=2)
    ProgrammeDayFactory(
        activity=activity,
        date=datetime.date(2030, 5, 5),
        text_de="Stadtspaziergang zu Orten der Partnerschaft.",
        text_en="City walk to places of the partnership.",
    )
    ProgrammeDayFactory(
        activity=activity,
        date=datetime.date(2030, 5, 4),
        text_de="Ankunft und Begrüßung im Rathaus.",
        text_en="Arrival and welcome at City Hall.",
    )
    activity.organisations.set(
        Organisation.objects.filter(
            slug__in=["example-gymnasium-berlin", "example-warsaw-sports-club"]
        )
    )
    activity.save()
    return activity


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def _table(soup):
    rows = soup.select("table tr")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in rows]


def test_the_report_shows_participants_per_country_and_their_total_in_english(client, funded):
    response = client.get(EN.format(funded.slug))
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.h1.get_text(strip=True) == "Example: Berlin–Warsaw citizens' meeting"
    assert _table(soup) == [
        ["Country", "Number of participants"],
        ["Germany", "14"],
        ["Poland", "9"],
        ["France", "2"],
        ["Total", "25"],
    ]
    assert soup.caption.get_text(strip=True) == "25 participants in all"


def test_the_report_shows_participants_per_country_and_their_total_in_german(client, funded):
    soup = _soup(client.get(DE.format(funded.slug)))
    assert soup.h1.get_text(strip=True) == "Beispiel: Bürgerbegegnung Berlin–Warschau"
    assert _table(soup) == [
        ["Land", "Anzahl der Teilnehmenden"],
        ["Deutschland", "14"],
        ["Polen", "9"],
        ["Frankreich", "2"],
        ["Summe", "25"],
    ]


def _facts(soup):
    return {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in soup.select("dl.facts > div")
    }


def test_the_report_shows_place_dates_programme_and_statement_in_english(client, funded):
    soup = _soup(client.get(EN.format(funded.slug)))
    facts = _facts(soup)
    assert facts["Where"] == "Red City Hall, Berlin"
    assert facts["When"] == "4 May 2030 – 7 May 2030"
    assert facts["Funding programme"] == "CERV – Town twinning"
    assert facts["Grant agreement number"] == funded.grant_agreement_number
    days = [dt.get_text(strip=True) for dt in soup.select(".programme-days dt")]
    texts = [dd.get_text(strip=True) for dd in soup.select(".programme-days dd")]
    assert days == ["Saturday, 4 May 2030", "Sunday, 5 May 2030"]
    assert texts == ["Arrival and welcome at City Hall.", "City walk to places of the partnership."]
    assert soup.select_one(".funding-statement").get_text(strip=True) == (
        "Funded by the European Union."
    )


def test_the_report_shows_place_dates_programme_and_statement_in_german(client, funded):
    soup = _soup(client.get(DE.format(funded.slug)))
    facts = _facts(soup)
    assert facts["Wo"] == "Rotes Rathaus, Berlin"
    assert facts["Förderprogramm"] == "CERV – Städtepartnerschaften"
    assert facts["Nummer der Finanzhilfevereinbarung"] == funded.grant_agreement_number
    days = [dt.get_text(strip=True) for dt in soup.select(".programme-days dt")]
    assert days == ["Samstag, 4. Mai 2030", "Sonntag, 5. Mai 2030"]
    assert soup.select_one(".funding-statement").get_text(strip=True) == (
        "Gefördert von der Europäischen Union."
    )


def test_the_organisations_are_linked_to_their_pages(client, funded):
    soup = _soup(client.get(EN.format(funded.slug)))
    section = soup.find(id="organisations-heading").parent
    links = {a.get_text(strip=True): a["href"] for a in section.find_all("a")}
    assert links == {
        "Beispiel-Gymnasium Berlin-Mitte (Beispiel / Example)": (
            "/en/institutions/example-gymnasium-berlin/"
        ),
        "Przykładowy Klub Sportowy Warszawa (Beispiel / Example)": (
            "/en/institutions/example-warsaw-sports-club/"
        ),
    }
    assert "Beispiel-Chor Pankow (Example)" in section.get_text()


def test_the_activity_page_links_its_grant_report_in_its_language(client, funded):
    for url, report in [
        (f"/de/aktivitaeten/{funded.slug}/", DE.format(funded.slug)),
        (f"/en/activities/{funded.slug}/", EN.format(funded.slug)),
    ]:
        soup = _soup(client.get(url))
        assert soup.find("a", href=report) is not None, url
    other = ActivityFactory()
    assert "foerderbericht" not in client.get(f"/de/aktivitaeten/{other.slug}/").content.decode()


def test_the_language_switch_and_the_alternates_lead_to_the_report_in_the_other_language(
    client, funded
):
    de, en = DE.format(funded.slug), EN.format(funded.slug)
    soup = _soup(client.get(de))
    assert soup.select_one(".language-switch a[hreflang=en]")["href"] == en
    assert soup.select_one("link[rel=alternate][hreflang=en]")["href"].endswith(en)
    soup = _soup(client.get(en))
    assert soup.select_one(".language-switch a[hreflang=de]")["href"] == de


def test_the_other_languages_segment_redirects_to_this_languages(client, funded):
    response = client.get(f"/en/activities/{funded.slug}/foerderbericht/")
    assert response.status_code == 301
    assert response["Location"] == EN.format(funded.slug)
    response = client.get(f"/de/aktivitaeten/{funded.slug}/grant-report/")
    assert response.status_code == 301
    assert response["Location"] == DE.format(funded.slug)


@pytest.mark.parametrize(
    "kind,fields",
    [
        ("unfunded", {"grant_agreement_number": ""}),
        ("without programme", {"funding_programme_de": "", "funding_programme_en": ""}),
        ("internal", {"is_public": False}),
        ("draft", {"live": False}),
    ],
)
def test_there_is_no_report_for_an_activity_that_is_not_public_live_and_funded(
    client, kind, fields
):
    activity = FundedActivityFactory(**fields)
    for url in (DE.format(activity.slug), EN.format(activity.slug)):
        assert client.get(url).status_code == 404, (kind, url)
    assert client.get(EN.format("no-such-activity")).status_code == 404


def test_the_report_stays_online_after_the_activity_is_over(client):
    activity = FundedActivityFactory(
        start_date=datetime.date(2021, 6, 1),
        end_date=datetime.date(2021, 6, 3),
        status="done",
        keep_online_until=datetime.date(2026, 12, 31),
    )
    assert client.get(EN.format(activity.slug)).status_code == 200


def _grow(activity, size):
    codes = ["DE", "PL", "FR", "CZ", "HU", "AT", "NL", "BE", "IT", "ES", "PT", "DK"][:size]
    for code in codes:
        ParticipantCountryFactory(activity=activity, country_code=code, participants=3)
    for offset in range(size):
        ProgrammeDayFactory(activity=activity, date=activity.start_date, text_en=f"Item {offset}")
    organisations = Organisation.objects.all()[:size]
    activity.organisations.set(organisations)
    activity.save()


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_query_count_is_the_same_for_one_row_and_twelve(client, django_assert_max_num_queries):
    small = FundedActivityFactory(end_date=datetime.date(2030, 5, 20))
    large = FundedActivityFactory(end_date=datetime.date(2030, 5, 20))
    _grow(small, 1)
    _grow(large, 12)
    client.get(EN.format(small.slug))  # warm the per-process caches (site, content types)
    # 19: one of them the main navigation and breadcrumb trail (sections.navigation_pages).
    with django_assert_max_num_queries(19):
        few, _response = _count(client, EN.format(small.slug))
    many, response = _count(client, EN.format(large.slug))
    assert few == many
    assert len(_table(_soup(response))) == 2 + 12


def test_the_page_is_small_and_loads_nothing_from_another_host(client, funded):
    response = client.get(DE.format(funded.slug))
    assert len(response.content) < 200 * 1024
    html = response.content.decode()
    assert not re.search(r'(src|href)="(https?:)?//(?!testserver)', html)


@pytest.mark.parametrize("url", [DE, EN])
def test_the_report_is_well_formed_with_landmarks_skip_link_and_headings_in_order(
    client, funded, url
):
    response = client.get(url.format(funded.slug))
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.content.decode())
    soup = _soup(response)
    assert soup.find(["a", "button", "input"]).get("href") == "#main"
    assert soup.find("main", id="main") and soup.find("header") and soup.find("footer")
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
