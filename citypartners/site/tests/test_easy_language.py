"""The pages in easy language (Leichte Sprache, Easy Read), the header's links to them and to
the sign-language page, and the accessibility statement made from the office's fields."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from citypartners.core.models import OfficeSettings
from citypartners.owners.models import Owner
from citypartners.partnerships import selectors
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FoundingDocumentFactory,
    PartnershipFactory,
)
from citypartners.site.models import AccessibilityPage, EasyLanguagePage

from .pages import activity_view_urls, page_of_each_model_in_each_language

pytestmark = pytest.mark.django_db

CITIES_DE = "/de/leichte-sprache/partner-staedte/"
CITIES_EN = "/en/easy-language/partner-cities/"


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def _office_page(name: str) -> Page:
    office = OfficeSettings.objects.get()
    return getattr(office, f"{name}_page")


# --- the pages in the tree
def test_the_easy_language_page_has_its_five_topics_in_both_languages_as_translations():
    parent = _office_page("easy_language")
    english = parent.get_translation(parent.get_translations().get().locale)
    german_topics = EasyLanguagePage.objects.child_of(parent).live().order_by("path")
    english_topics = EasyLanguagePage.objects.child_of(english).live().order_by("path")
    assert [p.title for p in german_topics] == [
        "Was sind Städte-Partnerschaften?",
        "Die Partner-Städte",
        "So können Sie mitmachen",
        "So erreichen Sie uns",
        "So benutzen Sie diese Internet-Seite",
    ]
    assert [p.title for p in english_topics] == [
        "What are city partnerships?",
        "The partner cities",
        "How you can take part",
        "How to contact us",
        "How to use this website",
    ]
    assert [p.translation_key for p in german_topics] == [p.translation_key for p in english_topics]
    assert [p.shows for p in english_topics] == [
        "",
        "partner_cities",
        "take_part",
        "contact",
        "",
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_easy_language_page_lists_its_topics_as_links(client, lang):
    parent = _office_page("easy_language")
    if lang == "en":
        parent = parent.get_translation(parent.get_translations().get().locale)
    soup = _soup(client, parent.url)
    links = [a["href"] for a in soup.select("main .easy-topics a")]
    assert links == [p.url for p in parent.get_children().live().order_by("path")]
    assert len(links) == 5


def test_the_easy_texts_keep_to_short_sentences():
    """Leichte Sprache: short sentences; none of the topics' sentences runs past 15 words."""
    for page in EasyLanguagePage.objects.all():
        text = BeautifulSoup(page.body, "html.parser").get_text(" ")
        for sentence in re.split(r"[.?!:]\s", text):
            assert len(sentence.split()) <= 15, (page.title, sentence)


# --- the partner cities, from the data
def _listed(client, url):
    soup = _soup(client, url)
    return [li.get_text(" ", strip=True) for li in soup.select("main ul.easy-cities > li")]


def test_the_partner_cities_page_lists_every_state_partnership_with_its_year(client):
    rows = selectors.state_partnership_list()
    listed = _listed(client, CITIES_EN)
    assert len(listed) == len(rows) > 3
    for row, text in zip(rows, listed, strict=True):
        assert text.startswith(row.city.name_en), text
        assert f"Partner since: {row.since.year}" in text
    heading = _soup(client, CITIES_EN).select_one("#easy-cities-heading").get_text()
    assert heading == f"Berlin has {len(rows)} partner cities"


def test_a_new_partnership_appears_on_the_easy_page_in_both_languages(client):
    before = len(_listed(client, CITIES_DE))
    state = Owner.objects.get(kind=Owner.Kind.STATE)
    city = CityFactory(name_de="Lissabon", name_en="Lisbon", country_code="PT")
    partnership = PartnershipFactory(owner=state, city=city)
    FoundingDocumentFactory(partnership=partnership, date=datetime.date(2031, 3, 1))
    german = _listed(client, CITIES_DE)
    assert len(german) == before + 1
    assert german[-1].startswith("Lissabon") and "2031" in german[-1]
    assert _listed(client, CITIES_EN)[-1].startswith("Lisbon")


def test_a_suspended_partnership_is_said_to_take_a_break(client):
    suspended = [
        row for row in selectors.state_partnership_list() if row.current_status == "suspended"
    ]
    assert suspended, "the small site has a suspended partnership"
    name = suspended[0].city.name_en
    listed = [text for text in _listed(client, CITIES_EN) if text.startswith(name)]
    assert len(listed) == 1 and "taking a break" in listed[0]


def test_the_partner_cities_page_runs_the_same_queries_with_few_and_many_partnerships(client):
    client.get(CITIES_DE)  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(CITIES_DE)
    state = Owner.objects.get(kind=Owner.Kind.STATE)
    for _number in range(30):
        partnership = PartnershipFactory(owner=state, city=CityFactory(country_code="FR"))
        FoundingDocumentFactory(partnership=partnership)
    with CaptureQueriesContext(connection) as many:
        response = client.get(CITIES_DE)
    assert response.status_code == 200
    assert len(many) == len(few)
    assert len(_listed(client, CITIES_DE)) == len(selectors.state_partnership_list())


# --- the other topics' generated parts
def test_the_take_part_page_links_the_form_and_the_contact_page_shows_the_office(client):
    soup = _soup(client, "/en/easy-language/take-part/")
    assert soup.select_one("main a[href='/en/get-involved/']")
    office = OfficeSettings.objects.get()
    contact = _soup(client, "/en/easy-language/contact/").find("main").get_text(" ", strip=True)
    assert office.street in contact and office.phone in contact and office.email in contact


# --- the header's links on every page
def test_every_public_page_links_easy_language_and_sign_language_in_its_header(client):
    expected = {}
    for name in ("easy_language", "sign_language"):
        german = _office_page(name)
        english = german.get_translation(german.get_translations().get().locale)
        expected[name] = {"de": german.url, "en": english.url}
    for url in page_of_each_model_in_each_language() + activity_view_urls():
        lang = url.split("/")[1]
        soup = _soup(client, url)
        header = soup.find("header")
        easy = header.select_one("a[data-access='easy-language']")
        sign = header.select_one("a[data-access='sign-language']")
        assert easy["href"] == expected["easy_language"][lang], url
        assert sign["href"] == expected["sign_language"][lang], url
        for link in (easy, sign):
            # The text is visible next to a decorative pictogram of our own.
            assert link.find("span").get_text(strip=True), url
            assert link.find("svg")["aria-hidden"] == "true", url
        assert soup.find("footer").select_one(f"a[href='{expected['easy_language'][lang]}']")


def test_the_header_links_follow_the_pages_the_office_chose(client):
    office = OfficeSettings.objects.get()
    office.sign_language_page = None
    office.save()
    soup = _soup(client, "/en/")
    assert soup.select_one("header a[data-access='sign-language']") is None
    assert soup.select_one("header a[data-access='easy-language']")


# --- the accessibility statement
def _statement(client, lang):
    page = AccessibilityPage.objects.get(locale__language_code=lang)
    return page, _soup(client, page.url).find("main")


def test_the_statement_shows_its_parts_in_the_order_of_the_eu_model(client):
    _page, main = _statement(client, "en")
    parts = [
        el.get("data-part") or "feedback"
        for el in main.find_all("section", recursive=False)
        if el.get("data-part") or el.get("aria-labelledby") == "feedback-heading"
    ]
    assert parts == ["conformance", "limitations", "preparation", "feedback", "enforcement"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_statement_renders_each_field(client, lang):
    page, main = _statement(client, lang)
    text = main.get_text(" ", strip=True)
    assert page.conformance == "partial"
    for block in page.limitations:
        assert block.value["what"] in text
        assert block.value["why"] in text
        assert block.value["alternative"] in text
    assert len(main.select("li.limitation")) == len(page.limitations) == 3
    assert page.method_text.split(";")[0] in text
    assert ("30. November 2026" if lang == "de" else "30 November 2026") in text
    assert page.enforcement_name in text
    assert main.select_one(f"a[href='{page.enforcement_url}']")
    assert not main.select(".muted")  # every part is filled


def test_the_statement_says_plainly_which_parts_the_office_has_not_filled(client):
    page = AccessibilityPage.objects.get(locale__language_code="en")
    page.conformance = page.method = page.enforcement_name = page.enforcement_url = ""
    page.statement_date = page.review_date = None
    page.limitations = []
    page.save_revision().publish()
    _page, main = _statement(client, "en")
    empty = [p.get_text(strip=True) for p in main.select(".muted")]
    assert empty == [
        "The office has not yet stated how far this website complies.",
        "The office has not yet listed the known limitations.",
        "The office has not yet given the date of this statement.",
        "The office has not yet described how the website was assessed.",
        "The office has not yet named the enforcement body.",
    ]
    assert main.select_one("form textarea")  # the feedback form stays
