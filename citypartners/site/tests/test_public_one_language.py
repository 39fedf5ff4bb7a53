"""One language per public page (issue 16, item 6): a German page shows no English text and
an English page no German text, except inside an element marked with the other ``lang``.

Generated: the public site is crawled from each language's home page (every page type the
site holds, record pages, the calendar, search), and the pages no link reaches are added
(the thanks pages, the open-data pages and the API documentation). Each visible text node
and each title, aria-label, alt and placeholder whose nearest ``lang`` is the page's own is
checked as the back-office walk checks its labels (``one_language.Catalogues.foreign``: a
catalogue string of the other language, or the other language's frame around names); on an
English page a record's German name where its English one differs counts too. Machine
names (an API's paths, parameters, fields and shapes) are the same in every language: they
stand in ``<code>`` (or an element with ``translate="no"``) and are not read.
"""

import pytest
from bs4 import NavigableString
from wagtail.models import Page

from citypartners.site.models import AccessibilityPage, GetInvolvedPage

from .one_language import Catalogues, normal
from .test_fallback_language import _crawl, _nearest_lang
from .test_one_language import _german_names, _names

pytestmark = pytest.mark.django_db

ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
NOT_SHOWN = ("script", "style", "template")
MACHINE_NAMES = ("code", "kbd", "samp")


def _is_machine_name(node) -> bool:
    return any(
        parent.name in MACHINE_NAMES or parent.get("translate") == "no"
        for parent in node.parents
        if getattr(parent, "attrs", None) is not None
    )


def _unlinked(language: str) -> list[str]:
    """The public pages in `language` that no link leads to."""
    urls = []
    for model in (GetInvolvedPage, AccessibilityPage):
        for page in model.objects.live().filter(locale__language_code=language):
            urls.append(page.url + page.reverse_subpage(page.thanks_route()))
    return (
        urls
        + {
            "de": ["/de/offene-daten/", "/de/offene-daten/api/", "/de/suche/?q=Warschau"],
            "en": ["/en/open-data/", "/en/open-data/api/", "/en/search/?q=Warsaw"],
        }[language]
    )


def _pages(client, language):
    seen = set()
    for url, soup in _crawl(client, f"/{language}/", f"/{language}/"):
        seen.add(url)
        yield url, soup
    for url in _unlinked(language):
        if url not in seen:
            yield from _crawl(client, url, "/-nothing-more-/")


def _shown(soup, language):
    """(where, text) of what the page shows a reader in its own language."""
    for text in soup.body.find_all(string=True):
        if not isinstance(text, NavigableString) or text.parent.name in NOT_SHOWN:
            continue
        if type(text) is not NavigableString:  # a comment, a doctype
            continue
        if _is_machine_name(text):
            continue
        if normal(text) and _nearest_lang(text) in ("", language):
            yield f"<{text.parent.name}>", normal(text)
    for element in soup.body.find_all(True):
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if value and (element.get("lang") or _nearest_lang(element)) in ("", language):
                yield f"<{element.name} {attribute}>", normal(value)


def _findings(client, language, catalogues, german_names):
    findings, pages = {}, set()
    for url, soup in _pages(client, language):
        pages.add(url)
        assert soup.html.get("lang") == language, url
        for where, text in _shown(soup, language):
            reason = catalogues.foreign(text, language)
            if reason is None and language == "en" and text in german_names:
                reason = "a record's German name"
            if reason:
                findings.setdefault(f"{where} {text!r} ({reason})", url)
    return findings, pages


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_public_page_shows_its_own_language_outside_elements_marked_with_lang(
    client, language
):
    catalogues = Catalogues(_names())
    german_names = _german_names() - catalogues.names if language == "en" else frozenset()
    findings, pages = _findings(client, language, catalogues, german_names)
    types = set(
        Page.objects.live()
        .filter(locale__language_code=language, depth__gt=1)
        .values_list("content_type__model", flat=True)
    )
    assert len(types) >= 12, "the site holds every page type"
    assert len(pages) > 20, "the crawl reached the site's pages"
    assert {*_unlinked(language)} <= pages, "the pages no link reaches were read"
    report = [f"{finding}  e.g. {url}" for finding, url in sorted(findings.items())]
    assert not findings, f"{len(findings)} texts in the other language:\n" + "\n".join(report)


def test_a_text_of_the_other_language_outside_a_lang_element_is_found():
    """The check itself: an English catalogue string on a German page is found, the same
    string inside an element marked lang="en" or in <code> is not."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 (only this check parses by hand)

    catalogues = Catalogues(set())
    html = (
        '<html lang="de"><body><p>Shapes of the answers</p>'
        '<p lang="en">Shapes of the answers</p><p><code>Shapes of the answers</code></p>'
        "<p>Aufbau der Antworten</p></body></html>"
    )
    soup = BeautifulSoup(html, "html.parser")
    found = [text for _where, text in _shown(soup, "de") if catalogues.foreign(text, "de")]
    assert found == ["Shapes of the answers"]
