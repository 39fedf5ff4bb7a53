"""Reports → Partnership report in the back office: the question as a form (GET, so that a
report can be bookmarked and sent on), the report as HTML, and its downloads."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation

from citypartners.accounts.permissions import owner_scope
from citypartners.accounts.visibility import may_see_model
from citypartners.partnerships.models import Partnership

from . import document, spreadsheet, text
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
