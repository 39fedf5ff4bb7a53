"""The calendar (iCalendar) and Atom feeds of activities, under the language prefix; each
item links the activity's page on the site."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from citypartners.activities import feeds, selectors
from citypartners.activities.models import Activity
from citypartners.core.i18n import current_language
from citypartners.core.page_cache import list_tag, tag
from citypartners.partnerships.models import City, FocusArea

from .sections import detail_url, section_page

ATOM_ITEMS = 50


def _activities_page(request):
    """The activity section in the request's language; feeds need it for their links."""
    page = section_page(locale_id=Locale.get_active().pk, name="ActivityIndexPage")
    if page is None:
        raise Http404
    return page


def _absolute_detail_url(request, section, activity) -> str:
    return request.build_absolute_uri(detail_url(section, activity, request=request))


def _window_description() -> str:
    return _(
        "Activities of the past %(days)s days (the latest %(past)s) and the next %(upcoming)s "
        "to come. The whole history is in the open data downloads and the API."
    ) % {
        "days": selectors.FEED_PAST_DAYS,
        "past": selectors.FEED_PAST,
        "upcoming": selectors.FEED_UPCOMING,
    }


def _ical(request, activities, *, name: str, filename: str, window=True) -> HttpResponse:
    """A calendar; a feed of many activities (``window``) carries only the feed's window of
    them (activities.selectors.activities_for_feed) and says so in its description."""
    section = _activities_page(request)
    body = feeds.icalendar_bytes(
        selectors.activities_for_feed(activities) if window else activities,
        name=name,
        host=settings.ACTIVITY_UID_DOMAIN,
        url_for=lambda activity: _absolute_detail_url(request, section, activity),
        description=_window_description() if window else "",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ical_all(request):
    tag(list_tag(Activity))
    return _ical(
        request,
        selectors.activities_public(),
        name=_("Activities of the city partnerships"),
        filename="activities.ics",
    )


def ical_city(request, slug):
    city = get_object_or_404(City, slug=slug, live=True)
    tag(list_tag(Activity, city=city.pk))
    return _ical(
        request,
        selectors.activities_of_city(city_id=city.pk),
        name=_("Activities with %(city)s") % {"city": city.name},
        filename=f"{slug}.ics",
    )


def ical_focus(request, slug):
    area = get_object_or_404(FocusArea, slug=slug)
    tag(list_tag(Activity))
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
    response = _ical(request, [activity], name=activity.title, filename=f"{slug}.ics", window=False)
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


def atom(request):
    tag(list_tag(Activity))
    section = _activities_page(request)
    newest = selectors.activities_public().order_by("-first_published_at", "-pk")[:ATOM_ITEMS]
    body = feeds.atom_bytes(
        newest,
        title=_("New activities of the city partnerships"),
        link=request.build_absolute_uri(section.get_url(request)),
        feed_url=request.build_absolute_uri(reverse("feeds:atom")),
        language=current_language(),
        url_for=lambda activity: _absolute_detail_url(request, section, activity),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
