"""The office's dashboard on the back office's home (issue 14): each panel's number is the
database's, counted here independently (plain loops over the records, not the selectors'
queries), for the state and for a borough editor, on the small site with a few records
added and on generated data of two sizes; each panel runs as many queries at both sizes.
"""

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import GroupApprovalTask, Locale, Page, TaskState, Workflow, WorkflowTask
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from citypartners.accounts.services import account_create, role_group
from citypartners.activities.models import Activity, ActivityKind
from citypartners.activities.services import activity_instants_recompute
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.models import ContactPerson
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.demo.generate import Sizes, data_generate
from citypartners.demo.loader import load_berlin
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import (
    City,
    FocusArea,
    FoundingDocument,
    Partnership,
)
from citypartners.partnerships.selectors import anniversaries_for_dashboard
from citypartners.partnerships.tests.factories import (
    FoundingDocumentFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)
from citypartners.projects.models import Project, Proposal
from citypartners.projects.tests.factories import ProposalFactory
from citypartners.site import dashboard, dashboard_views

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


# --- what the database holds, counted plainly -----------------------------------------------------


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())


def _years_back(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _mine(owner):
    """Whether a record is the account's: every record for the state (owner None)."""
    return lambda record: owner is None or record.owner_id == owner.pk


def _status_today(partnership, today):
    changes = sorted(
        (c for c in partnership.status_history.all() if c.valid_from <= today),
        key=lambda c: (c.valid_from, c.pk),
    )
    return changes[-1].status if changes else None


def _partnerships(owner, today, *, active=False):
    found = []
    for partnership in Partnership.objects.prefetch_related("status_history"):
        if not _mine(owner)(partnership):
            continue
        status = _status_today(partnership, today)
        if active and status not in (None, "active"):
            continue
        if status == "ended":
            continue
        found.append(partnership)
    return found


def _anniversaries(owner, today):
    until = _years_back(today, -1)
    days = [today + datetime.timedelta(days=n) for n in range((until - today).days)]
    ids = {p.pk for p in _partnerships(owner, today)}
    found = set()
    for document in FoundingDocument.objects.filter(partnership_id__in=ids):
        for day in days:
            years = day.year - document.date.year
            if years <= 0 or years % 5:
                continue
            precision = document.date_precision
            same_month = document.date.month == day.month
            if (
                precision == "year"
                or (precision == "month" and same_month)
                or (same_month and document.date.day == day.day)
            ):
                found.add((document.partnership_id, document.date, precision))
                break
    dated = sum(1 for _p, _date, precision in found if precision == "day")
    return dated, len(found) - dated


def _inactive(owner, today):
    cutoff = _years_back(today, 2)
    lively = set(
        Activity.partnerships.through.objects.filter(activity__ends_at__gt=_day_start(cutoff))
        .exclude(activity__status="cancelled")
        .values_list("partnership_id", flat=True)
    )
    young = set(
        FoundingDocument.objects.filter(is_shown=True, date__gt=cutoff).values_list(
            "partnership_id", flat=True
        )
    )
    return sum(1 for p in _partnerships(owner, today) if p.pk not in lively and p.pk not in young)


def _contact_gaps(owner, today):
    covered = set()
    for person in ContactPerson.objects.prefetch_related("partnerships", "focus_areas"):
        for partnership, area in itertools.product(
            person.partnerships.all(), person.focus_areas.all()
        ):
            covered.add((partnership.pk, area.pk))
    gaps = 0
    for partnership in _partnerships(owner, today, active=True):
        for area in partnership.focus_areas.all():
            gaps += (partnership.pk, area.pk) not in covered
    return gaps


# The paired fields of each kind of record, written out here (not read from the models), and
# of the child records edited in its form.
PAIRS = {
    Activity: [("title", True), ("description", False), ("place", False), ("image_alt", False)],
    ActivityKind: [("name", True)],
    City: [("name", True)],
    ContactPerson: [("role", False)],
    FocusArea: [("name", True)],
    Organisation: [("description", False)],
    Owner: [("name", True)],
    Partnership: [],
    Project: [("title", True), ("description", False)],
}
CHILD_PAIRS = {
    Partnership: [
        ("status_history", [("reason", False)]),
        ("founding_documents", [("note", False)]),
    ],
    Project: [("project_organisations", [("role", False)])],
}


def _untranslated(record, pairs):
    for name, required in pairs:
        de, en = getattr(record, f"{name}_de"), getattr(record, f"{name}_en")
        if (required and not (de and en)) or bool(de) != bool(en):
            return True
    return False


def _translations(owner):
    counts = {}
    for model, pairs in PAIRS.items():
        if model is ContactPerson:  # none of the roles here may see contact people
            continue
        count = 0
        for record in model.objects.all():
            if hasattr(record, "owner_id") and not _mine(owner)(record):
                continue
            children = [
                child
                for relation, child_pairs in CHILD_PAIRS.get(model, [])
                for child in getattr(record, relation).all()
                if _untranslated(child, child_pairs)
            ]
            count += _untranslated(record, pairs) or bool(children)
        if count:
            with translation.override("en"):
                counts[str(model._meta.verbose_name_plural).capitalize()] = count
    return counts


def _outdated_translations():
    outdated = 0
    for one in Translation.objects.filter(enabled=True).select_related("source"):
        page = Page.objects.get(translation_key=one.source.object_id, locale=one.source.locale_id)
        published = page.last_published_at
        outdated += bool(published and published > one.source.last_updated_at)
    return outdated


def _expected(owner):
    """Each panel's number for the state's accounts (owner None) or a borough's."""
    now = timezone.now()
    today = timezone.localdate()
    soon = _day_start(today + datetime.timedelta(days=31))
    mine = _mine(owner)
    activities = [a for a in Activity.objects.all() if mine(a)]
    expected = {
        "upcoming": sum(1 for a in activities if a.ends_at > now and a.starts_at < soon),
        "activity-drafts": sum(1 for a in activities if a.has_unpublished_changes),
        "anniversaries-dated": _anniversaries(owner, today)[0],
        "anniversaries-vague": _anniversaries(owner, today)[1],
        "inactive": _inactive(owner, today),
        "contact-gaps": _contact_gaps(owner, today),
        "translations": sum(_translations(owner).values()),
        "tasks": 0 if owner else TaskState.objects.filter(status="in_progress").count(),
    }
    if owner is None:
        expected["proposals"] = Proposal.objects.filter(status="new").count()
        expected["page-drafts"] = Page.objects.filter(has_unpublished_changes=True).count()
        expected["page-translations"] = _outdated_translations()
    return expected


# --- what the dashboard shows ---------------------------------------------------------------------


def _login(client, role, owner, language="en"):
    user = account_create(
        email=f"{role}-{owner}@example.org", password=PASSWORD, role=role, owner=owner
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def _home(client) -> BeautifulSoup:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _shown(page: BeautifulSoup) -> dict[str, int]:
    return {
        tag["data-dashboard-count"]: int(tag["data-count"])
        for tag in page.select("[data-dashboard-count]")
    }


def _translation_rows(page: BeautifulSoup) -> dict[str, int]:
    table = page.select_one('[data-dashboard-rows="translations"]')
    if table is None:
        return {}
    return {
        row.select("td")[0].get_text(strip=True): int(row.select("td")[1].get_text(strip=True))
        for row in table.select("tbody tr")
    }


def _panel_queries(user, assert_max_queries) -> dict[str, int]:
    """Each panel's queries, rendered alone for ``user`` (after a first rendering, which
    fills the per-process caches as any earlier request would), held to its budget."""
    request = RequestFactory().get("/admin/")
    request.user = user
    counts = {}
    for panel in dashboard.dashboard_panels(request):
        panel.render_html({"request": request})
        with assert_max_queries(BUDGET[panel.name]) as queries:
            panel.render_html({"request": request})
        counts[panel.name] = len(queries)
    return counts


# --- the small site, with records added -----------------------------------------------------------


@pytest.fixture
def mitte():
    return Owner.objects.get(slug="mitte")


@pytest.fixture
def office_day(mitte):
    """A few records of each kind the dashboard reads, the state's and Mitte's."""
    today = timezone.localdate()
    state_partnership = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    mitte_partnership = Partnership.objects.filter(owner=mitte).first()
    for day, owner, partnership in [
        (today + datetime.timedelta(days=3), None, state_partnership),
        (today + datetime.timedelta(days=12), mitte, mitte_partnership),
        (today + datetime.timedelta(days=29), mitte, mitte_partnership),
        (today + datetime.timedelta(days=45), mitte, mitte_partnership),  # too late
    ]:
        ActivityFactory(start_date=day, owner=owner, partnerships=[partnership])
    ActivityFactory(
        start_date=today + datetime.timedelta(days=5),
        owner=mitte,
        live=False,
        has_unpublished_changes=True,
        title_en="",
        partnerships=[mitte_partnership],
    )
    ProposalFactory.create_batch(3)
    ProposalFactory(status=Proposal.Status.DECLINED)
    # A partnership of Mitte, quiet since its founding, 25 years ago in a month's time.
    founded = _years_back(today + datetime.timedelta(days=30), 25)
    quiet = PartnershipFactory(owner=mitte)
    FoundingDocumentFactory(partnership=quiet, date=founded)
    PartnershipStatusFactory(partnership=quiet, valid_from=founded)
    quiet.focus_areas.set(FocusArea.objects.all()[:2])
    quiet.save()
    # A year-only date of the state's, 50 years ago next year; and one that is not round.
    FoundingDocumentFactory(
        partnership=state_partnership,
        date=datetime.date(today.year - 49, 1, 1),
        date_precision="year",
        is_shown=False,
    )
    FoundingDocumentFactory(
        partnership=state_partnership,
        date=_years_back(today + datetime.timedelta(days=10), 23),
        is_shown=False,
    )
    # An ended partnership's anniversary is not the office's business.
    ended = PartnershipFactory(owner=mitte)
    FoundingDocumentFactory(partnership=ended, date=founded)
    PartnershipStatusFactory(partnership=ended, status="ended", valid_from=founded)
    # A contact for one of the quiet partnership's focus areas closes that gap.
    person = ContactPersonFactory()
    person.partnerships.set([quiet])
    person.focus_areas.set(FocusArea.objects.all()[:1])
    person.save()
    # A page with a draft, and a workflow task that waits for moderators.
    page = Page.objects.filter(depth=3).first().specific
    page.save_revision()
    moderators_task = GroupApprovalTask.objects.create(name="Moderators' approval")
    moderators_task.groups.set([role_group("state-moderator")])
    workflow = Workflow.objects.create(name="Review")
    WorkflowTask.objects.create(workflow=workflow, task=moderators_task, sort_order=0)
    workflow.start(Page.objects.filter(depth=3).last().specific, None)


def test_the_state_sees_every_owners_numbers(client, office_day):
    _login(client, "state-moderator", "land-berlin")
    page = _home(client)
    expected = _expected(None)
    assert expected["upcoming"] >= 3
    assert expected["anniversaries-dated"] >= 1 and expected["anniversaries-vague"] >= 1
    shown = _shown(page)
    assert {key: shown.get(key) for key in expected} == expected
    assert _translation_rows(page) == _translations(None)


def test_a_borough_editor_sees_only_his_boroughs_numbers(client, office_day, mitte):
    _login(client, "borough-editor", "mitte")
    page = _home(client)
    expected = _expected(mitte)
    assert expected["upcoming"] == 3  # the two to come and the draft, not the state's
    assert expected["activity-drafts"] == 1
    shown = _shown(page)
    assert {key: shown.get(key) for key in expected} == expected
    assert _translation_rows(page) == _translations(mitte)
    upcoming = page.select_one('[data-dashboard-rows="upcoming"]').get_text(" ")
    assert "Land Berlin" not in upcoming and "State of Berlin" not in upcoming


def test_a_role_without_the_proposals_permission_sees_no_proposals_panel(client, office_day):
    _login(client, "borough-editor", "mitte")
    page = _home(client)
    assert page.select_one("#dashboard-proposals-section") is None
    assert "proposals" not in _shown(page)
    assert "Beispielperson" not in str(page)


def test_the_proposals_panel_lists_the_new_ones_and_links_to_them(client, office_day):
    _login(client, "state-editor", "land-berlin")
    panel = _home(client).select_one("#dashboard-proposals-section")
    assert panel.select_one("h2").get_text(strip=True) == "Proposals waiting for a decision"
    link = panel.find("a", string="All new proposals")
    assert link["href"] == reverse("wagtailsnippets_projects_proposal:list") + "?status=new"
    assert len(panel.select("tbody tr")) == 3


def test_panels_are_headed_under_the_page_heading_and_tables_captioned(client, office_day):
    _login(client, "state-moderator", "land-berlin")
    page = _home(client)
    headings = [int(h.name[1]) for h in page.select("main :is(h1, h2, h3, h4)")]
    assert headings[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(headings))
    tables = page.select("[data-dashboard-rows]")
    assert tables
    for table in tables:
        assert table.select_one("caption").get_text(strip=True)
        assert table.select("thead th[scope=col]")


def test_the_upcoming_activities_show_their_date_written_out_and_a_borough_link(
    client, office_day, mitte
):
    _login(client, "borough-editor", "mitte")
    panel = _home(client).select_one("#dashboard-upcoming-section")
    day = timezone.localdate() + datetime.timedelta(days=12)
    assert f"{day.day} {day:%B} {day.year}" in panel.get_text(" ")
    link = panel.find("a", string="Show all of them")
    assert link["href"] == reverse("citypartners_dashboard_section", args=["upcoming"])


def _section_rows(client, url) -> tuple[int, list[str]]:
    """A section's own list: its number, and the first cell of every row over all its pages."""
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    count = int(page.select_one("[data-dashboard-count]")["data-count"])
    table = page.select_one("[data-dashboard-rows]")
    rows = (
        [r.select_one("td").get_text(strip=True) for r in table.select("tbody tr")] if table else []
    )
    following = page.select_one("a[rel=next]")
    if following is not None:
        rows += _section_rows(client, url.split("?")[0] + following["href"])[1]
    return count, rows


@pytest.mark.parametrize(
    "role, owner", [("state-moderator", "land-berlin"), ("borough-editor", "mitte")]
)
def test_each_sections_link_leads_to_a_list_of_exactly_its_records(
    client, office_day, monkeypatch, role, owner
):
    # Pages of two rows, so that the small site's sections run over several pages.
    monkeypatch.setattr(dashboard, "SECTION_PAGE_ROWS", 2)

    monkeypatch.setattr(dashboard_views, "SECTION_PAGE_ROWS", 2)
    _login(client, role, owner)
    home = _home(client)
    own_lists = 0
    for summary in home.select("[data-dashboard-count]"):
        link = summary.find("a")
        key = summary["data-dashboard-count"]
        if link is None or "/dashboard/" not in link["href"]:
            continue
        own_lists += 1
        count, rows = _section_rows(client, link["href"])
        assert count == int(summary["data-count"]), key
        assert len(rows) == count, key
        table = home.select_one(f'[data-dashboard-rows="{key}"]')
        first = (
            [r.select_one("td").get_text(strip=True) for r in table.select("tbody tr")]
            if table
            else []
        )
        assert rows[: len(first)] == first, key
    assert own_lists >= 6


def test_a_sections_list_is_refused_to_an_account_that_does_not_see_its_panel(client, office_day):
    _login(client, "borough-editor", "mitte")
    url = reverse("citypartners_dashboard_section", args=["proposals"])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("citypartners_dashboard_section", args=["nothing"])).status_code == 404
    )


def test_a_page_translation_older_than_its_source_is_counted_once_the_source_changes(
    client, office_day
):
    # The site's pages are linked translations as set up (site.setup.translation_ensure).
    page = Page.objects.filter(locale__language_code="de", depth=3).first().specific
    assert Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale=Locale.objects.get(language_code="en"),
        enabled=True,
    ).exists()
    _login(client, "state-moderator", "land-berlin")
    assert _shown(_home(client))["page-translations"] == 0
    page.save_revision().publish()
    home = _home(client)
    assert _shown(home)["page-translations"] == _outdated_translations() == 1
    rows = home.select_one('[data-dashboard-rows="page-translations"]').select("tbody tr")
    assert [row.select("td")[0].get_text(strip=True) for row in rows] == [page.title]
    assert "English" in rows[0].get_text()

    # "Sync translated pages" brings the translation up to date: no longer listed.
    source = TranslationSource.objects.get_for_instance(page)
    admin = account_create(email="root@example.org", password=PASSWORD, superuser=True)
    client.force_login(admin)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.post(update, {"publish_translations": "on"}).status_code == 302
    assert _shown(_home(client))["page-translations"] == _outdated_translations() == 0


def test_a_month_only_date_counts_for_its_month_and_29_february_on_the_28th(admin_user):
    partnership = PartnershipFactory(owner=Owner.objects.get(slug="mitte"))
    FoundingDocumentFactory(partnership=partnership, date=datetime.date(2000, 2, 29))
    FoundingDocumentFactory(
        partnership=partnership,
        date=datetime.date(1985, 3, 1),
        date_precision="month",
        is_shown=False,
    )

    def found(today):
        return [
            (a.years, a.day)
            for a in anniversaries_for_dashboard(user=admin_user, today=today)
            if a.partnership == partnership
        ]

    assert found(datetime.date(2025, 2, 1)) == [
        (25, datetime.date(2025, 2, 28)),
        (40, datetime.date(2025, 3, 1)),
    ]
    # Mid-March: the 28 February has passed, the month of March has not.
    assert found(datetime.date(2025, 3, 15)) == [(40, datetime.date(2025, 3, 1))]
    assert found(datetime.date(2025, 4, 1)) == []


def test_the_dashboard_speaks_english_and_german(client, office_day):
    """The German half needs the compiled German catalogue (the tsv of this branch)."""
    user = _login(client, "state-moderator", "land-berlin", language="en")
    english = _home(client).get_text(" ")
    assert "Activities of the next 30 days" in english
    assert "Anniversaries of the next 12 months" in english
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    german = _home(client).get_text(" ")
    assert "Aktivitäten der nächsten 30 Tage" in german
    assert "Jubiläen der nächsten 12 Monate" in german
    assert "Activities of the next 30 days" not in german


# --- generated data at two sizes ------------------------------------------------------------------

SMALL = Sizes(
    owners=3, cities=8, partnerships=12, activities=300, organisations=20, contacts=50, projects=8
)
LARGE = SMALL.scaled(4)

# Each panel's queries for a state account (with page permissions) and a borough editor.
BUDGET = {
    "upcoming": 3,  # count, rows, their partnerships with city and owner
    "proposals": 2,  # count, rows
    # activity drafts 3; page drafts 2; tasks: the kinds of task configured (Wagtail's own
    # and the office's review, synced with the roles), their tasks, then the count
    "waiting": 8,
    "anniversaries": 1,
    "inactive": 2,  # count, rows
    "contact-gaps": 2,  # count, rows
    "translations": 11,  # a count per kind of record (9 a state account may see), pages 2
}


@pytest.fixture
def _forget_the_generated_site():
    yield
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


def _generate(sizes):
    """The generated world, with drafts, proposals and missing translations in proportion."""
    data_generate(sizes=sizes, seed=7, reset=True)
    ids = list(Activity.objects.order_by("pk").values_list("pk", flat=True))
    Activity.objects.filter(pk__in=ids[::7]).update(has_unpublished_changes=True)
    Activity.objects.filter(pk__in=ids[::11]).update(title_en="")
    Activity.objects.filter(pk__in=ids[::13]).update(
        start_date=timezone.localdate() + datetime.timedelta(days=10), end_date=None
    )
    activity_instants_recompute(activities=list(Activity.objects.filter(pk__in=ids[::13])))
    for n in range(sizes.projects):
        ProposalFactory(status=Proposal.Status.NEW if n % 3 else Proposal.Status.ACCEPTED)


@pytest.mark.usefixtures("_forget_the_generated_site")
def test_generated_data_at_two_sizes_shows_the_databases_numbers_in_as_many_queries(
    client, django_assert_max_num_queries
):
    queries = {}
    for sizes in (SMALL, LARGE):
        _generate(sizes)
        assert Activity.objects.count() == sizes.activities
        borough = (
            Owner.objects.filter(kind="borough")
            .order_by("-pk")
            .filter(pk__in=Partnership.objects.values("owner_id"))
            .first()
        )
        state = Owner.objects.get(kind="state")
        for role, owner, expect_owner in [
            ("state-moderator", state, None),
            ("borough-editor", borough, borough),
        ]:
            client.logout()
            user = _login(client, role, owner.slug)
            page = _home(client)
            expected = _expected(expect_owner)
            shown = _shown(page)
            assert {key: shown.get(key) for key in expected} == expected, (sizes, role)
            user = type(user).objects.get(pk=user.pk)
            counts = _panel_queries(user, django_assert_max_num_queries)
            queries.setdefault(role, []).append(counts)
    for role, (small, large) in queries.items():
        assert small == large, role


# --- the Berlin demo ------------------------------------------------------------------------------


@pytest.fixture
def berlin_demo(_forget_the_generated_site):
    """The demo instead of the small site, for one test (rolled back with its transaction)."""
    call_command("flush", "--no-input", verbosity=0)
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()
    load_berlin()


def test_the_berlin_demo_shows_los_angeles_60_and_paris_40_years_in_2027(
    client, berlin_demo, monkeypatch
):
    monkeypatch.setattr(dashboard, "_today", lambda: datetime.date(2026, 11, 30))
    user = account_create(email="moderator@example.org", password=PASSWORD, superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    panel = _home(client).select_one('[data-dashboard-rows="anniversaries-dated"]')
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in panel.select("tbody tr")
    ]
    assert ["60 years", "27 June 2027"] in [row[:2] for row in rows if "Los Angeles" in row[2]]
    assert ["40 years", "2 July 2027"] in [row[:2] for row in rows if "Paris" in row[2]]
