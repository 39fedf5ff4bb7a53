"""City and project pages run the same queries with 10 or 2,000 organisations in the network."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.contacts.models import ContactPerson
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Project, ProjectOrganisation

pytestmark = pytest.mark.django_db

# One of each: the main navigation and breadcrumb trail (site.sections.navigation_pages).
MAX_QUERIES = {"city": 30, "project": 20}


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow_to(total: int):
    """Bulk-add organisations of Paris and Berlin, each in the partnership, the project and
    with one consenting contact person."""
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    project = Project.objects.get(slug="example-school-gardens-berlin-paris")
    cities = [City.objects.get(slug="paris"), City.objects.get(slug="berlin")]
    first = Organisation.objects.count()
    created = Organisation.objects.bulk_create(
        Organisation(name=f"Example {n}", slug=f"bulk-org-{n}", type="ngo", city=cities[n % 2])
        for n in range(first, total)
    )
    Organisation.partnerships.through.objects.bulk_create(
        Organisation.partnerships.through(organisation_id=o.pk, partnership_id=paris.pk)
        for o in created
    )
    ProjectOrganisation.objects.bulk_create(
        ProjectOrganisation(project=project, organisation=o, side="partner", sort_order=n)
        for n, o in enumerate(created)
    )
    people = ContactPerson.objects.bulk_create(
        ContactPerson(
            name=f"Example person {o.pk}",
            organisation=o,
            consent_public=True,
            consent_stored_how="example",
        )
        for o in created
    )
    ContactPerson.partnerships.through.objects.bulk_create(
        ContactPerson.partnerships.through(contactperson_id=p.pk, partnership_id=paris.pk)
        for p in people
    )
    project.contacts.add(*people)


@pytest.mark.parametrize(
    "name,url",
    [("city", "/en/paris/"), ("project", "/de/projekte/example-school-gardens-berlin-paris/")],
)
def test_query_count_is_the_same_with_10_and_2000_organisations(
    client, name, url, django_assert_max_num_queries
):
    _grow_to(10)
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        small = _count(client, url)
    _grow_to(2000)
    assert Organisation.objects.count() == 2000
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries with 10 organisations, {large} with 2,000"
