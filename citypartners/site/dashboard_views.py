"""The whole list behind a dashboard section (site.dashboard), page by page: the same
selector, the same columns and the same number as on the dashboard."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from .dashboard import SECTION_PAGE_ROWS, dashboard_section


def section_list(request, key: str):
    # The count comes first: the page asked for is only known to exist once it is known.
    first = dashboard_section(request, key, offset=0, limit=SECTION_PAGE_ROWS)
    if first is None:
        raise Http404
    page = Paginator(range(first.count), SECTION_PAGE_ROWS).get_page(request.GET.get("p"))
    offset = page.start_index() - 1 if first.count else 0
    section = (
        first
        if offset == 0
        else dashboard_section(request, key, offset=offset, limit=SECTION_PAGE_ROWS)
    )
    return TemplateResponse(
        request,
        "site/dashboard/section_list.html",
        {"section": section, "page": page},
    )
