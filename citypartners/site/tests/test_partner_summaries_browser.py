"""Summaries in partner languages in Chromium: Tel Aviv-Yafo's Hebrew summary runs right to
left, drawn by the site's own Hebrew font (as the Japanese one by its Japanese font), axe finds
nothing in either language, and a page without such a summary downloads none of these fonts."""

import pytest

from citypartners.partnerships.services import city_summary_set

from . import test_browser
from .test_partner_summaries import HEBREW, JAPANESE, tel_aviv_page

# test_browser's fixtures (the browser; a page that checks the Content Security Policy).
browser = test_browser.browser
page = test_browser.page
_axe_violations = test_browser._axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _requests(page) -> list[str]:
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def _fonts_drawing(page, selector: str) -> list[dict]:
    """The fonts Chromium actually drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    # The fonts of the element's own text nodes.
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_tel_aviv_yafos_hebrew_summary_runs_right_to_left_in_the_sites_own_font(page, live_server):
    city = tel_aviv_page()
    city_summary_set(city=city, language="he", text=HEBREW, is_example=True)
    city_summary_set(city=city, language="ja", text=JAPANESE, is_example=True)
    requests = _requests(page)
    failures = {}
    for url in ["/de/tel-aviv-yafo/", "/en/tel-aviv-yafo/"]:
        page.goto(url)
        page.evaluate("document.fonts.ready.then(() => true)")
        hebrew = page.locator('.partner-summary__text[lang="he"]')
        assert hebrew.evaluate("e => getComputedStyle(e).direction") == "rtl"
        # Logical properties: the rule and the text sit on the right.
        assert hebrew.evaluate("e => getComputedStyle(e).borderRightWidth") == "4px"
        assert hebrew.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
        box = hebrew.bounding_box()
        line = hebrew.locator("p").evaluate(
            "p => { const r = document.createRange(); r.selectNodeContents(p);"
            " const b = r.getBoundingClientRect(); return {left: b.left, right: b.right}; }"
        )
        assert abs(line["right"] - (box["x"] + box["width"] - 4 - 16)) < 2, (line, box)
        drawn = _fonts_drawing(page, '.partner-summary__text[lang="he"] p')
        assert any(f["isCustomFont"] and "Hebrew" in f["familyName"] for f in drawn), drawn
        drawn = _fonts_drawing(page, '.partner-summary__text[lang="ja"] p')
        assert any(f["isCustomFont"] and "JP" in f["familyName"] for f in drawn), drawn
        violations = _axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}
    fonts = [url for url in requests if "/static/fonts/partner/" in url]
    assert any(url.endswith("/noto-sans-hebrew.woff2") for url in fonts), fonts
    assert any("/noto-sans-jp-" in url for url in fonts), fonts
    assert not any("cyrillic" in url or "latin-ext" in url for url in fonts), fonts
    assert all(url.startswith(live_server.url) for url in requests), requests


def test_a_german_page_without_summaries_downloads_none_of_these_fonts(page):
    requests = _requests(page)
    page.goto("/de/warschau/")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert requests, "the page made no requests at all"
    loaded = [url for url in requests if "/fonts/" in url or "partner-fonts" in url]
    assert loaded == []


def test_at_320_pixels_the_summaries_and_their_links_fit_and_lead_to_the_section(page):
    city = tel_aviv_page()
    for code, text in (("he", HEBREW), ("ja", JAPANESE), ("pl", "Berlin i Tel Awiw-Jafa.")):
        city_summary_set(city=city, language=code, text=text)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/en/tel-aviv-yafo/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    links = page.get_by_role("navigation", name="Summaries in partner languages").get_by_role(
        "link"
    )
    assert links.all_inner_texts() == ["עברית", "日本語", "polski"]
    links.nth(2).click()
    page.wait_for_url("**#summary-pl")
    assert page.locator("#summary-pl h3").inner_text() == "In Polish"
