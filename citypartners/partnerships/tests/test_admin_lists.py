"""The back office's partnership and city lists: dates as precisely as they are known, the
status in words, exports in the user's language, and choosers in the reader's language."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.partnerships.models import PartnershipStatus
from citypartners.partnerships.models.partnership import DatePrecision
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FoundingDocumentFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
LIST = "wagtailsnippets_partnerships_partnership:list"


def _login(client, language, role="state-moderator"):
    user = account_create(email=f"{role}-{language}@example.org", password=PASSWORD, role=role)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def since_1968():
    """A partnership known only to date from 1968, suspended since 2020."""
    partnership = PartnershipFactory(
        city=CityFactory(name_en="Exampleton", name_de="Beispielhausen", country_code="FR")
    )
    FoundingDocumentFactory(
        partnership=partnership,
        date=datetime.date(1968, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    PartnershipStatusFactory(
        partnership=partnership,
        status=PartnershipStatus.Status.SUSPENDED,
        valid_from=datetime.date(2020, 3, 1),
    )
    return partnership


def _row(html, city):
    """The list's table row that names ``city``."""
    start = html.index(city)
    return html[html.rfind("<tr", 0, start) : html.index("</tr>", start)]


def test_a_year_only_date_shows_as_the_year_and_the_status_in_german_words(client, since_1968):
    _login(client, "de")
    row = _row(client.get(reverse(LIST)).content.decode(), "Beispielhausen")
    assert "1968" in row and "Januar" not in row
    assert "ausgesetzt" in row and "suspended" not in row


def test_a_year_only_date_shows_as_the_year_and_the_status_in_english_words(client, since_1968):
    _login(client, "en")
    html = client.get(reverse(LIST)).content.decode()
    row = _row(html, "Exampleton")
    assert "1968" in row and "January" not in row
    assert "suspended" in row
    for header in ("Partner since", "Status", "Owner", "Kind", "Verified"):
        assert header in html, header


def test_a_month_and_a_day_show_as_precisely_as_they_are_known(client):
    month = PartnershipFactory(city=CityFactory(name_en="Monthville"))
    FoundingDocumentFactory(
        partnership=month, date=datetime.date(1991, 9, 1), date_precision=DatePrecision.MONTH
    )
    day = PartnershipFactory(city=CityFactory(name_en="Dayton"))
    FoundingDocumentFactory(partnership=day, date=datetime.date(2004, 5, 12))
    _login(client, "en")
    html = client.get(reverse(LIST)).content.decode()
    assert "September 1991" in _row(html, "Monthville")
    assert "12 May 2004" in _row(html, "Dayton")


def test_the_partnership_export_reads_as_the_list_in_german(client, since_1968):
    _login(client, "de")
    response = client.get(reverse(LIST), {"export": "csv"})
    assert response.status_code == 200
    assert 'filename="partnerschaften.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Träger",
        "Partnerstadt",
        "Land",
        "Art",
        "Partner seit",
        "Status",
        "Schwerpunkte",
        "Geprüft",
    ]
    row = next(row for row in rows if row[1] == "Beispielhausen")
    assert row[2] == "Frankreich"
    assert row[4:6] == ["1968", "ausgesetzt"]
    assert row[7] == "ja"


def test_the_partnership_export_as_xlsx_in_english(client, since_1968):
    _login(client, "en")
    response = client.get(reverse(LIST), {"export": "xlsx"})
    assert response.status_code == 200
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values
    )
    assert rows[0][:6] == ("Owner", "Partner city", "Country", "Kind", "Partner since", "Status")
    row = next(row for row in rows if row[1] == "Exampleton")
    assert row[2:6] == ("France", "official partnership", "1968", "suspended")


def test_the_city_export_names_the_country_in_the_users_language(client):
    CityFactory(name_en="Exampleton", name_de="Beispielhausen", country_code="FR")
    _login(client, "de")
    response = client.get(
        reverse("wagtailsnippets_partnerships_city:list"), {"export": "csv", "q": "Beispielh"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == [
        "Name (Englisch)",
        "Name (Deutsch)",
        "Name in der Landessprache",
        "Land",
        "Ländercode",
    ]
    assert rows[1][:5] == ["Exampleton", "Beispielhausen", "", "Frankreich", "FR"]


def test_the_owner_chooser_speaks_the_language_of_whoever_opens_it(client):
    """Wagtail's chooser titles were fixed in the language of the first reader."""
    chooser = "/admin/snippets/choose/owners/owner/"
    add = reverse("wagtailsnippets_partnerships_partnership:add")
    _login(client, "de")
    assert "Auswählen" in client.get(chooser).json()["html"]
    assert "Träger auswählen" in client.get(add).content.decode()
    client.logout()
    _login(client, "en", role="state-editor")
    modal = client.get(chooser).json()["html"]
    assert "Choose" in modal and "Auswählen" not in modal
    form = client.get(add).content.decode()
    assert "Choose owner" in form and "auswählen" not in form
