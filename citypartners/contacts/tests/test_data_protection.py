"""Export and erase leave no trace; the retention report finds people without partnerships."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from citypartners.accounts.services import account_create, role_group
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import (
    contact_erase,
    contact_update,
    contacts_past_retention,
)
from citypartners.partnerships.models import Partnership

from .factories import ContactPersonFactory

pytestmark = pytest.mark.django_db

NAME = "Beispiel: Zoe Spurlos (Example)"
EMAIL = "zoe.spurlos@example.org"


@pytest.fixture
def steward(client):
    user = account_create(
        role="state-moderator",
        email="steward@example.org",
        password="a long and careful passphrase",
    )
    user.groups.add(role_group("contact-steward"))
    client.force_login(user)
    return user


@pytest.fixture
def person():
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    return ContactPersonFactory(name=NAME, email=EMAIL, phone="+49 30 1234", partnerships=[paris])


def _everything_in_the_database() -> str:
    """Every text value of every table, for a trace search."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.endswith("_fts") or "_fts_" in table:
                continue  # SQLite's full-text shadow tables
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_export_holds_everything_about_the_person(client, steward, person):
    activity = ActivityFactory()
    activity.contacts.add(person)
    activity.save()
    response = client.get(reverse("contacts_export", args=[person.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'attachment; filename="contact-person-{person.pk}.json"'
    )
    data = json.loads(response.content)
    assert data["person"]["name"] == NAME and data["person"]["email"] == EMAIL
    assert data["person"]["phone"] == "+49 30 1234"
    assert data["partnerships"] == ["Land Berlin – Paris"]
    assert data["activities"] == [activity.title_en]


def test_erase_leaves_no_trace_in_the_database(client, steward, person):
    # Edit the person through the back office (an audit-log entry with the name), and mention
    # them in a saved version of an activity.
    edit = reverse("wagtailsnippets_contacts_contactperson:edit", args=[person.pk])
    assert client.get(edit).status_code == 200
    ModelLogEntry.objects.log_action(person, "wagtail.edit", user=steward)
    activity = ActivityFactory()
    activity.contacts.add(person)
    activity.save()
    activity.save_revision(user=steward)
    assert NAME in _everything_in_the_database()

    response = client.post(reverse("contacts_erase", args=[person.pk]))
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
    everything = _everything_in_the_database()
    assert NAME not in everything and EMAIL not in everything and "+49 30 1234" not in everything
    latest = Revision.objects.filter(object_id=str(activity.pk)).latest("created_at")
    assert person.pk not in latest.content.get("contacts", [])
    # The erasure itself is in the audit log: who and which record number, no name.
    erased = ModelLogEntry.objects.get(action="citypartners.contact_erase")
    assert erased.user_id == steward.pk and erased.object_id == str(person.pk)


def test_only_stewards_may_export_or_erase(client, person):
    editor = account_create(
        role="state-moderator", email="editor@example.org", password="a long and careful passphrase"
    )
    client.force_login(editor)
    assert client.get(reverse("contacts_export", args=[person.pk])).status_code in (302, 403)
    assert client.post(reverse("contacts_erase", args=[person.pk])).status_code in (302, 403)
    assert ContactPerson.objects.filter(pk=person.pk).exists()


def test_commands_export_and_erase(person, capsys):
    call_command("contact_person", "--export", str(person.pk))
    assert json.loads(capsys.readouterr().out)["person"]["email"] == EMAIL
    with pytest.raises(CommandError, match="--yes"):
        call_command("contact_person", "--erase", str(person.pk))
    assert ContactPerson.objects.filter(pk=person.pk).exists()
    call_command("contact_person", "--erase", str(person.pk), "--yes")
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
    with pytest.raises(CommandError, match="no contact person"):
        call_command("contact_person", "--export", "999999")


def test_retention_report_lists_people_unlinked_for_longer_than_the_period(client, steward, person):
    contact_update(person=person, partnerships=[])
    person.refresh_from_db()
    assert person.unlinked_since is not None
    assert person not in contacts_past_retention()
    later = timezone.now() + datetime.timedelta(days=3 * 365 + 1)
    assert person in contacts_past_retention(now=later)
    linked = ContactPersonFactory(partnerships=[Partnership.objects.first()])
    assert linked not in contacts_past_retention(now=later)
    ContactPerson.objects.filter(pk=person.pk).update(
        unlinked_since=timezone.now() - datetime.timedelta(days=3 * 365 + 1)
    )
    response = client.get(reverse("contacts_retention"))
    assert response.status_code == 200 and NAME in response.content.decode()
    contact_erase(person=person)
    assert NAME not in client.get(reverse("contacts_retention")).content.decode()
