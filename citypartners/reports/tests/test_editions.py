"""A report too large to list one by one is made as its overview (issue 15, "a report at
world size renders as PDF in under a minute"): the same figures, complete, per owner and for
the partner cities with the most activities; the spreadsheet still lists everything. Every
new figure is recounted from the database with plain loops."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.funding.models import BudgetLine, FundingSource
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Project
from citypartners.reports import build, spreadsheet
from citypartners.reports.build import FULL, OVERVIEW, SPREADSHEET, build_report
from citypartners.reports.chart import matrix_charts
from citypartners.reports.query import ReportQuery
from citypartners.reports.tests.test_figures import (
    _expected_activities,
    _expected_partnerships,
    _queries,
)
from citypartners.reports.tests.test_views import PERIOD, _get, _login
from citypartners.reports.text import count

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)


@pytest.fixture
def overview(monkeypatch):
    """Every report is made as its overview."""
    monkeypatch.setattr(build, "FULL_MAX_PAGES", 0)


@pytest.fixture
def money(period_records):
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    mitte = Partnership.objects.filter(owner__slug="mitte").first()
    for partnership, year, planned, spent, public in [
        (warsaw, 2022, "1000.00", "950.50", True),
        (warsaw, 2023, "5000.00", None, False),
        (mitte, 2022, "300.00", "120.00", True),
        (mitte, 2025, "999.00", "999.00", True),  # after the period
    ]:
        BudgetLineFactory(
            partnership=partnership,
            owner=partnership.owner,
            year=year,
            source=FundingSource.OWN_BUDGET,
            amount_planned=Decimal(planned),
            amount_spent=Decimal(spent) if spent else None,
            is_public=public,
        )


def _expected_owners(q):
    """Per owner (its pk, None for none): partnerships, activities, projects, planned, spent."""
    found = {}

    def of(owner_id):
        return found.setdefault(owner_id, [0, 0, 0, Decimal(0), Decimal(0)])

    partnerships = _expected_partnerships(q)
    for p in Partnership.objects.filter(pk__in=partnerships):
        of(p.owner_id)[0] += 1
    for a in Activity.objects.filter(pk__in=_expected_activities(q)):
        of(a.owner_id)[1] += 1
    report_projects = {p.pk for p in build_report(q, edition=FULL).projects}
    for project in Project.objects.filter(pk__in=report_projects):
        of(project.owner_id)[2] += 1
    for line in BudgetLine.objects.all():
        if not (q.date_from.year <= line.year <= q.date_to.year):
            continue
        if line.partnership_id not in partnerships or not (q.internal or line.is_public):
            continue
        if q.focus_areas and line.focus_area not in q.focus_areas:
            continue
        figures = of(line.owner_id)
        figures[3] += line.amount_planned or 0
        figures[4] += line.amount_spent or 0
    return found


@pytest.mark.parametrize("edition", [FULL, OVERVIEW])
def test_the_figures_per_owner_recount_partnerships_activities_projects_and_money(
    money, period_records, edition
):
    for q in _queries(period_records):
        report = build_report(q, edition=edition)
        shown = {
            f.owner.pk if f.owner else None: [
                f.partnerships,
                f.activities,
                f.projects,
                f.planned,
                f.spent,
            ]
            for f in report.owners
        }
        assert shown == _expected_owners(q), q
        assert sum(f.activities for f in report.owners) == report.summary["activities"]


def test_the_activities_per_partner_city_count_each_activity_once_per_city(period_records):
    for q in _queries(period_records):
        partnerships = _expected_partnerships(q)
        expected, other = {}, 0
        for a in Activity.objects.filter(pk__in=_expected_activities(q)):
            cities = {p.city_id for p in a.partnerships.all() if p.pk in partnerships}
            for city in cities:
                expected[city] = expected.get(city, 0) + 1
            other += not cities
        for edition in (FULL, OVERVIEW):
            report = build_report(q, edition=edition)
            counted = {s.city.pk: s.activity_count for s in report.cities if s.activity_count}
            assert counted == expected, (q, edition)
            assert report.other_activity_count == other, (q, edition)


def test_an_overview_gives_the_full_editions_figures_without_its_lists(period_records, money):
    q = ReportQuery(START, END, internal=True)
    full, short = build_report(q, edition=FULL), build_report(q, edition=OVERVIEW)
    assert short.summary == full.summary
    assert short.activities == [] and short.other_activities == []
    assert short.matrix.column_totals() == full.matrix.column_totals()
    assert [(s.city.pk, s.planned, s.spent) for s in short.cities] == [
        (s.city.pk, s.planned, s.spent) for s in full.cities
    ]
    ranked = sorted(full.cities, key=lambda s: (-len(s.activities), s.city.name))
    assert [s.city for s in short.cities_by_activity] == [s.city for s in ranked][:100]


def test_a_report_is_made_as_its_overview_above_the_length_a_reader_can_take(
    period_records, monkeypatch
):
    q = ReportQuery(START, END, internal=True)
    report = build_report(q)
    assert report.edition == FULL
    pages = build.estimated_pages(
        activities=len(_expected_activities(q)), partner_cities=len(report.cities)
    )
    monkeypatch.setattr(build, "FULL_MAX_PAGES", pages)
    assert build_report(q).edition == FULL
    monkeypatch.setattr(build, "FULL_MAX_PAGES", pages - 0.01)
    assert build_report(q).edition == OVERVIEW


def test_an_overview_runs_as_many_queries_whatever_the_number_of_records(
    period_records, django_assert_max_num_queries
):
    q = ReportQuery(START, END, internal=True)
    with django_assert_max_num_queries(30) as few:
        build_report(q, edition=OVERVIEW)
    for day in range(40):
        ActivityFactory(start_date=START + datetime.timedelta(days=day * 7))
    with django_assert_max_num_queries(len(few.captured_queries)):
        build_report(q, edition=OVERVIEW)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_overview_page_links_each_partner_city_to_its_own_full_report(
    client, period_records, monkeypatch, language
):
    warsaw_city = City.objects.get(slug="warsaw")
    expected = _expected_activities(ReportQuery(START, END, cities=(warsaw_city,), internal=True))
    assert len(_expected_activities(ReportQuery(START, END, internal=True))) > len(expected)
    # Long enough for Warsaw's own report (one partner city), too short for all of them.
    monkeypatch.setattr(
        build, "FULL_MAX_PAGES", build.estimated_pages(activities=len(expected), partner_cities=1)
    )
    _login(client, "state-editor", "land-berlin", language)
    _response, page = _get(client, internal="on", **PERIOD)
    assert not page.select("[data-activity]")
    note = page.select_one('[data-report="overview"]').get_text(" ", strip=True)
    assert {"en": "shown as an overview", "de": "als Übersicht"}[language] in note
    rows = page.select('[data-report="cities"] tbody tr')
    report = build_report(ReportQuery(START, END, internal=True))
    with translation.override(language):
        names = [s.city.name for s in report.cities_by_activity]
    assert [r.th.get_text(strip=True) for r in rows] == names
    warsaw = next(r for r in rows if r.th.get_text(strip=True) in ("Warsaw", "Warschau"))
    href = warsaw.th.a["href"]
    assert "city=warsaw" in href and "internal=on" in href
    response = client.get(reverse("reports_partnership") + href)
    one_city = BeautifulSoup(response.content, "html.parser")
    shown = {int(row["data-activity"]) for row in one_city.select("[data-activity]")}
    assert shown == expected and shown


def test_the_spreadsheet_lists_every_activity_whatever_the_size(client, period_records, overview):
    _login(client, "state-editor", "land-berlin")
    response = client.get(
        reverse("reports_partnership"), {**PERIOD, "internal": "on", "format": "xlsx"}
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["Activities"].values)[1:]
    assert len(rows) == len(_expected_activities(ReportQuery(START, END, internal=True)))
    with pytest.raises(ValueError):
        spreadsheet.workbook(build_report(ReportQuery(START, END), edition=OVERVIEW))


def test_the_overview_pdf_holds_the_figures_and_the_partner_cities_table(
    period_records, overview, tmp_path
):
    output = tmp_path / "report.pdf"
    call_command(
        "partnership_report",
        "--from",
        "2022-01-01",
        "--to",
        "2023-12-31",
        "--internal",
        "--language",
        "en",
        "--format",
        "pdf",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(output).pages)
    assert "shown as an overview" in " ".join(text.split())
    assert "Figures per owner" in text
    report = build_report(ReportQuery(START, END, internal=True))
    with translation.override("en"):
        for section in report.cities_by_activity:
            assert section.city.name in text


def test_a_long_chart_is_drawn_in_parts_with_the_tables_numbers_in_order(period_records):
    report = build_report(ReportQuery(START, END, internal=True))
    rows = list(report.matrix.rows())
    assert len(rows) > 1
    charts = matrix_charts(report.matrix, title_id="caption", per_chart=1)
    assert len(charts) == len(rows)
    drawn = [
        t.get_text()
        for chart in charts
        for t in BeautifulSoup(chart, "html.parser").select("rect + text")
    ]
    assert drawn == [str(v) for _city, cells in rows for v in cells]


def test_the_spreadsheets_report_holds_the_full_editions_figures_and_activities(
    period_records, money
):
    q = ReportQuery(START, END, internal=True)
    full, sheet = build_report(q, edition=FULL), build_report(q, edition=SPREADSHEET)
    assert sheet.summary == full.summary
    assert [a.pk for a in sheet.activities] == [a.pk for a in full.activities]
    assert list(sheet.matrix.rows()) == list(full.matrix.rows())
    assert [(f.owner, f.activities, f.planned) for f in sheet.owners] == [
        (f.owner, f.activities, f.planned) for f in full.owners
    ]


def test_counts_in_reports_are_grouped_as_the_readers_language_writes_them():
    with translation.override("de"):
        assert (count(32159), count(1000000), count(999)) == ("32.159", "1.000.000", "999")
    with translation.override("en"):
        assert (count(32159), count(0)) == ("32,159", "0")
        assert count("Paris") == "Paris" and count(None) is None and count(True) is True
