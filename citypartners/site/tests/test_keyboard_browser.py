"""Every public task by keyboard alone (issue 16, BITV): sort the overview's table, switch the
language, filter the activities, download a calendar entry, propose a project and send
feedback, only with Tab, Shift+Tab, Enter, Space and typing; at every step the element that
has the focus shows it (WCAG 2.4.7)."""

import pytest

from citypartners.activities.models import Activity
from citypartners.projects.models import Proposal
from citypartners.site.models import AccessibilityFeedback

from .test_browser import browser  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether the focused element shows its focus: an outline or a ring on itself, or, for a
# link drawn in SVG (the map's and the timeline's cities), a stroke or bold text inside it.
FOCUS_SHOWN = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')
    return true;
  if (e instanceof SVGElement) {
    return [...e.querySelectorAll('*')].some(c => {
      const cs = getComputedStyle(c);
      return parseFloat(cs.strokeWidth) > 1 || Number(cs.fontWeight) >= 700;
    });
  }
  return false;
}"""
DESCRIBE = """() => { const e = document.activeElement;
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' +
    (e.getAttribute('aria-label') || e.textContent || e.name || '').trim().slice(0, 40); }"""


@pytest.fixture
def keyboard(browser, live_server, small_site):  # noqa: F811 (the imported fixture)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.unseen = []  # steps where the focus did not show
    yield page
    context.close()


def tab_to(page, selector: str, *, most: int = 400):
    """Tab forward until `selector` has the focus, checking at each stop that the focus
    shows; fails when the element is not reached."""
    for _step in range(most):
        page.keyboard.press("Tab")
        shown = page.evaluate(FOCUS_SHOWN)
        if shown is False:
            page.unseen.append(page.evaluate(DESCRIBE))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {most} presses of Tab on {page.url}")


def test_sort_the_overview_and_switch_the_language_by_keyboard(keyboard):
    keyboard.goto("/en/")
    tab_to(keyboard, "#partner-cities thead .sort-button")
    header = keyboard.locator("#partner-cities thead th").filter(
        has=keyboard.locator(".sort-button:focus")
    )
    before = header.get_attribute("aria-sort")
    keyboard.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") not in (None, before)
    keyboard.goto("/en/paris/")
    tab_to(keyboard, ".language-switch a")
    keyboard.keyboard.press("Enter")
    keyboard.wait_for_url("**/de/paris/")
    assert keyboard.unseen == []


def test_filter_the_activities_and_download_a_calendar_entry_by_keyboard(keyboard):
    keyboard.goto("/en/activities/")
    tab_to(keyboard, "select[name=city]")
    keyboard.keyboard.type("Tokyo")
    tab_to(keyboard, ".filters button[type=submit]")
    keyboard.keyboard.press("Enter")
    keyboard.wait_for_url("**/en/activities/?*city=tokyo*")
    tab_to(keyboard, ".activity__title a")
    keyboard.keyboard.press("Enter")
    keyboard.wait_for_url("**/en/activities/*/")
    tab_to(keyboard, 'a[href$=".ics"]')
    with keyboard.expect_download() as download:
        keyboard.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".ics")
    title = keyboard.locator("h1").inner_text()
    assert Activity.objects.filter(title_en=title).exists()
    assert keyboard.unseen == []


def test_propose_a_project_and_send_feedback_by_keyboard(keyboard):
    keyboard.goto("/en/get-involved/")
    for selector, text in [
        ("input[name=name]", "Example: Erika Muster"),
        ("input[name=email]", "erika@example.org"),
        ("textarea[name=text]", "A pupils' exchange on urban gardening."),
    ]:
        tab_to(keyboard, selector)
        keyboard.keyboard.type(text)
    tab_to(keyboard, "select#id_city")  # a focused select takes typed letters as a choice
    keyboard.keyboard.type("Paris")
    tab_to(keyboard, "input[type=checkbox][name=consent]")
    keyboard.keyboard.press("Space")
    tab_to(keyboard, "main form button[type=submit]")
    keyboard.keyboard.press("Enter")
    keyboard.wait_for_selector("h1:text('Thank you for your proposal')")
    assert Proposal.objects.get().city.slug == "paris"

    keyboard.goto("/en/accessibility/")
    tab_to(keyboard, "textarea[name=message]")
    keyboard.keyboard.type("The map has no text alternative.")
    tab_to(keyboard, "main form button[type=submit]")
    keyboard.keyboard.press("Enter")
    keyboard.wait_for_selector("h1:text('Thank you for your message')")
    assert AccessibilityFeedback.objects.count() == 1
    assert keyboard.unseen == []
