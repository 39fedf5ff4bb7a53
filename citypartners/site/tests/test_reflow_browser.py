"""Reflow and zoom (WCAG 1.4.10, 1.4.4, 1.4.12; issue 16): every public page type, in both
languages, at 320 CSS pixels wide without scrolling the page sideways, at 1280 pixels with
text at 200 %, and with the text spacing WCAG 1.4.12 asks for. Tables scroll inside their
own labelled region; the month calendar becomes an agenda on narrow screens."""

import pytest
from django.utils import timezone

from citypartners.activities.models import Activity
from citypartners.site.models import ActivityIndexPage

from .pages import activity_view_urls, one_page_of_each_type
from .test_browser import _axe_violations, browser  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG 1.4.12: line height 1.5, paragraph spacing 2, letter spacing 0.12, word spacing 0.16.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# What sticks out to the right of the viewport, outside a region that scrolls on its own.
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
    && !e.closest('[role=region]') && !e.closest('.visually-hidden'))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)"""


@pytest.fixture
def viewer(browser, live_server, small_site):  # noqa: F811 (the imported fixture)
    """A page whose reader overrides the site's styles, as WCAG 1.4.12 assumes a reader
    may (a bookmarklet or extension): the site's Content Security Policy does not apply to
    the reader's own styles."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    yield context.new_page()
    context.close()


def _calendar_with_activities() -> list[str]:
    activity = Activity.objects.filter(live=True, is_public=True).order_by("pk").first()
    month = f"?month={activity.start_date:%Y-%m}"
    return [
        index.url + index.reverse_subpage(index.calendar_route()) + month
        for index in ActivityIndexPage.objects.live()
    ]


def _urls() -> list[str]:
    pages = [url for _type, de, en in one_page_of_each_type() for url in (de, en)]
    return pages + activity_view_urls() + _calendar_with_activities()


def _overflow(viewer) -> dict:
    width = viewer.evaluate("document.documentElement.scrollWidth")
    viewport = viewer.evaluate("window.innerWidth")
    return {"width": width, "wide": viewer.evaluate(WIDE)} if width > viewport else {}


def test_every_page_reflows_at_320_css_pixels_also_with_wcag_text_spacing(viewer):
    viewer.set_viewport_size({"width": 320, "height": 800})
    failures = {}
    for url in _urls():
        viewer.goto(url)
        if found := _overflow(viewer):
            failures[url] = found
        viewer.add_style_tag(content=TEXT_SPACING)
        if found := _overflow(viewer):
            failures[f"{url} (text spacing)"] = found
    assert failures == {}


def test_every_page_takes_text_at_200_percent_at_1280_pixels(viewer):
    viewer.set_viewport_size({"width": 1280, "height": 900})
    failures = {}
    for url in _urls():
        viewer.goto(url)
        viewer.add_style_tag(content="html { font-size: 200% !important; }")
        if found := _overflow(viewer):
            failures[url] = found
    assert failures == {}


def test_the_month_calendar_is_an_agenda_of_its_days_on_a_narrow_screen(viewer):
    viewer.set_viewport_size({"width": 320, "height": 800})
    url = next(u for u in _calendar_with_activities() if u.startswith("/en/"))
    viewer.goto(url)
    days = viewer.locator(".calendar td").filter(has=viewer.locator("li"))
    assert days.count() >= 1
    first = days.first
    # Each day with an activity shows its whole date above its activities.
    assert first.locator(".calendar__date").is_visible()
    assert first.locator(".calendar__date").inner_text().split(",")[0] in (
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    )
    assert viewer.locator(".calendar td:not(:has(li))").first.is_hidden()
    assert _axe_violations(viewer) == []
    # Wide, the same month is a grid of weeks again.
    viewer.set_viewport_size({"width": 1280, "height": 900})
    assert viewer.locator(".calendar thead th").first.is_visible()
    assert not first.locator(".calendar__date").is_visible()


# Each drawing of the maps and the timeline that is shown: where it is, and each label shown
# in it with its size as drawn (its font size times the drawing's scale).
FIGURES = """() => [...document.querySelectorAll('figure.timeline svg, figure.city-map svg')]
  .filter(svg => svg.getClientRects().length)
  .map(svg => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    return {
      kind: svg.closest('figure').className, left: box.left, right: box.right,
      labels: [...svg.querySelectorAll('text')].filter(t => t.getClientRects().length)
        .map(t => {
          const r = t.getBoundingClientRect();
          return {text: t.textContent, cls: t.getAttribute('class'), left: r.left,
                  right: r.right, px: parseFloat(getComputedStyle(t).fontSize) * scale};
        }),
    };
  })"""


def _pages_with_figures() -> list[str]:
    return [
        url
        for model, de, en in one_page_of_each_type()
        if model in ("homepage", "boroughindexpage", "boroughpage")
        for url in (de, en)
    ]


@pytest.mark.parametrize("width", [320, 700, 1280])
def test_the_timeline_and_the_maps_fit_the_screen_with_labels_of_12_pixels_or_more(viewer, width):
    viewer.set_viewport_size({"width": width, "height": 900})
    latest_decade = str((timezone.localdate().year + 1) // 10 * 10)
    failures, kinds = [], set()
    for url in _pages_with_figures():
        viewer.goto(url)
        for figure in viewer.evaluate(FIGURES):
            kinds.add(figure["kind"])
            if figure["left"] < 0 or figure["right"] > width:
                failures.append((url, figure["kind"], "outside", figure["right"]))
            assert figure["labels"], (url, figure["kind"])
            for label in figure["labels"]:
                if label["px"] < 12 or label["left"] < 0 or label["right"] > width:
                    failures.append((url, label))
            if figure["kind"] == "timeline":
                years = [label["text"] for label in figure["labels"] if "year" in label["cls"]]
                # The whole range is shown: up to the latest decade, inside the screen.
                assert years[-1] == latest_decade, (url, years)
    assert kinds == {"timeline", "city-map"}
    assert failures == []


def test_at_400_percent_zoom_every_page_reflows_and_its_content_is_not_covered(
    browser,  # noqa: F811 (the imported fixture)
    live_server,
    small_site,
):
    """1280 by 1024 pixels at 400 %: a 320 by 256 CSS pixel viewport, four device pixels each.
    Nothing fixed or sticky may take more than a quarter of that short screen, and the main
    heading, scrolled to, is what the reader sees there."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 256}, device_scale_factor=4
    )
    page = context.new_page()
    failures = {}
    for url in _urls():
        page.goto(url)
        found = _overflow(page)
        covering = page.evaluate(COVERING)
        if covering:
            found["covering"] = covering
        if not page.evaluate(HEADING_SEEN):
            found["heading hidden"] = True
        if found:
            failures[url] = found
    context.close()
    assert failures == {}


# Fixed or sticky boxes taller than a quarter of the viewport.
COVERING = """() => [...document.querySelectorAll('body *')]
  .filter(e => ['fixed', 'sticky'].includes(getComputedStyle(e).position)
    && e.getBoundingClientRect().height > window.innerHeight / 4)
  .map(e => e.tagName.toLowerCase() + '.' + e.className)"""

# The main heading, scrolled into view, is the topmost thing at its place.
HEADING_SEEN = """() => {
  const h1 = document.querySelector('main h1');
  h1.scrollIntoView({block: 'center'});
  const r = h1.getBoundingClientRect();
  const hit = document.elementFromPoint(Math.min(r.left + 8, innerWidth - 1), r.top + r.height / 2);
  return r.bottom > 0 && r.top < innerHeight && !!hit && h1.contains(hit);
}"""
