"""The handbook's screenshots (site.handbook): each job's steps done in the real back office,
in German and in English, each step checked to reach its screen and photographed.

By default the pictures go to a temporary folder; ``make handbook`` sets HANDBOOK_SCREENSHOTS
to the folder the handbook serves them from (site/static/handbook). Each step with a picture
in ``handbook.JOBS`` needs a scene here, under the same job and step key, and each scene a
step: a new job's pictures are a scene per step here and an ``alt`` text per step there.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.projects.models import Proposal
from citypartners.projects.tests.factories import ProposalFactory
from citypartners.site.handbook import JOBS, SHOT_HEIGHT, SHOT_WIDTH

from .test_browser import browser  # noqa: F401 (the shared Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and careful passphrase"
ACCOUNTS = {  # who does the job in the pictures: role, owner
    "moderator": ("state-moderator", "land-berlin"),
    "editor": ("state-editor", "land-berlin"),
    "borough": ("borough-editor", "mitte"),
}
JPEG_QUALITY = 50  # both languages' pictures together under 3 MB
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SETTLE_MS = 500  # Wagtail's menus fade in


class Office:
    """The back office in one language: a signed-in browser tab per account."""

    def __init__(self, chromium, base_url, language):
        self.browser = chromium
        self.base_url = base_url
        self.language = language
        self.tabs = {}

    def as_(self, who):
        if who not in self.tabs:
            role, owner = ACCOUNTS[who]
            user = account_create(
                role=role,
                owner=owner,
                email=f"{who}-{self.language}@example.org",
                password=PASSWORD,
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = self.language
            profile.save()
            context = self.browser.new_context(
                base_url=self.base_url,
                locale="de-DE" if self.language == "de" else "en-GB",
                viewport={"width": SHOT_WIDTH, "height": SHOT_HEIGHT},
            )
            context.set_default_timeout(10_000)
            tab = context.new_page()
            tab.goto("/admin/login/")
            tab.fill("#id_username", user.email)
            tab.fill("#id_password", PASSWORD)
            tab.locator("form button[type=submit]").click()
            tab.wait_for_url("**/admin/")
            self.tabs[who] = tab
        return self.tabs[who]

    def close(self):
        for tab in self.tabs.values():
            tab.context.close()


def _top(tab, selector):
    """Scrolls the element to the top of the window (below Wagtail's sticky header)."""
    element = tab.locator(selector).first
    element.wait_for()
    # Instantly: the admin scrolls smoothly, and the picture must not catch it halfway.
    element.evaluate(
        "e => { e.scrollIntoView({block: 'start', behavior: 'instant'});"
        " window.scrollBy({top: -16, behavior: 'instant'}); }"
    )
    return element


def _admin_url(name, *args):
    from django.urls import reverse  # noqa: PLC0415 (the admin's URLs once the app is ready)

    return reverse(name, args=args)


def _title(office, slug):
    return getattr(Activity.objects.get(slug=slug), f"title_{office.language}")


def _count(tab, key):
    return int(tab.locator(f'[data-dashboard-count="{key}"]').get_attribute("data-count"))


# --- the scenes: (job, step) -> reach the screen, check it, leave the tab to photograph -----------

SCENES = {}


def scene(job, step):
    def register(function):
        SCENES[(job, step)] = function
        return function

    return register


@scene("dashboard", "home")
def _dashboard(office):
    tab = office.as_("moderator")
    tab.goto("/admin/")
    tab.locator("#dashboard-upcoming-section").wait_for()
    return tab


@scene("dashboard", "upcoming")
def _dashboard_upcoming(office):
    tab = office.as_("moderator")
    _top(tab, "#dashboard-upcoming-section")
    assert _count(tab, "upcoming") >= 2
    return tab


@scene("dashboard", "waiting")
def _dashboard_waiting(office):
    tab = office.as_("moderator")
    _top(tab, "#dashboard-proposals-section")
    assert _count(tab, "proposals") >= 1
    assert _count(tab, "activity-drafts") >= 1
    return tab


@scene("dashboard", "gaps")
def _dashboard_gaps(office):
    tab = office.as_("moderator")
    _top(tab, "#dashboard-anniversaries-section")
    tab.locator("#dashboard-inactive-section").wait_for()
    return tab


@scene("dashboard", "translations")
def _dashboard_translations(office):
    tab = office.as_("moderator")
    _top(tab, "#dashboard-translations-section")
    assert _count(tab, "translations") >= 1
    return tab


@scene("translations", "explorer")
def _explorer(office):
    tab = office.as_("moderator")
    home = Page.objects.get(depth=2, locale__language_code="de")
    tab.goto(_admin_url("wagtailadmin_explore", home.pk))
    assert tab.locator("table.listing tbody tr").count() >= 3
    return tab


@scene("translations", "page-actions")
def _page_actions(office):
    tab = office.as_("moderator")
    page = _translated_page()
    tab.goto(_admin_url("wagtailadmin_pages:edit", page.pk))
    tab.locator("[data-side-panel-toggle='status']").first.click()
    status = tab.locator("[data-side-panel='status']")
    status.wait_for()
    tab.wait_for_timeout(600)  # the panel slides in
    assert "Deutsch" in status.inner_text()  # the page's language, with the switch to English
    return tab


@scene("translations", "outdated")
def _dashboard_outdated(office):
    tab = office.as_("moderator")
    tab.goto("/admin/")
    _top(tab, '[data-dashboard-rows="page-translations"]')
    assert _count(tab, "page-translations") == 1
    return tab


@scene("translations", "record")
def _record(office):
    tab = office.as_("moderator")
    activity = Activity.objects.get(slug="handbook-upcoming-1")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:edit", activity.pk))
    assert tab.input_value("#id_title_de") == activity.title_de
    assert tab.input_value("#id_title_en") == activity.title_en
    return tab


@scene("review", "submit")
def _submit(office):
    tab = office.as_("editor")
    activity = Activity.objects.get(slug="handbook-draft")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:edit", activity.pk))
    footer = tab.locator("footer .w-dropdown")
    footer.locator("button.w-dropdown__toggle").first.click()
    submit = footer.locator("button[name='action-submit']")
    submit.wait_for()
    return tab


def _submitted(office):
    """The state editor submits the draft to the office's review (after its picture)."""
    tab = office.as_("editor")
    with tab.expect_navigation():
        tab.locator("footer button[name='action-submit']").click()
    activity = Activity.objects.get(slug="handbook-draft")
    assert activity.workflow_in_progress


@scene("review", "awaiting")
def _awaiting(office):
    _submitted(office)
    tab = office.as_("moderator")
    tab.goto("/admin/")
    _top(tab, "#dashboard-waiting-section")
    assert _count(tab, "tasks") >= 1
    return tab


@scene("review", "decide")
def _decide(office):
    tab = office.as_("moderator")
    activity = Activity.objects.get(slug="handbook-draft")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:edit", activity.pk))
    footer = tab.locator("footer .w-dropdown")
    footer.locator("button.w-dropdown__toggle").first.click()
    footer.locator("[data-workflow-action-name='reject']").wait_for()
    return tab


@scene("review", "publish")
def _borough_publish(office):
    tab = office.as_("borough")
    activity = Activity.objects.get(slug="handbook-mitte")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:edit", activity.pk))
    footer = tab.locator("footer .w-dropdown")
    footer.locator("button.w-dropdown__toggle").first.click()
    footer.locator("button[name='action-publish']").wait_for()
    return tab


@scene("new-partner-city", "search")
def _new_city_search(office):
    tab = office.as_("editor")
    tab.goto(_admin_url("citypartners_new_partner_city"))
    tab.locator("#city-search").press_sequentially("Windhoek")
    tab.locator("#city-matches button").first.wait_for()
    return tab


@scene("new-partner-city", "partnership")
def _new_city_partnership(office):
    tab = office.as_("editor")
    tab.locator("#city-matches button").first.click()
    assert tab.input_value("#id_name_en") == "Windhoek"
    tab.fill("#id_name_de", "Windhuk")
    tab.locator("input[name=focus_areas]").first.check()
    tab.fill("#id_document_date", "2026-05-04")
    tab.fill("#id_document_title", "Partnerschaftsvertrag")
    tab.set_input_files(
        "#id_document_file",
        files=[{"name": "vertrag.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    _top(tab, "#id_owner")
    return tab


@scene("new-partner-city", "pages")
def _new_city_buttons(office):
    tab = office.as_("editor")
    _top(tab, "button[name=action-submit]")
    return tab


@scene("new-partner-city", "write")
def _new_city_written(office):
    tab = office.as_("editor")
    with tab.expect_navigation():
        tab.locator("button[name=action-submit]").click()
    assert tab.input_value("#id_title") == "Windhuk"
    return tab


@scene("lists", "activities")
def _activities(office):
    tab = office.as_("moderator")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:list"))
    first = tab.locator("table.listing tbody tr").first
    assert _title(office, "handbook-upcoming-1") in first.inner_text()
    return tab


@scene("lists", "filters")
def _filters(office):
    tab = office.as_("moderator")
    warsaw = City.objects.get(slug="warsaw")
    tab.goto(
        _admin_url("wagtailsnippets_activities_activity:list")
        + f"?city={warsaw.pk}&period=upcoming"
    )
    tab.locator("#filters-drilldown .w-dropdown__toggle").first.click()
    tab.locator(".w-drilldown__toggle[aria-controls='drilldown-id_city']").wait_for()
    coming = Activity.objects.filter(partnerships__city=warsaw, ends_at__gt=timezone.now())
    assert tab.locator("table.listing tbody tr").count() == coming.distinct().count()
    return tab


@scene("lists", "partnerships")
def _partnerships(office):
    tab = office.as_("moderator")
    tab.goto(_admin_url("wagtailsnippets_partnerships_partnership:list"))
    assert tab.locator("table.listing tbody tr").count() == Partnership.objects.count()
    return tab


@scene("lists", "export")
def _export(office):
    tab = office.as_("moderator")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:list"))
    tab.locator(".w-dropdown__toggle--icon.w-h-slim-header").first.click()
    tab.locator("a[href*='export=xlsx']").first.wait_for()
    assert tab.locator("a[href*='export=csv']").first.is_visible()
    return tab


@scene("lists", "bulk")
def _bulk(office):
    tab = office.as_("moderator")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:list"))
    boxes = tab.locator("input[data-bulk-action-checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    tab.locator("[data-bulk-action-footer]").wait_for()
    return tab


@scene("owner-rights", "own-records")
def _own_records(office):
    tab = office.as_("borough")
    mitte = Owner.objects.get(slug="mitte")
    tab.goto(_admin_url("wagtailsnippets_activities_activity:list") + f"?owner={mitte.pk}")
    rows = tab.locator("table.listing tbody tr")
    assert rows.count() >= 1
    assert _title(office, "handbook-mitte") in rows.first.inner_text()
    return tab


@scene("owner-rights", "cities")
def _cities(office):
    tab = office.as_("borough")
    tab.goto(_admin_url("wagtailsnippets_partnerships_city:list"))
    assert tab.locator("table.listing tbody tr").count() >= 1
    return tab


@scene("owner-rights", "borough-page")
def _borough_page(office):
    tab = office.as_("borough")
    page = Page.objects.filter(locale__language_code=office.language, slug="mitte").first()
    tab.goto(_admin_url("wagtailadmin_explore", page.get_parent().pk))
    assert tab.locator("table.listing tbody tr").count() >= 1
    return tab


@scene("proposals", "inbox")
def _inbox(office):
    tab = office.as_("moderator")
    tab.goto(_admin_url("wagtailsnippets_projects_proposal:list"))
    assert tab.locator("table.listing tbody tr").count() >= 1
    return tab


@scene("proposals", "decide")
def _proposal_decide(office):
    tab = office.as_("moderator")
    proposal = _proposal()
    tab.goto(_admin_url("wagtailsnippets_projects_proposal:edit", proposal.pk))
    tab.select_option("#id_decision", "new_project")
    _top(tab, "#id_decision")
    return tab


@scene("proposals", "project")
def _proposal_project(office):
    tab = office.as_("moderator")
    with tab.expect_navigation():
        tab.locator("footer button[type=submit]").first.click()
    assert "/admin/snippets/projects/project/edit/" in tab.url
    tab.locator(".messages .success, .messages li").first.wait_for()
    return tab


# --- the office's records for the pictures -------------------------------------------------------


def _proposal():
    return Proposal.objects.get(email="handbook@example.org")


def _translated_page():
    return Page.objects.filter(locale__language_code="de", depth=3).order_by("path").first()


# Written descriptions: an emptied rich-text editor posts "null", which the back office's
# rich-text check (core.rich_text_input) refuses as unreadable.
DESCRIPTIONS = {
    "description_de": "<p>Ein Beispieltext für das Handbuch.</p>",
    "description_en": "<p>An example text for the handbook.</p>",
}


def _office_records():
    """Coming activities, a draft, one of Mitte's, a proposal, an outdated translation."""
    state = Owner.objects.get(slug="land-berlin")
    mitte = Owner.objects.get(slug="mitte")
    today = timezone.localdate()
    warsaw = Partnership.objects.get(owner=state, city__slug="warsaw")
    paris = Partnership.objects.get(owner=state, city__slug="paris")
    for n, (days, partnership, de, en) in enumerate(
        [
            (5, warsaw, "Fachkräfteseminar Stadtgrün", "Seminar on urban green spaces"),
            (12, paris, "Jugendaustausch Musik", "Youth exchange in music"),
            (26, warsaw, "Delegationsbesuch Wissenschaft", "Official visit on science"),
        ],
        start=1,
    ):
        ActivityFactory(
            **DESCRIPTIONS,
            slug=f"handbook-upcoming-{n}",
            title_de=f"Beispiel: {de}",
            title_en=f"Example: {en}",
            owner=state,
            start_date=today + datetime.timedelta(days=days),
            partnerships=[partnership],
        )
    draft = ActivityFactory(
        **DESCRIPTIONS,
        slug="handbook-draft",
        title_de="Beispiel: Kulturabend (Entwurf)",
        title_en="Example: cultural evening (draft)",
        owner=state,
        live=False,
        start_date=today + datetime.timedelta(days=40),
        partnerships=[paris],
    )
    draft.save_revision()  # a draft never published: waits on the dashboard
    shinjuku = Partnership.objects.get(owner=mitte)
    ActivityFactory(
        **DESCRIPTIONS,
        slug="handbook-mitte",
        title_de="Beispiel: Schulpartnerschaft Mitte–Shinjuku",
        title_en="Example: school partnership Mitte–Shinjuku",
        owner=mitte,
        start_date=today + datetime.timedelta(days=9),
        partnerships=[shinjuku],
    )
    # Its place written in German only: a translation missing.
    Activity.objects.filter(slug="handbook-upcoming-3").update(place_de="Rotes Rathaus")
    ProposalFactory(
        name="Beispiel: Erika Muster",
        email="handbook@example.org",
        text="Ein Schüleraustausch zum Gärtnern in der Stadt.",
        city=warsaw.city,
        focus_area=FocusArea.objects.order_by("sort_order").first(),
    )
    page = _translated_page().specific
    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    page.save_revision().publish()


# --- the test ------------------------------------------------------------------------------------


def test_every_scene_is_a_step_with_a_picture_and_every_such_step_has_a_scene():
    steps = {(job.slug, step.key) for job in JOBS for step in job.shots()}
    assert set(SCENES) == steps


@pytest.fixture
def shots_folder(tmp_path):
    folder = os.environ.get("HANDBOOK_SCREENSHOTS")
    return Path(folder) if folder else tmp_path / "handbook"


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_job_step_by_step_in_the_back_office(
    browser,  # noqa: F811
    live_server,
    small_site,
    shots_folder,
    language,
):
    _office_records()
    office = Office(browser, live_server.url, language)
    folder = shots_folder / language
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for job in JOBS:
            for step in job.shots():
                tab = SCENES[(job.slug, step.key)](office)
                assert tab.locator("html").get_attribute("lang") == language, step.key
                tab.wait_for_timeout(SETTLE_MS)
                image = folder / Path(job.image(step, language)).name
                tab.screenshot(path=image, type="jpeg", quality=JPEG_QUALITY)
                assert image.stat().st_size > 10_000, image  # not a blank screen
    except Exception:
        # What each account's tab showed when a step failed, beside the pictures.
        for who, tab in office.tabs.items():
            (folder / f"failed-{who}.html").write_text(tab.content())
            tab.screenshot(path=folder / f"failed-{who}.png")
        raise
    finally:
        office.close()
