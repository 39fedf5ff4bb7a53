"""Reports → Partnership report in the back office: the report as a page and as a
spreadsheet, in the account's language, its question checked with clear messages."""

import datetime
import io

import openpyxl
import pypdf
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity
from citypartners.owners.models import Owner
from citypartners.reports.build import build_report
from citypartners.reports.query import ReportQuery

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
PERIOD = {"date_from": "2022-01-01", "date_to": "2023-12-31"}


def _login(client, role, owner, language="en"):
    user = account_create(
        email=f"{role}-{owner}@example.org", password=PASSWORD, role=role, owner=owner
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def _get(client, **params):
    response = client.get(reverse("reports_partnership"), params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_report_page_lists_every_activity_of_the_period_with_its_figures(
    client, period_records, language
):
    _login(client, "state-editor", "land-berlin", language)
    _response, page = _get(client, internal="on", **PERIOD)
    report = build_report(
        ReportQuery(datetime.date(2022, 1, 1), datetime.date(2023, 12, 31), internal=True)
    )
    shown = {int(row["data-activity"]) for row in page.select("[data-activity]")}
    assert shown == {a.pk for a in report.activities}
    figures = [int(td.get_text(strip=True)) for td in page.select("[data-figure]")]
    assert figures == list(report.summary.values())
    heading = page.select_one("h1").get_text(strip=True)
    assert heading == {"en": "Partnership report", "de": "Partnerschaftsbericht"}[language]
    # The chart and the table beside it give the same numbers.
    chart = [t.get_text() for t in page.select("figure svg rect + text")]
    table = [td.get_text() for td in page.select('[data-report="matrix"] tbody td')]
    assert chart == table and chart


def test_without_internal_items_the_report_shows_only_public_published_activities(
    client, period_records
):
    _login(client, "state-editor", "land-berlin")
    _response, page = _get(client, **PERIOD)
    shown = Activity.objects.filter(
        pk__in=[int(row["data-activity"]) for row in page.select("[data-activity]")]
    )
    assert shown and all(a.is_public and a.live for a in shown)


@pytest.mark.parametrize(
    "language, params, message",
    [
        ("en", {"date_from": "2023-01-01", "date_to": "2022-01-01"}, "lies before its start"),
        ("de", {"date_from": "2023-01-01", "date_to": "2022-01-01"}, "liegt vor seinem Beginn"),
        ("en", {**PERIOD, "city": "atlantis"}, "Select a valid choice"),
        ("de", {**PERIOD, "city": "atlantis"}, "atlantis ist keine gültige Auswahl"),
        ("en", {"date_from": "yesterday", "date_to": "2022-01-01"}, "Enter a valid date"),
    ],
)
def test_a_bad_question_gets_a_message_in_the_accounts_language_not_a_report(
    client, period_records, language, params, message
):
    _login(client, "state-editor", "land-berlin", language)
    response, page = _get(client, **params)
    assert message in page.get_text(" ")
    assert response.context["report"] is None


def test_a_borough_editor_reports_on_his_own_borough_only(client, period_records):
    mitte = Owner.objects.get(slug="mitte")
    _login(client, "borough-editor", "mitte")
    _response, page = _get(client, internal="on", **PERIOD)
    shown = Activity.objects.filter(
        pk__in=[int(row["data-activity"]) for row in page.select("[data-activity]")]
    )
    assert shown and all(a.owner_id == mitte.pk for a in shown)
    response, page = _get(client, owner="land-berlin", **PERIOD)
    assert response.context["report"] is None
    assert "Select a valid choice" in page.get_text(" ")


def test_an_account_without_the_right_gets_no_report(client, period_records):
    _login(client, "contact-steward", "land-berlin")
    assert client.get(reverse("reports_partnership"), PERIOD).status_code in (302, 403)


def test_the_spreadsheet_holds_the_reports_activities_with_typed_cells(client, period_records):
    _login(client, "state-editor", "land-berlin", "de")
    response = client.get(
        reverse("reports_partnership"), {**PERIOD, "internal": "on", "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:4] == ["Zusammenfassung", "Träger", "Partnerschaften", "Aktivitäten"]
    rows = list(book["Aktivitäten"].values)
    report = build_report(
        ReportQuery(datetime.date(2022, 1, 1), datetime.date(2023, 12, 31), internal=True)
    )
    assert [row[2] for row in rows[1:]] == [a.title_de for a in report.activities]
    assert all(isinstance(row[0], datetime.datetime) for row in rows[1:])
    summary = dict(list(book["Zusammenfassung"].values)[1:7])
    assert summary["Aktivitäten"] == len(report.activities)


def test_the_pdf_download_is_the_report_in_the_accounts_language(client, period_records):
    _login(client, "state-editor", "land-berlin", "en")
    response = client.get(reverse("reports_partnership"), {**PERIOD, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert (
        'filename="partnership-report-2022-01-01-2023-12-31.pdf"' in response["Content-Disposition"]
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    report = build_report(ReportQuery(datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)))
    assert all(a.title_en in text for a in report.activities)
