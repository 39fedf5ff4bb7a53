"""Browser tests in Debian's Chromium: sorting, navigation, language switch, forms and axe-core."""

import os
import shutil

import pytest

from citypartners.accounts.services import account_create
from citypartners.projects.models import Proposal

from .pages import activity_view_urls, one_page_of_each_type

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, so Django's async-safety guard does not apply here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, small_site):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    # Anything the Content Security Policy blocks shows up in the console: none may.
    blocked = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    yield page
    context.close()
    assert blocked == []


def _axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def _column(page, index):
    return page.locator(f"#partner-cities tbody tr > :nth-child({index})").all_inner_texts()


def test_sort_the_overview_follow_a_city_and_switch_language(page):
    page.goto("/de/")
    # The skip link is the first stop of the keyboard and leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    headers = page.locator("#partner-cities thead th")
    assert headers.nth(2).get_attribute("aria-sort") == "ascending"
    assert _column(page, 1)[0].startswith("Paris")  # the small site's oldest partnership

    page.get_by_role("button", name="Partner seit").click()
    assert headers.nth(2).get_attribute("aria-sort") == "descending"
    assert _column(page, 1)[0].startswith("Tokio")

    page.get_by_role("button", name="Stadt").click()
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    assert headers.nth(2).get_attribute("aria-sort") is None
    names = [name.split("\n")[0].strip() for name in _column(page, 1)]
    assert names[0] == "Jakarta" and names == sorted(names, key=str.casefold)

    # The sort buttons work from the keyboard too.
    page.get_by_role("button", name="Stadt").focus()
    page.keyboard.press("Enter")
    assert headers.nth(0).get_attribute("aria-sort") == "descending"

    page.locator("#partner-cities").get_by_role("link", name="Warschau").click()
    page.wait_for_url("**/de/warschau/")
    assert page.locator("h1").inner_text() == "Warschau"

    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/warsaw/")
    assert page.locator("h1").inner_text() == "Warsaw"
    assert page.locator("html").get_attribute("lang") == "en"


def test_axe_finds_no_violation_on_any_page_type_in_either_language(page):
    failures = {}
    urls = [url for _type, de_url, en_url in one_page_of_each_type() for url in (de_url, en_url)]
    for url in urls + activity_view_urls():
        page.goto(url)
        violations = _axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_feedback_form_in_the_browser(page):
    page.goto("/en/accessibility/")
    page.get_by_role("button", name="Send message").click()
    summary = page.get_by_role("alert")
    assert "Please write your message." in summary.inner_text()
    assert _axe_violations(page) == []
    page.get_by_label("Your message").fill("The map has no text alternative.")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_url("**/en/accessibility/thanks/")
    assert page.locator("h1").inner_text() == "Thank you for your message"


def test_geonames_lookup_fills_the_city_form(page):

    account_create(
        role="state-moderator", email="editor@example.org", password="a long and careful passphrase"
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "editor@example.org")
    page.fill("#id_password", "a long and careful passphrase")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/snippets/partnerships/city/add/")
    lookup = page.locator("fieldset.geonames-lookup")
    lookup.locator("input").fill("Windhoek")
    lookup.locator("input").press("Enter")
    lookup.get_by_role("button", name="Windhoek, Namibia (-22.5594, 17.0832)").click()
    assert page.input_value("#id_geonames_id") == "3352136"
    assert page.input_value("#id_country_code") == "NA"
    assert page.input_value("#id_latitude") == "-22.5594"
    assert page.input_value("#id_name_en") == "Windhoek"


def test_filter_the_activities_open_one_and_download_its_calendar_entry(page):
    page.goto("/en/activities/")
    page.get_by_label("Partner city").select_option(label="Tokyo")
    page.get_by_role("button", name="Show activities").click()
    page.wait_for_url("**/en/activities/?*city=tokyo*")
    titles = page.locator(".activity__title a").all_inner_texts()
    assert titles and all("Tokyo" in t or "Tokio" in t for t in titles), titles
    page.locator(".activity__title a").first.click()
    assert page.locator("h1").inner_text() == titles[0]
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    from icalendar import Calendar

    calendar = Calendar.from_ical(open(download.path(), "rb").read())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1 and str(events[0]["SUMMARY"]) == titles[0]


def test_propose_a_project_from_a_city_page_to_the_confirmation(page):

    page.goto("/en/paris/")
    page.get_by_role("link", name="Contact people for Paris and a form to propose").click()
    page.wait_for_url("**/en/get-involved/?city=paris*")
    # The finder shows the consenting contact people for Paris.
    people = page.locator(".people").inner_text()
    assert "Beispiel: Anna Muster (Example)" in people and "Mara Intern" not in people
    assert page.locator("#id_city").input_value() == "paris"
    page.get_by_label("Your name").fill("Example: Erika Muster")
    page.get_by_label("Your e-mail address").fill("erika@example.org")
    page.get_by_label("Your proposal").fill("A pupils' exchange on urban gardening.")
    page.get_by_role("button", name="Send proposal").click()
    assert "Please agree that we store your data" in page.get_by_role("alert").inner_text()
    assert _axe_violations(page) == []
    page.get_by_label("I agree that the office stores my details").check()
    page.get_by_role("button", name="Send proposal").click()
    page.wait_for_url("**/en/get-involved/thanks/")
    assert page.locator("h1").inner_text() == "Thank you for your proposal"
    assert Proposal.objects.get().city.slug == "paris"


def _editor(browser, live_server, email):
    account_create(role="state-moderator", email=email, password="a long and careful passphrase")
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "a long and careful passphrase")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page


def test_two_editors_on_one_page_in_the_browser(browser, live_server, small_site):
    """Issue 11, item 4, with Wagtail's own scripts (autosave included): the editor's own
    autosaves never stop them; a second editor on an older form is stopped with a message."""
    from wagtail.models import Page

    # A German page: the English ones are wagtail-localize translations, edited in its
    # translation editor, not in this form.
    target = Page.objects.get(depth=2, locale__language_code="de").get_children().first()
    url = f"/admin/pages/{target.pk}/edit/"
    first = _editor(browser, live_server, "first@example.org")
    second = _editor(browser, live_server, "second@example.org")
    first.goto(url)
    second.goto(url)
    # The first editor types; Wagtail autosaves the draft, then they save it.
    first.fill("#id_title", "Example: first editor's title")
    first.wait_for_timeout(1500)
    first.fill("#id_title", "Example: first editor's title, again")
    first.wait_for_timeout(1500)
    with first.expect_navigation():
        first.get_by_role("button", name="Save draft").click()
    errors = first.locator(".messages, .error-message, .help-critical").all_inner_texts()
    assert "could not be saved" not in first.content(), errors
    latest = Page.objects.get(pk=target.pk).get_latest_revision_as_object()
    assert latest.title == "Example: first editor's title, again"
    # The second editor, on the form opened before, posts it: stopped. (Wagtail's scripts
    # may already have warned them after a refused autosave; the post is what must fail.)
    second.fill("#id_title", "Example: second editor's title")
    with second.expect_navigation():
        second.evaluate("document.querySelector('form[data-edit-form]').submit()")
    assert "Someone else saved this record after you opened it" in second.content()
    latest = Page.objects.get(pk=target.pk).get_latest_revision_as_object()
    assert latest.title == "Example: first editor's title, again"
    first.context.close()
    second.context.close()


def test_structured_data_blocks_pass_the_content_security_policy(page):
    """JSON-LD is a data block, not a script: the CSP (script-src 'self') lets it stand, and
    the page fixture fails on any CSP message in the console."""
    detail = next(url for url in activity_view_urls() if "/aktivitaeten/example-" in url)
    for url in ["/de/", "/de/warschau/", detail]:
        page.goto(url)
        data = page.locator('script[type="application/ld+json"]')
        assert data.count() == 1, url
        assert '"@context":"https://schema.org"' in data.text_content()
