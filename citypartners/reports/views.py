"""Reports → Partnership report and Reports → Annual report in the back office: the question
as a form (GET, so that a report can be bookmarked and sent on), the report as HTML, and its
downloads."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation

from citypartners.accounts.permissions import ALL_OWNERS, owner_scope
from citypartners.accounts.visibility import may_see_model
from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership

from . import document, spreadsheet, text
from .annual import AnnualReportForm, last_year, year_query
from .annual import notice as annual_notice
from .build import SPREADSHEET, build_report
from .chart import matrix_charts
from .query import ReportForm


def may_report(user) -> bool:
    return may_see_model(user, Partnership) and owner_scope(user) is not None


def _last_year() -> dict:
    year = timezone.localdate().year - 1
    return {"date_from": datetime.date(year, 1, 1), "date_to": datetime.date(year, 12, 31)}


def _without(params, *names) -> str:
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def partnership_report(request):
    if not may_report(request.user):
        raise PermissionDenied
    asked = "date_from" in request.GET or "date_to" in request.GET
    form = ReportForm(request.GET if asked else None, initial=_last_year(), user=request.user)
    report = None
    if asked and form.is_valid():
        if request.GET.get("format") == "xlsx":  # everything, whatever the size
            return spreadsheet.response(build_report(form.query(), edition=SPREADSHEET))
        report = build_report(form.query())
        if request.GET.get("format") == "pdf":
            reply = HttpResponse(
                document.pdf(report, language=translation.get_language()),
                content_type="application/pdf",
            )
            name = spreadsheet.filename(report, "pdf")
            reply["Content-Disposition"] = f'attachment; filename="{name}"'
            return reply
    query_string = request.GET.urlencode() if report else ""
    return TemplateResponse(
        request,
        "reports/partnership_report.html",
        {
            "form": form,
            "report": report,
            "charts": matrix_charts(report.matrix, title_id="report-matrix-caption")
            if report
            else [],
            "query_string": query_string,
            # An overview links each partner city to the same question for that city alone.
            "city_query": _without(request.GET, "city", "format") if report else None,
            "question": text.question(report.query) if report else [],
            "summary": [
                (label, report.summary[key]) for key, label in text.summary_labels().items()
            ]
            if report
            else [],
        },
    )


def annual_report(request):
    """Reports → Annual report: the report of one calendar year (last year unless another is
    chosen) over every owner the account reports on, internal items included, as a notice
    to parliament; downloadable as the partnership report is."""
    if not may_report(request.user):
        raise PermissionDenied
    form = AnnualReportForm(request.GET if "year" in request.GET else {"year": last_year()})
    report = notice = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        scope = owner_scope(request.user)
        owners = () if scope == ALL_OWNERS else tuple(Owner.objects.filter(pk=scope))
        query = year_query(year, owners=owners, internal=True)
        notice = annual_notice(year, owners=owners)
        name = f"annual-report-{year}"
        if request.GET.get("format") == "xlsx":  # everything, whatever the size
            reply = spreadsheet.response(build_report(query, edition=SPREADSHEET))
            reply["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return reply
        report = build_report(query)
        if request.GET.get("format") == "pdf":
            reply = HttpResponse(
                document.pdf(
                    report,
                    language=translation.get_language(),
                    preamble=[notice["heading"], notice["text"]],
                ),
                content_type="application/pdf",
            )
            reply["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
            return reply
    return TemplateResponse(
        request,
        "reports/annual_report.html",
        {
            "form": form,
            "report": report,
            "notice": notice,
            "office": document.office_name() if report else "",
            "charts": matrix_charts(report.matrix, title_id="report-matrix-caption")
            if report
            else [],
            "query_string": f"year={report.query.date_from.year}" if report else "",
            "city_query": None,  # an overview's cities are not links here: the year is fixed
            "question": text.question(report.query) if report else [],
            "summary": [
                (label, report.summary[key]) for key, label in text.summary_labels().items()
            ]
            if report
            else [],
        },
    )
