"""A report as a spreadsheet (XLSX): one sheet per section, cells typed (dates as dates,
numbers as numbers), headings in the report's language."""

import io
import itertools
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import text
from .build import OVERVIEW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(sheet, value, *, bold=False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    elif hasattr(value, "year") and not hasattr(value, "hour"):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00 [$€-x-euro2]"
    return cell


WIDTH_SAMPLE = 500  # rows a column's width is taken from


def _sheet(book, title, header, rows):
    """A sheet written row by row (openpyxl's write-only mode: a world-size report's tens
    of thousands of rows are never held at once), its columns as wide as the text of their
    first rows."""
    sheet = book.create_sheet(title[:31])
    header = [str(h) for h in header]
    rows = iter(rows)
    first = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE)]
    for index, name in enumerate(header):
        width = max(
            (len(str(row[index])) for row in first if len(row) > index and row[index] is not None),
            default=8,
        )
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(
            60, max(10, max(width, len(name)) + 2)
        )
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, name, bold=True) for name in header])
    for row in itertools.chain(first, rows):
        sheet.append([_cell(sheet, value) for value in row])
    return sheet


def workbook(report) -> Workbook:
    """The workbook of a report built for it (``build.SPREADSHEET``, or the full edition):
    every row of every list."""
    if report.edition == OVERVIEW:
        raise ValueError("a spreadsheet lists everything: build the report's SPREADSHEET edition")
    book = Workbook(write_only=True)
    labels = text.summary_labels()
    _sheet(
        book,
        _("Summary"),
        [_("Figure"), _("Number")],
        [
            *([str(labels[k]), v] for k, v in report.summary.items()),
            [],
            *([str(name), str(value)] for name, value in text.question(report.query)),
        ],
    )
    _sheet(
        book,
        _("Owners"),
        [
            _("Owner"),
            _("Partnerships"),
            _("Activities"),
            _("Projects running"),
            _("Money planned"),
            _("Money spent"),
        ],
        (
            [
                str(f.owner) if f.owner else _("without owner"),
                f.partnerships,
                f.activities,
                f.projects,
                f.planned,
                f.spent,
            ]
            for f in report.owners
        ),
    )
    _sheet(
        book,
        _("Partnerships"),
        [
            _("Partner city"),
            _("Country"),
            _("Owner"),
            _("Kind"),
            _("Partner since"),
            _("Status in the period"),
            _("Founding documents"),
        ],
        (
            [
                str(section.city.name),
                section.city.country_code,
                str(facts.partnership.owner),
                facts.partnership.get_kind_display(),
                facts.since.date if facts.since else None,
                text.status_over_period(facts),
                "; ".join(
                    f"{d.get_kind_display()} {text.precise_date(d.date, d.date_precision)}"
                    for d in facts.documents
                ),
            ]
            for section in report.cities
            for facts in section.partnerships
        ),
    )
    _sheet(
        book,
        _("Activities"),
        [
            _("Start"),
            _("End"),
            _("Title"),
            _("Kind"),
            _("Place"),
            _("Participants"),
            _("Focus areas"),
            _("Partner cities"),
            _("Owner"),
            _("Status"),
            _("Public"),
        ],
        (
            [
                a.start_date,
                a.end_date or a.start_date,
                a.title,
                str(a.kind),
                text.activity_place(a),
                text.activity_participants(a),
                text.names(a.focus_areas.all()),
                text.names(sorted({p.city.name for p in a.partnerships.all()})),
                str(a.owner) if a.owner else "",
                a.get_status_display(),
                _("yes") if a.is_public else _("no"),
            ]
            for a in report.activities
        ),
    )
    _sheet(
        book,
        _("Projects"),
        [
            _("Title"),
            _("Owner"),
            _("Start"),
            _("End"),
            _("Status"),
            _("Partner cities"),
            _("Focus areas"),
        ],
        (
            [
                p.title,
                str(p.owner) if p.owner else "",
                p.start_date,
                p.end_date,
                p.get_status_display(),
                text.names(sorted({x.city.name for x in p.partnerships.all()})),
                text.names(p.focus_areas.all()),
            ]
            for p in report.projects
        ),
    )
    matrix = report.matrix
    _sheet(
        book,
        _("Activities by focus area"),
        [
            _("Partner city"),
            *(a.name if a else _("without focus area") for a in matrix.focus_areas),
            _("Total"),
        ],
        ([str(city.name), *cells, sum(cells)] for city, cells in matrix.rows()),
    )
    _sheet(
        book,
        _("Money"),
        [_("Partner city"), _("Year"), _("Funding source"), _("Planned"), _("Spent")],
        [
            *(
                [_("all"), t.key[0], text.source_label(t.key[1]), t.planned, t.spent]
                for t in report.money_by_year_and_source
            ),
            *(
                [str(section.city.name), t.key[1], text.source_label(t.key[2]), t.planned, t.spent]
                for section in report.cities
                for t in section.money
            ),
        ],
    )
    _sheet(
        book,
        _("New and ended"),
        [_("Change"), _("Partner city"), _("Owner")],
        [
            *([_("new"), str(p.city.name), str(p.owner)] for p in report.partnerships_new),
            *([_("ended"), str(p.city.name), str(p.owner)] for p in report.partnerships_ended),
        ],
    )
    return book


def content(report) -> bytes:
    buffer = io.BytesIO()
    workbook(report).save(buffer)
    return buffer.getvalue()


def filename(report, extension: str) -> str:
    q = report.query
    name = _("partnership-report")
    return f"{name}-{q.date_from:%Y-%m-%d}-{q.date_to:%Y-%m-%d}.{extension}"


def response(report) -> HttpResponse:
    reply = HttpResponse(content(report), content_type=XLSX)
    reply["Content-Disposition"] = f'attachment; filename="{filename(report, "xlsx")}"'
    return reply
