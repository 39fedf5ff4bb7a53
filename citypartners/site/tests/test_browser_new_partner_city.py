"""The whole "new partner city" job in the browser (issue 14, item 4): a state editor, from
the dashboard, in under 15 clicks and one change of screen; a moderator approves it from
the dashboard; the city's page is public in German and its language switch leads to the
English one."""

import re
from pathlib import Path

import pytest

from citypartners.accounts.services import account_create
from citypartners.partnerships.models import City, Partnership
from citypartners.site.models import PartnerCityPage

from .test_browser import browser  # noqa: F401 (the Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and careful passphrase"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAX_CLICKS = 14  # "under 15"


def _logged_in(browser, live_server, role, email):  # noqa: F811 (the fixture's value)
    account_create(role=role, email=email, password=PASSWORD)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page


class Clicks:
    """Counts what the editor does with the mouse: a click, or a click into a field to type
    (typing itself is not counted), or choosing a file."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def type(self, locator, text):
        self.count += 1
        locator.click()
        locator.press_sequentially(text)

    def replace(self, locator, text):  # click into it, select all with the keyboard, type
        self.count += 1
        locator.click()
        locator.press("Control+a")
        locator.press_sequentially(text)

    def fill(self, locator, text):  # a date field: click into it, type the date
        self.count += 1
        locator.fill(text)

    def choose_file(self, locator, path):
        self.count += 1
        locator.set_input_files(path)


def test_a_state_editor_adds_a_partner_city_and_a_moderator_approves_it(
    browser,  # noqa: F811
    live_server,
    small_site,
    tmp_path,
):
    agreement = Path(tmp_path) / "partnerschaftsvertrag.pdf"
    agreement.write_bytes(PDF)
    editor = _logged_in(browser, live_server, "state-editor", "editor@example.org")
    blocked = []  # the form's script runs under the Content Security Policy
    editor.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    clicks = Clicks(editor)

    clicks.click(editor.get_by_role("link", name="Add a new partner city"))
    editor.wait_for_url("**/admin/partner-city/new/")
    screens = []
    editor.on(
        "framenavigated",
        lambda frame: screens.append(frame.url) if frame == editor.main_frame else None,
    )

    clicks.type(editor.get_by_label("Find the city by name"), "Windhoek")
    clicks.click(editor.get_by_role("button", name=re.compile(r"^Windhoek, Namibia")))
    assert editor.get_by_label("Name (English)").input_value() == "Windhoek"
    # GeoNames has the German name only among unlabelled alternatives: the editor corrects it.
    german = editor.get_by_label("Name (German)")
    assert german.input_value() == "Windhoek"
    clicks.replace(german, "Windhuk")
    clicks.click(editor.get_by_label("Culture"))
    clicks.click(editor.get_by_label("Climate"))
    clicks.fill(editor.get_by_label("Date of the founding document"), "2026-05-04")
    clicks.type(editor.get_by_label("Title of the document"), "Partnerschaftsvertrag")
    clicks.choose_file(editor.get_by_label("File"), agreement)
    clicks.click(editor.get_by_role("button", name="Create and submit for review"))
    editor.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    editor.wait_for_load_state()

    assert clicks.count <= MAX_CLICKS, clicks.count
    assert len(screens) == 1, screens  # one change of screen: to the page, ready for text
    assert editor.locator("#id_title").input_value() == "Windhuk"
    assert "submitted for review" in editor.locator(".messages").inner_text()
    assert blocked == []

    city = City.objects.get(geonames_id=3352136)
    partnership = Partnership.objects.get(city=city)
    de = PartnerCityPage.objects.get(partnership=partnership, locale__language_code="de")
    en = PartnerCityPage.objects.get(partnership=partnership, locale__language_code="en")
    assert de.translation_key == en.translation_key
    assert partnership.founding_documents.get().document.title == "Partnerschaftsvertrag"

    # The moderator approves the four tasks from the dashboard.
    moderator = _logged_in(browser, live_server, "state-moderator", "moderator@example.org")
    for _task in range(4):
        panel = moderator.locator("#awaiting-review-content")
        row = panel.locator("tbody tr").first
        row.get_by_role("button", name="Actions").click()
        with moderator.expect_navigation():
            row.get_by_role("button", name="Approve", exact=True).click()
    assert moderator.locator("#awaiting-review-content").count() == 0

    for record in (city, partnership, de, en):
        record.refresh_from_db()
        assert record.live, record

    public = browser.new_context(base_url=live_server.url, locale="de-DE").new_page()
    public.goto("/de/windhuk/")
    assert public.locator("h1").inner_text() == "Windhuk"
    public.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    public.wait_for_url("**/en/windhoek/")
    assert public.locator("h1").inner_text() == "Windhoek"
    assert public.locator("html").get_attribute("lang") == "en"
