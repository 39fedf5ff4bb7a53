"""The site search: one box, results grouped into cities, activities and pages."""

from django.shortcuts import render
from wagtail.models import Locale

from citypartners.activities.models import Activity
from citypartners.core.i18n import current_language
from citypartners.core.page_cache import list_tag, tag
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Project

from .search import MAX_QUERY_LENGTH, search_everything
from .sections import borough_pages, partner_city_pages, section_page


def search(request):
    query = request.GET.get("q", "")
    locale = Locale.get_active()
    context = {"query": query, "too_long": len(query) > MAX_QUERY_LENGTH}
    if query.strip():
        # Any record or page may start (or stop) matching the query.
        tag(
            *(list_tag(m) for m in (Activity, City, Organisation, Partnership, Project)),
            list_tag("page"),
        )
        results = search_everything(query=query, language=current_language(), locale_id=locale.pk)
        # Where each partnership of each found city is shown: its city page, else its borough.
        partnerships = [p for city in results.cities for p in city.partnership_list]
        city_pages = partner_city_pages(
            locale_id=locale.pk, partnership_ids=[p.pk for p in partnerships]
        )
        boroughs = borough_pages(locale_id=locale.pk)
        for partnership in partnerships:
            page = city_pages.get(partnership.pk) or boroughs.get(partnership.owner_id)
            partnership.page_url = page.get_url(request) if page else None
        context["results"] = results
        context["activities_page"] = section_page(locale_id=locale.pk, name="ActivityIndexPage")
    return render(request, "site/search.html", context)
