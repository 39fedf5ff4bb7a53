"""Contact people's export: for the contact data stewards only, whose list it is."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.contacts.tests.factories import ContactPersonFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_contacts_contactperson:list"


def _login(client, role, language="de"):
    user = account_create(
        email=f"{role}@example.org",
        password="a long and careful passphrase",
        role=role,
        owner="mitte" if role == "borough-editor" else None,
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def test_a_contact_data_steward_exports_contact_people_in_german(client):
    ContactPersonFactory(name="Erika Beispiel", email="erika@example.org", consent_public=True)
    _login(client, "contact-steward")
    response = client.get(reverse(LIST), {"export": "csv", "q": "Erika"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["Name", "Funktion", "Organisation", "E-Mail", "Telefon"]
    assert rows[1][0] == "Erika Beispiel"
    assert rows[1][1] == "Koordination"
    assert rows[1][3] == "erika@example.org"
    assert rows[1][7] == "ja"


@pytest.mark.parametrize("role", ["state-editor", "state-moderator", "borough-editor", "reviewer"])
def test_no_other_role_exports_contact_people(client, role):
    ContactPersonFactory(name="Erika Beispiel", email="erika@example.org")
    _login(client, role)
    for export in ("csv", "xlsx"):
        response = client.get(reverse(LIST), {"export": export})
        assert response.status_code in (302, 403), (export, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"erika@example.org" not in body
