"""The free-text organisations of activities become links where a match exists."""

import importlib

import pytest
from django.apps import apps

from citypartners.contacts.tests.factories import OrganisationFactory

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "citypartners.activities.migrations.0003_free_text_organisations_to_links"
)


def test_matching_names_become_links_and_the_rest_stays_as_text():
    festival = OrganisationFactory(name="Berlin International Film Festival")
    activity = ActivityFactory(
        organisations="berlin international film festival\nAn unknown club\n"
    )
    migration.link_organisations(apps, None)
    activity.refresh_from_db()
    assert list(activity.participating_organisations.all()) == [festival]
    assert activity.organisations == "An unknown club"


def test_activity_page_links_its_organisations_and_project(client):
    from citypartners.projects.models import Project

    school = OrganisationFactory(name="Beispiel-Schule (Example)", slug="example-school")
    project = Project.objects.get(slug="example-school-gardens-berlin-paris")
    activity = ActivityFactory(project=project, organisations="Free text club")
    activity.participating_organisations.add(school)
    activity.save()
    html = client.get(f"/en/activities/{activity.slug}/").content.decode()
    assert 'href="/en/institutions/example-school/"' in html and "Free text club" in html
    assert 'href="/en/projects/example-school-gardens-berlin-paris/"' in html
