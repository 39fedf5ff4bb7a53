"""Every page type, and the page of every kind of record, in both languages: none answers 500.

Generated from the system: the page types are the site app's page models (a new one is
built and visited without a change here, see ``tree.build_site``), the record pages are
the ``detail`` routes of its section pages. A new section with a ``detail`` route fails
here until SECTIONS says which records it lists and which of them the public may see.
"""

import datetime

import pytest
from wagtail.contrib.routable_page.models import RoutablePageMixin

from citypartners.activities.models import Activity
from citypartners.activities.selectors import activities_public
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.organisations.models import Organisation
from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FocusAreaFactory,
    FoundingDocumentFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)
from citypartners.projects.models import Project
from citypartners.projects.selectors import projects_public
from citypartners.projects.tests.factories import ProjectFactory, ProjectOrganisationFactory

from .tree import site_fixture, site_page_models

pytestmark = pytest.mark.django_db

LANGS = ["de", "en"]

# Section page -> (the records its detail route shows, those of them the public may see).
SECTIONS = {
    "ActivityIndexPage": (Activity, activities_public),
    "OrganisationIndexPage": (Organisation, Organisation.objects.all),
    "ProjectIndexPage": (Project, projects_public),
}


def sections_with_records() -> list[str]:
    """The page models whose routes include one page per record (a route named ``detail``)."""
    return [
        model.__name__
        for model in site_page_models()
        if issubclass(model, RoutablePageMixin)
        and any(route.name == "detail" for route in model.get_subpage_urls())
    ]


def fixed_routes(page) -> list[str]:
    """The addresses of a routable page's routes that take no argument (calendar, thanks),
    in the page's own language (the other language's segment is a redirect to it)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    other = "_en" if page.locale.language_code == "de" else "_de"
    return [
        page.reverse_subpage(route.name)
        for route in page.get_subpage_urls()
        if route.name
        and not route.pattern.converters
        and route.name != "detail"
        and not route.name.endswith(other)
    ]


built_site = site_fixture()


@pytest.fixture
def site(built_site):
    """A site of its own with every page type, and records of every kind around its pages."""
    site = built_site
    partnership = site.page("PartnerCityPage", "de").partnership
    FoundingDocumentFactory(partnership=partnership)
    PartnershipStatusFactory(partnership=partnership)
    borough = site.page("BoroughPage", "de").borough
    PartnershipFactory(owner=borough, city=partnership.city)
    area = FocusAreaFactory()

    organisation = OrganisationFactory(city=partnership.city, focus_areas=[area])
    organisation.partnerships.add(partnership)
    organisation.save()
    loner = OrganisationFactory(city=CityFactory())  # one with no part in anything
    projects = {
        status: ProjectFactory(
            status=status,
            partnerships=[partnership],
            start_date=datetime.date(2029, 1, 1),
        )
        for status in Project.Status.values
    }
    for project in projects.values():
        ProjectOrganisationFactory(project=project, organisation=organisation)
    activities = [
        ActivityFactory(partnerships=[partnership], project=projects["running"]),
        ActivityFactory(partnerships=[partnership], project=projects["proposed"]),
        ActivityFactory(partnerships=[partnership], project=projects["dropped"]),
        ActivityFactory(partnerships=[partnership], is_public=False),
        ActivityFactory(partnerships=[partnership], live=False),
        ActivityFactory(partnerships=[partnership], start_date=datetime.date(2001, 5, 4)),
    ]
    for activity in activities:
        activity.organisations.add(organisation)
        activity.focus_areas.add(area)
        activity.save()
    site.records = {
        Activity: activities,
        Organisation: [organisation, loner],
        Project: list(projects.values()),
    }
    return site


def test_every_section_with_record_pages_is_known():
    unknown = set(sections_with_records()) - set(SECTIONS)
    assert not unknown, f"add {sorted(unknown)} to SECTIONS: which records, which public"
    assert set(SECTIONS) <= set(sections_with_records()), "SECTIONS names a page it need not"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_every_type_answers(client, site, lang):
    pages = [page for page in site.all_pages() if page.locale.language_code == lang]
    assert {type(page) for page in pages} == set(site_page_models())

    client.raise_request_exception = False  # every failing address in one report
    answers = {}
    for page in pages:
        base = site.path(page)
        for url in [base, *(base + route for route in fixed_routes(page))]:
            answers[url] = site.get(client, url).status_code

    assert len(answers) > len(pages), "the routes without arguments were asked too"
    assert all(code == 200 for code in answers.values()), answers


@pytest.mark.parametrize("lang", LANGS)
def test_every_record_page_answers_200_when_public_and_404_when_not(client, site, lang):
    client.raise_request_exception = False  # every failing address in one report
    answers, expected, seen = {}, {}, {name: set() for name in SECTIONS}
    for name in sections_with_records():
        model, public = SECTIONS[name]
        section = site.page(name, lang)
        records = site.records[model]
        public_ids = set(
            public().filter(pk__in=[r.pk for r in records]).values_list("pk", flat=True)
        )
        for record in records:
            url = site.path(section) + section.reverse_subpage("detail", args=[record.slug])
            answers[url] = site.get(client, url).status_code
            expected[url] = 200 if record.pk in public_ids else 404
            seen[name].add(expected[url])
        url = site.path(section) + section.reverse_subpage("detail", args=["no-such-record"])
        answers[url], expected[url] = site.get(client, url).status_code, 404

    assert 500 not in answers.values(), {url: c for url, c in answers.items() if c == 500}
    assert answers == expected
    # Each section was asked for a public record, and hidden ones where records can hide.
    assert all(200 in codes for codes in seen.values()), seen
    assert 404 in seen["ActivityIndexPage"] and 404 in seen["ProjectIndexPage"], seen
