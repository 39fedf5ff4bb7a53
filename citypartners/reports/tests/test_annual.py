"""Reports → Annual report in the back office: one calendar year over every owner, internal
items included, headed as a notice to parliament; the same downloads as the partnership
report."""

import datetime
import io

import openpyxl
import pypdf
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from citypartners.activities.models import Activity
from citypartners.owners.models import Owner
from citypartners.reports.annual import year_query
from citypartners.reports.build import build_report
from citypartners.reports.document import office_name
from citypartners.reports.tests.test_views import _login

pytestmark = pytest.mark.django_db


def _get(client, **params):
    response = client.get(reverse("reports_annual"), params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def _shown(page) -> set[int]:
    return {int(row["data-activity"]) for row in page.select("[data-activity]")}


def test_the_annual_report_opens_on_last_year_with_the_notice_and_every_activity(
    client, period_records
):
    _login(client, "state-editor", "land-berlin")
    _response, page = _get(client)
    last_year = timezone.localdate().year - 1
    assert page.select_one("select[name=year] option[selected]")["value"] == str(last_year)
    notice = page.select_one('[data-report="notice"]').get_text(" ", strip=True)
    with translation.override("en"):
        office = office_name()
    assert office and office in notice
    assert f"Notice – for information – on the city partnerships in {last_year}" in notice
    assert "It covers all owners, internal items included." in notice


def test_a_chosen_year_shows_all_its_activities_internal_and_drafts_included(
    client, period_records
):
    _login(client, "state-editor", "land-berlin")
    _response, page = _get(client, year="2022")
    expected = set(
        Activity.objects.filter(
            ends_at__gt=datetime.datetime(2022, 1, 1, tzinfo=timezone.get_current_timezone()),
            starts_at__lt=datetime.datetime(2023, 1, 1, tzinfo=timezone.get_current_timezone()),
        ).values_list("pk", flat=True)
    )
    assert _shown(page) == expected
    assert Activity.objects.filter(pk__in=expected, is_public=False).exists()
    assert Activity.objects.filter(pk__in=expected, live=False).exists()
    figures = [int(td.get_text(strip=True)) for td in page.select("[data-figure]")]
    report = build_report(year_query(2022, internal=True))
    assert figures == list(report.summary.values())


def test_the_notice_is_in_the_accounts_language(client, period_records):
    _login(client, "state-editor", "land-berlin", "de")
    _response, page = _get(client, year="2023")
    notice = page.select_one('[data-report="notice"]').get_text(" ", strip=True)
    assert "Mitteilung – zur Kenntnisnahme – über die Städtepartnerschaften im Jahr 2023" in notice
    assert page.select_one("h1").get_text(strip=True) == "Jahresbericht"


def test_a_borough_editor_gets_the_report_of_his_own_borough(client, period_records):
    mitte = Owner.objects.get(slug="mitte")
    _login(client, "borough-editor", "mitte")
    _response, page = _get(client, year="2023")
    shown = Activity.objects.filter(pk__in=_shown(page))
    assert shown and all(a.owner_id == mitte.pk for a in shown)
    notice = page.select_one('[data-report="notice"]').get_text(" ", strip=True)
    assert "It covers Mitte, internal items included." in notice


def test_an_unknown_year_gets_a_message_not_a_report(client, period_records):
    _login(client, "state-editor", "land-berlin")
    response, page = _get(client, year="1066")
    assert response.context["report"] is None
    assert "Select a valid choice" in page.get_text(" ")


def test_an_account_without_the_right_gets_no_annual_report(client, period_records):
    _login(client, "contact-steward", "land-berlin")
    assert client.get(reverse("reports_annual"), {"year": "2022"}).status_code in (302, 403)


def test_the_spreadsheet_and_the_pdf_hold_the_years_report(client, period_records):
    _login(client, "state-editor", "land-berlin", "de")
    response = client.get(reverse("reports_annual"), {"year": "2023", "format": "xlsx"})
    assert 'filename="annual-report-2023.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    report = build_report(year_query(2023, internal=True))
    rows = list(book["Aktivitäten"].values)
    assert [row[2] for row in rows[1:]] == [a.title_de for a in report.activities]

    response = client.get(reverse("reports_annual"), {"year": "2023", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="annual-report-2023.pdf"' in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "de"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Mitteilung – zur Kenntnisnahme – über die Städtepartnerschaften im Jahr 2023" in text
    assert all(a.title_de in text for a in report.activities)


def test_the_menu_offers_the_annual_report_to_who_may_report(client, period_records):
    _login(client, "state-editor", "land-berlin")
    home = client.get("/admin/").content.decode()
    assert reverse("reports_annual") in home
