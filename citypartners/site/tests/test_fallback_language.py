"""A record's text shown in the other language (its field in the page's language is empty,
core.i18n.localized falls back) carries that language's ``lang`` on the public site, so
screen readers and translators know it.

Generated: every optional paired ``_de`` / ``_en`` field of every model (a required pair
is written in both languages, so it never falls back) is written in one language only (a
marker word and the record's id), and every public page reachable from the other
language's overview is read; each text that shows a marker must sit in an element whose
nearest ``lang`` is the marker's language. A new template that shows a fallback without
the ``lang`` filter fails here.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.apps import apps
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import translation

from citypartners.core.i18n import LocalizedText, localized, paired_fields
from citypartners.site.templatetags.citypartners_tags import lang, lang_attr

pytestmark = pytest.mark.django_db

MARKER = {"de": "Zzdeutsch", "en": "Zzenglish"}
SKIPPED = (".ics", ".atom", ".csv", ".json", ".geojson", ".xml", ".pdf")
MAX_PAGES = 400


def _write_in_one_language(written: str) -> list[str]:
    """Every paired field of every project model written in ``written`` only; the fields."""
    other = "en" if written == "de" else "de"
    changed = []
    for model in apps.get_models():
        if not model.__module__.startswith("citypartners."):
            continue
        for base, required in paired_fields(model):
            if required:
                continue  # both languages required (a city's name): never a fallback
            value = Concat(
                Value(f"{MARKER[written]} {model.__name__} {base} "),
                Cast("pk", output_field=CharField()),
            )
            model._default_manager.update(**{f"{base}_{written}": value, f"{base}_{other}": ""})
            changed.append(f"{model.__name__}.{base}")
    return changed


def _crawl(client, start: str, prefix: str):
    """Each public page reachable from ``start`` by links below ``prefix`` (no query
    strings, no downloads), with its parsed body."""
    seen, queue = set(), [start]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        yield url, soup
        for link in soup.select("a[href]"):
            parts = urlsplit(link["href"])
            if parts.netloc or not parts.path.startswith(prefix):
                continue
            if parts.path.endswith(SKIPPED) or parts.path in seen:
                continue
            queue.append(parts.path)


def _nearest_lang(node) -> str:
    for parent in node.parents:
        if getattr(parent, "attrs", None) and parent.get("lang"):
            return parent["lang"]
    return ""


@pytest.mark.parametrize(("page_language", "written"), [("en", "de"), ("de", "en")])
def test_every_text_shown_in_the_other_language_carries_its_lang(client, page_language, written):
    assert _write_in_one_language(written)
    marker = MARKER[written]
    wrong, shown, pages = [], 0, 0
    for url, soup in _crawl(client, f"/{page_language}/", f"/{page_language}/"):
        pages += 1
        body = soup.body
        for text in body.find_all(string=lambda s: marker in s):
            if not isinstance(text, NavigableString) or text.parent.name in ("script", "style"):
                continue
            shown += 1
            if _nearest_lang(text) != written:
                place = " ".join(w for w in text.strip().split() if not w.isdigit())[:60]
                wrong.append(f"{place!r} in <{text.parent.name}> (e.g. {url})")
    assert pages > 20, "the crawl reached the site's pages"
    assert shown > 10, "fallback texts were shown"
    places = {}
    for one in wrong:
        places.setdefault(one.split(" (e.g.")[0], one)
    assert not places, "\n".join(sorted(places.values()))


def test_the_filters_mark_only_a_fallback():
    class Record:
        title_de = "Nur Deutsch"
        title_en = ""
        place_de = "Rathaus"
        place_en = "Town hall"

    with translation.override("en"):
        title, place = localized(Record, "title"), localized(Record, "place")
        assert isinstance(title, LocalizedText) and title.language == "de"
        assert lang(title) == '<span lang="de">Nur Deutsch</span>'
        assert lang_attr(title) == ' lang="de"'
        assert lang(place) == "Town hall" and lang_attr(place) == ""
    with translation.override("de"):
        assert lang(localized(Record, "title")) == "Nur Deutsch"
        assert lang_attr(localized(Record, "title")) == ""
    evil = type("R", (), {"title_de": "<b>x</b>", "title_en": ""})
    with translation.override("en"):
        assert lang(localized(evil, "title")) == '<span lang="de">&lt;b&gt;x&lt;/b&gt;</span>'
