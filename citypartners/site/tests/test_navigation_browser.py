"""The main navigation and the breadcrumb trail in Chromium: at 320 CSS pixels the menu wraps
without widening the page, every entry is a target of at least 24 px reached by Tab with a
visible focus, and axe finds nothing, in both languages."""

import pytest

from citypartners.activities.models import Activity

from . import test_browser

# test_browser's fixtures (the browser; a page that checks the Content Security Policy).
browser = test_browser.browser
page = test_browser.page
_axe_violations = test_browser._axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _urls():
    activity = Activity.objects.filter(is_public=True).order_by("pk").first()
    return [
        "/de/",
        "/en/warsaw/",
        "/de/aktivitaeten/",
        f"/en/activities/{activity.slug}/",
        "/de/offene-daten/api/",
    ]


@pytest.mark.parametrize("width", [320, 1280])
def test_the_menu_fits_is_keyboard_usable_and_axe_finds_nothing(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    failures = {}
    for url in _urls():
        page.goto(url)
        # No horizontal scrolling of the page (WCAG 1.4.10).
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        links = page.locator("header nav.main-nav a")
        assert links.count() == 8
        for index in range(links.count()):
            box = links.nth(index).bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24, (url, index, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (url, index, box)
        violations = _axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_the_menu_is_reached_by_tab_with_a_visible_focus(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/de/aktivitaeten/")
    first = page.locator("header nav.main-nav a").first
    for _step in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('nav.main-nav') !== null"):
            break
    else:
        pytest.fail("Tab never reached the main navigation")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/de/"
    outline = first.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline == "solid"
    current = page.locator("header nav.main-nav a[aria-current='page']")
    assert current.inner_text() == "Aktivitäten und Veranstaltungen"
    current.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/aktivitaeten/")
    crumbs = page.get_by_role("navigation", name="Brotkrumenpfad")
    assert crumbs.locator("[aria-current='page']").inner_text() == (
        "Aktivitäten und Veranstaltungen"
    )
