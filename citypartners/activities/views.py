"""Calendar (iCalendar) and Atom feeds of activities, under the language prefix."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from citypartners.core.i18n import current_language
from citypartners.partnerships.models import City, FocusArea

from . import feeds, selectors

ATOM_ITEMS = 50


def _index_url(request) -> str:
    """The activity list's address in the request's language; feeds need it for links."""
    url = selectors.activity_index_url(request=request, locale_id=Locale.get_active().pk)
    if url is None:
        raise Http404
    return url


def _detail_url(request, index_url, activity) -> str:
    return request.build_absolute_uri(f"{index_url}{activity.slug}/")


def _ical(request, activities, *, name: str, filename: str) -> HttpResponse:
    index_url = _index_url(request)
    body = feeds.icalendar_bytes(
        activities,
        name=name,
        host=settings.ACTIVITY_UID_DOMAIN,
        url_for=lambda activity: _detail_url(request, index_url, activity),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ical_all(request):
    return _ical(
        request,
        selectors.activities_public().order_by("starts_at", "pk"),
        name=_("Activities of the city partnerships"),
        filename="activities.ics",
    )


def ical_city(request, slug):
    city = get_object_or_404(City, slug=slug)
    return _ical(
        request,
        selectors.activities_of_city(city_id=city.pk).order_by("starts_at", "pk"),
        name=_("Activities with %(city)s") % {"city": city.name},
        filename=f"{slug}.ics",
    )


def ical_focus(request, slug):
    area = get_object_or_404(FocusArea, slug=slug)
    return _ical(
        request,
        selectors.activities_filtered(focus_area=area),
        name=_("Activities: %(area)s") % {"area": area.name},
        filename=f"{slug}.ics",
    )


def ical_one(request, slug):
    activity = selectors.activities_public().filter(slug=slug).first()
    if activity is None:
        raise Http404
    response = _ical(request, [activity], name=activity.title, filename=f"{slug}.ics")
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


def atom(request):
    index_url = _index_url(request)
    newest = selectors.activities_public().order_by("-first_published_at", "-pk")[:ATOM_ITEMS]
    body = feeds.atom_bytes(
        newest,
        title=_("New activities of the city partnerships"),
        link=request.build_absolute_uri(index_url),
        feed_url=request.build_absolute_uri(reverse("activities:atom")),
        language=current_language(),
        url_for=lambda activity: _detail_url(request, index_url, activity),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
