"""Every public page type in both languages: content, landmarks, language switch, no other host."""

import re
from pathlib import Path
from urllib.parse import urlparse

import html5lib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from wagtail.models import Page

from citypartners.activities.models import Activity
from citypartners.site.models import ActivityIndexPage, BoroughPage

from .pages import (
    activity_view_urls,
    all_public_urls,
    one_page_of_each_type,
    page_of_each_model_in_each_language,
)

pytestmark = pytest.mark.django_db


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response["Location"] == "/de/"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_type_renders_with_landmarks_skip_link_switch_and_contact(client, lang):
    for page_type, de_url, en_url in one_page_of_each_type():
        url, other_url = (de_url, en_url) if lang == "de" else (en_url, de_url)
        response = client.get(url)
        assert response.status_code == 200, (page_type, url)
        soup = _soup(response)
        assert soup.html["lang"] == lang
        # The skip link is the first focusable element and points at <main id="main">.
        first_focusable = soup.find(["a", "button", "input", "select", "textarea"])
        assert first_focusable.get("href") == "#main", page_type
        assert soup.find("main", id="main")
        assert soup.find("header") and soup.find("footer") and soup.find("nav")
        # Exactly one h1, and heading levels never skip a level going down.
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert levels.count(1) == 1 and levels[0] == 1, (page_type, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        # The language switch leads to the same page in the other language.
        switch = soup.select_one("nav.language-switch a")
        assert switch["href"] == other_url, page_type
        assert switch["hreflang"] == ("en" if lang == "de" else "de")
        # The head names both versions by absolute URL (search engines ignore relative ones).
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]')
        }
        other = "en" if lang == "de" else "de"
        assert alternates == {
            lang: f"http://testserver{url}",
            other: f"http://testserver{other_url}",
            "x-default": f"http://testserver{de_url}",  # the office's default language
        }, page_type
        canonicals = soup.select('link[rel="canonical"]')
        assert [c["href"] for c in canonicals] == [f"http://testserver{url}"], page_type
        # The office's contact block and the footer's five legal and accessibility pages.
        address = soup.select_one(".contact-block address").get_text(" ", strip=True)
        assert "Jüdenstraße 1" in address and "+49 30 9026-0" in address
        assert len(soup.select(".footer-links a")) == 5


def test_every_public_page_is_well_formed_html_with_unique_ids(client):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for url in all_public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        parser.parse(response.content.decode())  # raises on any parse error
        ids = [tag["id"] for tag in _soup(response).find_all(id=True)]
        assert len(ids) == len(set(ids)), url


def test_every_public_page_names_one_absolute_canonical_address_or_is_not_indexed(client):
    for url in all_public_urls():
        soup = _soup(client.get(url))
        canonicals = [link["href"] for link in soup.select('link[rel="canonical"]')]
        if ("/suche/" in url or "/search/" in url) and "?" in url:
            assert canonicals == [], url  # result pages are not for search engines
            assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
            continue
        assert canonicals == [f"http://testserver{url.split('?')[0]}"], url
        hreflangs = [link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')]
        assert sorted(hreflangs) == ["de", "en", "x-default"], url
        # Link previews: Open Graph and Twitter card data, every address absolute.
        og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        assert og["og:url"] == canonicals[0], url
        assert og["og:title"] and og["og:type"] == "website", url
        assert og["og:image"].startswith("http://testserver/") and og["og:image"].endswith(".png")
        assert og["og:locale"] == ("de_DE" if url.startswith("/de/") else "en_GB"), url
        assert og["og:locale:alternate"] == ("en_GB" if url.startswith("/de/") else "de_DE")
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        # A description of 50 to 160 characters on every page (generated where none is written).
        (description,) = soup.select('meta[name="description"]')
        assert 50 <= len(description["content"]) <= 160, (url, description["content"])
        assert og["og:description"] == description["content"], url


def test_a_filtered_list_is_canonically_the_list_and_its_page_number_is_kept(client):
    index = ActivityIndexPage.objects.live().filter(locale__language_code="en").get()
    soup = _soup(client.get(index.url + "?period=all&sort=date&page=2"))
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        f"http://testserver{index.url}?page=2"
    )
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    german = index.get_translation(index.get_translations().get().locale)
    assert alternates["de"] == alternates["x-default"] == f"http://testserver{german.url}?page=2"
    soup = _soup(client.get(index.url + "?page=1"))
    assert soup.select_one('link[rel="canonical"]')["href"] == f"http://testserver{index.url}"


RESOURCE_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "source": "src",
    "video": "src",
    "track": "src",
    "iframe": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


def test_no_public_page_loads_anything_from_another_host(client):
    checked = 0
    for url in all_public_urls():
        soup = _soup(client.get(url))
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                if tag == "link" and "alternate" in element.get("rel", []):
                    continue  # a link to the other language, not a resource
                value = element.get(attribute) or ""
                for candidate in [value, *element.get("srcset", "").split(",")]:
                    host = urlparse(candidate.strip().split(" ")[0]).netloc
                    assert host in ("", "testserver"), (url, tag, candidate)
                checked += 1
        for style in soup.find_all(style=True):
            assert "url(" not in style["style"] or "http" not in style["style"], url
    assert checked > 50
    stylesheet = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", stylesheet)
    assert "@import" not in stylesheet


def _resource_size(client, url: str) -> int:
    """A static file's size, or the size of what the site itself answers for the address."""
    address = urlparse(url).path
    if address.startswith(settings.STATIC_URL):
        path = finders.find(address.removeprefix(settings.STATIC_URL))
        assert path, url
        return Path(path).stat().st_size
    response = client.get(address)
    assert response.status_code == 200, url
    return len(response.content)


def test_every_page_type_weighs_under_200_kb_with_its_css_and_js(client):
    """Issue 13: under 200 KB before images, counted uncompressed (nginx sends less)."""
    urls = page_of_each_model_in_each_language() + activity_view_urls()
    assert len(urls) > 2 * 11
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = _soup(response)
        resources = {link["href"] for link in soup.select('link[rel~="stylesheet"][href]')}
        resources |= {script["src"] for script in soup.select("script[src]")}
        weight = len(response.content) + sum(_resource_size(client, r) for r in resources)
        assert weight < 200_000, (url, weight, sorted(resources))


def test_a_page_without_a_search_description_is_described_by_its_intro(client):
    home = Page.objects.live().filter(depth=2).first().specific
    home.search_description = ""
    home.intro = "<p>Partner cities &amp; <b>projects</b> " + "word " * 60 + "</p>"
    home.save_revision().publish()
    content = _soup(client.get(home.url)).select_one('meta[name="description"]')["content"]
    assert content.startswith("Partner cities & projects word word")
    assert len(content) <= 160 and content.endswith("…")
    home.search_description = "The office's own summary."
    home.save_revision().publish()
    content = _soup(client.get(home.url)).select_one('meta[name="description"]')["content"]
    assert content == "The office's own summary."


def test_an_activity_is_described_by_its_own_text_not_the_lists(client):
    activity = Activity.objects.filter(live=True, is_public=True).first()
    text = "<p>Gärten <i>für</i> Schulen</p>"
    Activity.objects.filter(pk=activity.pk).update(description_de=text)
    index = ActivityIndexPage.objects.live().filter(locale__language_code="de").get()
    response = client.get(index.url + index.reverse_subpage("detail", args=[activity.slug]))
    content = _soup(response).select_one('meta[name="description"]')["content"]
    # Short, so a generated sentence follows it.
    assert content.startswith("Gärten für Schulen. ")
    assert content != _soup(client.get(index.url)).select_one('meta[name="description"]')["content"]


def test_a_record_with_a_short_text_gets_a_generated_description_of_its_type(client):
    index = ActivityIndexPage.objects.live().filter(locale__language_code="en").get()
    activity = Activity.objects.filter(live=True, is_public=True).first()
    Activity.objects.filter(pk=activity.pk).update(description_en="<p>Short.</p>")
    response = client.get(index.url + index.reverse_subpage("detail", args=[activity.slug]))
    content = _soup(response).select_one('meta[name="description"]')["content"]
    assert content.startswith(f"Short. {activity.title_en}, ")
    assert content.endswith(": an activity of the city partnerships of Berlin.")


def test_the_open_data_page_is_described_by_its_title_and_the_site(client):
    content = _soup(client.get("/en/open-data/")).select_one('meta[name="description"]')
    assert content["content"] == (
        "Open data – the city partnerships of Berlin: partner cities, activities, projects "
        "and how to take part."
    )


def test_a_borough_page_without_an_intro_is_described_by_its_borough(client):
    for language, expected in [
        ("en", "Partner cities of {name}, a borough of Berlin: partnerships, activities"),
        # Needs the German catalogue with this branch's strings compiled.
        ("de", "Partnerstädte von {name}, einem Bezirk von Berlin: Partnerschaften, Aktivitäten"),
    ]:
        page = BoroughPage.objects.live().filter(locale__language_code=language).first()
        page.intro = ""
        page.search_description = ""
        page.save_revision().publish()
        content = _soup(client.get(page.url)).select_one('meta[name="description"]')["content"]
        assert content.startswith(expected.format(name=page.borough.name)), content
