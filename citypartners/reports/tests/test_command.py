"""``manage.py partnership_report``: the same report as the back office's, as a file."""

import datetime
import io

import openpyxl
import pypdf
import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from citypartners.reports.build import build_report
from citypartners.reports.query import ReportQuery

pytestmark = pytest.mark.django_db

PERIOD = ["--from", "2022-01-01", "--to", "2023-12-31"]


def _report(**kwargs):
    return build_report(
        ReportQuery(datetime.date(2022, 1, 1), datetime.date(2023, 12, 31), **kwargs)
    )


@pytest.mark.parametrize(
    "language, heading", [("de", "Partnerschaftsbericht"), ("en", "Partnership report")]
)
def test_the_html_report_is_a_document_in_its_language_with_every_activity(
    period_records, tmp_path, language, heading
):
    target = tmp_path / "report.html"
    call_command(
        "partnership_report",
        *PERIOD,
        "--internal",
        "--language",
        language,
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    page = BeautifulSoup(target.read_text(), "html.parser")
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading
    shown = [int(row["data-activity"]) for row in page.select("[data-activity]")]
    expected = _report(internal=True)
    placed = [a.pk for s in expected.cities for a in s.activities] + [
        a.pk for a in expected.other_activities
    ]
    assert sorted(shown) == sorted(placed)
    assert {a.pk for a in expected.activities} == set(shown)
    toc = [a["href"] for a in page.select("nav.toc a")]
    assert all(page.select_one(href) is not None for href in toc)


def test_the_spreadsheet_from_the_command_has_the_city_filter_applied(period_records, tmp_path):
    target = tmp_path / "report.xlsx"
    call_command(
        "partnership_report",
        *PERIOD,
        "--city",
        "warsaw",
        "--language",
        "en",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    book = openpyxl.load_workbook(target)
    cities = {row[0] for row in list(book["Partnerships"].values)[1:]}
    assert cities == {"Warsaw"}


@pytest.mark.parametrize(
    "language, arguments, message",
    [
        ("de", ["--from", "2023-01-01", "--to", "2022-01-01"], "liegt vor seinem Beginn"),
        ("en", [*PERIOD, "--city", "atlantis"], "atlantis is not one of the available choices"),
        ("en", [*PERIOD, "--owner", "nowhere"], "nowhere is not one of the available choices"),
    ],
)
def test_a_bad_question_writes_nothing_and_says_why(
    period_records, tmp_path, language, arguments, message
):
    target = tmp_path / "report.html"
    with pytest.raises(CommandError, match=message):
        call_command(
            "partnership_report", *arguments, "--language", language, "--output", str(target)
        )
    assert not target.exists()
    assert not list(tmp_path.iterdir())


def test_the_pdf_is_tagged_in_its_language_and_its_text_holds_every_activity(
    period_records, tmp_path
):
    target = tmp_path / "report.pdf"
    call_command(
        "partnership_report",
        *PERIOD,
        "--internal",
        "--language",
        "de",
        "--format",
        "pdf",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    reader = pypdf.PdfReader(target)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Partnerschaftsbericht")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    report = _report(internal=True)
    assert report.activities
    for activity in report.activities:
        assert activity.title_de in text
    for section in report.cities:
        assert section.city.name_de in text
    assert f"1 / {len(reader.pages)}" not in text  # the cover has no number
    assert f"2 / {len(reader.pages)}" in text
