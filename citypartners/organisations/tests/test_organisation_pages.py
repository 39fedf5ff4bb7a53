"""The public organisation pages: the list, one page per organisation, in both languages."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.activities.tests.factories import ActivityFactory
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FocusAreaFactory,
    PartnershipFactory,
)
from citypartners.projects.models import Project
from citypartners.projects.tests.factories import ProjectFactory, ProjectOrganisationFactory
from citypartners.site.tests.tree import site_fixture

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LANGS = ["de", "en"]
# The page's own limit, and what the detail page may cost whatever the organisation has.
PER_PAGE = 30
MAX_DETAIL_QUERIES = 20


site = site_fixture()


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _index(site, lang):
    return site.page("OrganisationIndexPage", lang)


def _detail_path(site, lang, organisation):
    index = _index(site, lang)
    return site.path(index) + index.reverse_subpage("detail", args=[organisation.slug])


def _last_segment(href):
    return urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]


def _main_links(soup):
    return [a["href"] for a in soup.select("main a[href]")]


@pytest.fixture
def network():
    """An organisation with a project in every status, and public and hidden activities."""
    partnership = PartnershipFactory()
    organisation = OrganisationFactory(
        name="Beispiel: Gymnasium am Fluss (Example)",
        city=CityFactory(name_de="Beispielhausen", name_en="Exampleton"),
        focus_areas=[FocusAreaFactory(name_de="Schulaustausch", name_en="School exchange")],
    )
    projects = {
        status: ProjectFactory(
            status=status,
            title_de=f"Beispiel: Projekt {status}",
            title_en=f"Example: project {status}",
            partnerships=[partnership],
        )
        for status in Project.Status.values
    }
    for project in projects.values():
        ProjectOrganisationFactory(project=project, organisation=organisation)
    activities = {
        "public": ActivityFactory(title_en="Example: open day", partnerships=[partnership]),
        "internal": ActivityFactory(
            title_en="Example: internal meeting", is_public=False, partnerships=[partnership]
        ),
        "draft": ActivityFactory(title_en="Example: draft", live=False, partnerships=[partnership]),
    }
    for activity in activities.values():
        activity.organisations.add(organisation)
        activity.save()
    return organisation, projects, activities


@pytest.mark.parametrize("lang", LANGS)
def test_an_organisation_in_a_proposed_or_dropped_project_has_a_page(client, site, lang):
    organisation = OrganisationFactory()
    for status in (Project.Status.PROPOSED, Project.Status.DROPPED):
        ProjectOrganisationFactory(organisation=organisation, project__status=status)

    response = site.get(client, _detail_path(site, lang, organisation))

    assert response.status_code == 200
    assert organisation.name in response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_the_list_links_every_organisation_to_its_page_thirty_at_a_time(client, site, lang):
    mine = [OrganisationFactory(name=f"Beispiel: Verein {i:02} (Example)") for i in range(31)]
    url, links, pages = site.path(_index(site, lang)), set(), 0
    while url:
        soup = _soup(site.get(client, url))
        listed = soup.select("ul.search-results > li")
        assert 0 < len(listed) <= PER_PAGE
        links.update(_main_links(soup))
        following = soup.select_one("a[rel=next]")
        url = site.path(_index(site, lang)) + following["href"] if following else None
        pages += 1

    assert pages >= 2
    assert {_detail_path(site, lang, organisation) for organisation in mine} <= links


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_shows_city_focus_areas_and_only_public_projects(client, site, network, lang):
    organisation, projects, _ = network

    soup = _soup(site.get(client, _detail_path(site, lang, organisation)))

    assert soup.h1.get_text(strip=True) == organisation.name
    facts = soup.select_one("dl.facts").get_text(" ", strip=True)
    assert {"de": "Beispielhausen", "en": "Exampleton"}[lang] in facts
    assert {"de": "Schulaustausch", "en": "School exchange"}[lang] in facts
    shown = soup.select_one("#organisation-projects").find_parent("section").get_text()
    for status, project in projects.items():
        title = project.title_de if lang == "de" else project.title_en
        if status in (Project.Status.PROPOSED, Project.Status.DROPPED):
            assert title not in soup.get_text(), status
        else:
            assert title in shown, status


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_links_public_projects_and_activities_to_their_pages(client, site, network, lang):
    organisation, projects, activities = network

    soup = _soup(site.get(client, _detail_path(site, lang, organisation)))

    text = soup.get_text()
    assert getattr(activities["public"], f"title_{lang}") in text
    for hidden in ("internal", "draft"):
        assert activities[hidden].title_en not in text
        assert activities[hidden].title_de not in text
    by_slug = {_last_segment(href): href for href in _main_links(soup)}
    wanted = [activities["public"]] + [
        projects[status] for status in ("planned", "running", "done")
    ]
    for record in wanted:
        assert record.slug in by_slug, record.slug
        target = _soup(site.get(client, by_slug[record.slug]))
        assert target.h1.get_text(strip=True) == getattr(record, f"title_{lang}")
    for status in ("proposed", "dropped"):
        assert projects[status].slug not in by_slug


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_organisation_is_not_found(client, site, lang):
    index = _index(site, lang)
    url = site.path(index) + index.reverse_subpage("detail", args=["no-such-organisation"])

    assert site.get(client, url).status_code == 404


def _grow(organisation, n):
    """Give `organisation` n roles in projects of every status and n activities."""
    partnership = PartnershipFactory()
    statuses = Project.Status.values
    for i in range(n):
        ProjectOrganisationFactory(
            organisation=organisation,
            project__status=statuses[i % len(statuses)],
            project__partnerships=[partnership],
        )
        activity = ActivityFactory(partnerships=[partnership])
        activity.organisations.add(organisation)
        activity.save()


def _queries(client, site, url):
    with CaptureQueriesContext(connection) as queries:
        response = site.get(client, url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_runs_as_many_queries_with_one_role_as_with_thirty(
    client, site, lang, django_assert_max_num_queries
):
    few, many = OrganisationFactory(), OrganisationFactory()
    _grow(few, 1)
    _grow(many, 30)
    site.get(client, _detail_path(site, lang, few))  # warm the per-process caches

    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        small = _queries(client, site, _detail_path(site, lang, few))
    large = _queries(client, site, _detail_path(site, lang, many))

    assert large == small, f"{small} queries with 1 role and activity, {large} with 30"
    assert many.project_roles.count() == 30 and many.activities.count() == 30
