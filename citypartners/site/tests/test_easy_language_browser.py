"""The pages in easy language and the accessibility statement in Chromium: axe finds nothing
in either language, and the header's links to easy language and sign language fit at 320 CSS
pixels with their pictograms, as targets of at least 24 px."""

import pytest

from . import test_browser

# test_browser's fixtures (the browser; a page that checks the Content Security Policy).
browser = test_browser.browser
page = test_browser.page
_axe_violations = test_browser._axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URLS = [
    "/de/leichte-sprache/",
    "/en/easy-language/",
    "/de/leichte-sprache/partner-staedte/",
    "/en/easy-language/partner-cities/",
    "/de/leichte-sprache/so-benutzen-sie-die-seite/",
    "/en/easy-language/contact/",
    "/de/barrierefreiheit/",
    "/en/accessibility/",
]


@pytest.mark.parametrize("width", [320, 1280])
def test_the_easy_pages_and_the_statement_have_no_axe_violation_and_fit(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    failures = {}
    for url in URLS:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        links = page.locator("header .access-links a")
        assert links.count() == 2, url
        for index in range(links.count()):
            link = links.nth(index)
            box = link.bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24, (url, index, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (url, index, box)
            icon = link.locator("svg").bounding_box()
            assert icon["width"] >= 16, (url, index, icon)  # the pictogram is drawn
        violations = _axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_the_header_link_leads_to_the_easy_pages_by_keyboard(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/en/")
    for _step in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.access === 'easy-language'"):
            break
    else:
        pytest.fail("Tab never reached the link to the Easy Read pages")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/easy-language/")
    assert page.locator("main .easy-topics a").count() == 5
