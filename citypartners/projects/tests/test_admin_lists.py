"""The back office's project list: translated headers and an export in the user's language
that names no contact person."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.partnerships.models import FocusArea, Partnership
from citypartners.projects.models import Project
from citypartners.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_projects_project:list"


def _login(client, language, role="state-editor"):
    user = account_create(
        email=f"{role}-{language}@example.org",
        password="a long and careful passphrase",
        role=role,
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


@pytest.fixture
def project():
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    return ProjectFactory(
        owner=warsaw.owner,
        title_de="Beispiel: Schulpartnerschaft",
        title_en="Example: school partnership",
        status=Project.Status.PLANNED,
        partnerships=[warsaw],
        focus_areas=[FocusArea.objects.get(slug="climate")],
        contacts=[ContactPersonFactory(name="Secret Person", email="secret@example.org")],
    )


def test_the_project_list_has_german_headers(client, project):
    _login(client, "de")
    html = client.get(reverse(LIST)).content.decode()
    assert "Beispiel: Schulpartnerschaft" in html
    for header in ("Titel\n", "Status\n", "Beginn\n"):
        assert header in html, header
    assert "Title\n" not in html


def test_the_project_export_in_german_names_no_contact_person(client, project):
    _login(client, "de")
    response = client.get(reverse(LIST), {"export": "csv", "q": "Schulpartnerschaft"})
    assert 'filename="projekte.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Titel",
        "Träger",
        "Status",
        "Beginn",
        "Ende",
        "Partnerschaften",
        "Schwerpunkte",
    ]
    assert rows[1] == [
        "Beispiel: Schulpartnerschaft",
        "Land Berlin",
        "geplant",
        "2026-03-01",
        "2027-06-30",
        "Land Berlin – Warschau",
        "Klima",
    ]
    assert "Secret Person" not in content and "secret@example.org" not in content


def test_the_project_export_as_xlsx_in_english_has_dates_as_dates(client, project):
    _login(client, "en")
    response = client.get(reverse(LIST), {"export": "xlsx", "q": "school partnership"})
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values
    )
    assert rows[0][:4] == ("Title", "Owner", "Status", "Start")
    assert rows[1][0] == "Example: school partnership"
    assert rows[1][2] == "planned"
    assert rows[1][3] == datetime.date(2026, 3, 1)
