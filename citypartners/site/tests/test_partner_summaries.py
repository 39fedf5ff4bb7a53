"""A partner city's page shows the city's summaries in its partner languages, each marked with
its language and direction, in German and English, with the same number of queries however
many summaries there are; only such a page links the fonts for other scripts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from citypartners.owners.models import Owner
from citypartners.partnerships.models import City
from citypartners.partnerships.services import city_summary_set
from citypartners.partnerships.tests.factories import CityFactory, PartnershipFactory
from citypartners.site.models import HomePage, PartnerCityPage
from citypartners.site.setup import SetupReport, child_page_ensure, translation_ensure

from .test_query_counts import MAX_QUERIES

pytestmark = pytest.mark.django_db

HEBREW = "ברלין ותל אביב-יפו הן ערים תאומות מאז 2025."
JAPANESE = "ベルリンと東京は1994年から姉妹友好都市です。"
POLISH = "Berlin i Warszawa są miastami partnerskimi od 1991 roku."


def tel_aviv_page():
    """Tel Aviv-Yafo as a state partner with its page in German and English (no summary yet)."""
    city = CityFactory(
        slug="tel-aviv",
        name_en="Tel Aviv-Yafo",
        name_de="Tel Aviv-Yafo",
        name_local="תל אביב-יפו",
        country_code="IL",
    )
    partnership = PartnershipFactory(owner=Owner.objects.get(slug="land-berlin"), city=city)
    report = SetupReport()
    home = HomePage.objects.get(locale__language_code="de")
    page = child_page_ensure(
        home,
        PartnerCityPage,
        slug="tel-aviv-yafo",
        title="Tel Aviv-Yafo",
        partnership=partnership,
        report=report,
    )
    translation_ensure(
        page, Locale.objects.get(language_code="en"), slug="tel-aviv-yafo", report=report
    )
    return city


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "url,heading,in_hebrew,note",
    [
        (
            "/de/tel-aviv-yafo/",
            "Kurz gefasst in der Sprache der Partnerstadt",
            "Auf Hebräisch",
            "Beispieltext für die Demo, nicht vom Büro geschrieben.",
        ),
        (
            "/en/tel-aviv-yafo/",
            "In brief, in the partner city's language",
            "In Hebrew",
            "Example text written for the demo, not by the office.",
        ),
    ],
)
def test_the_hebrew_summary_is_marked_right_to_left_under_a_heading_in_the_pages_language(
    client, url, heading, in_hebrew, note
):
    city = tel_aviv_page()
    city_summary_set(city=city, language="he", text=HEBREW, is_example=True)
    html = _html(client, url)
    assert f'<h2 id="summaries-heading">{heading}</h2>' in html
    assert f'<h3 id="summary-he-heading">{in_hebrew}</h3>' in html
    block = re.search(r'<div class="partner-summary__text" ([^>]*)>\s*<p>([^<]*)</p>', html)
    assert block.group(1) == 'lang="he" dir="rtl"'
    assert block.group(2) == HEBREW
    assert note in html
    # Listed beside the language switch, named in its own language, linked to its section.
    assert '<a href="#summary-he" lang="he" dir="rtl">עברית</a>' in html
    assert 'id="summary-he"' in html
    # Not as a head alternate: a section of this page is no Hebrew page.
    assert 'hreflang="he"' not in html
    assert "/static/css/partner-fonts" in html


@pytest.mark.parametrize("url", ["/de/tel-aviv-yafo/", "/en/tel-aviv-yafo/"])
def test_each_summary_carries_its_own_language_and_an_office_text_no_example_note(client, url):
    city = tel_aviv_page()
    city_summary_set(city=city, language="he", text=HEBREW)
    city_summary_set(city=city, language="ja", text=JAPANESE)
    city_summary_set(city=city, language="pl", text=POLISH)
    html = _html(client, url)
    marks = re.findall(r'<div class="partner-summary__text" lang="([^"]+)" dir="([^"]+)">', html)
    assert marks == [("he", "rtl"), ("ja", "ltr"), ("pl", "ltr")]
    assert JAPANESE in html and POLISH in html
    assert "partner-summary__example" not in html
    assert re.findall(r'<a href="#summary-(\w+)" lang="\1"', html) == ["he", "ja", "pl"]


@pytest.mark.parametrize("url", ["/de/warschau/", "/en/warsaw/"])
def test_a_city_without_summaries_has_no_section_and_links_no_fonts(client, url):
    html = _html(client, url)
    assert "partner-summar" not in html
    assert "summary-languages" not in html
    assert "partner-fonts" not in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_city_page_runs_as_many_queries_with_no_summary_as_with_nine(
    client, django_assert_max_num_queries
):
    urls = ["/de/warschau/", "/en/warsaw/"]
    for url in urls:
        client.get(url)  # warm the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(MAX_QUERIES["city"]):
        _count(client, urls[0])
    none = [_count(client, url) for url in urls]
    warsaw = City.objects.get(slug="warsaw")
    for code in ("pl", "fr", "es", "uk", "he", "ja", "it", "ar", "zh-Hans"):
        city_summary_set(city=warsaw, language=code, text=POLISH)
    assert warsaw.summaries.count() == 9
    many = [_count(client, url) for url in urls]
    assert "zh-Hans" in client.get(urls[1]).content.decode()
    assert many == none, f"{none} queries with no summary, {many} with nine"
