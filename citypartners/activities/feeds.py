"""iCalendar (RFC 5545) and Atom output of activities."""

from functools import cache
from html import unescape

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone

from .models import Activity

PRODID = "-//citypartners//activities//DE"


def _plain(markup: str) -> str:
    return unescape(strip_tags(markup or "")).strip()


# An event's description at most this long (the rest is on the activity's page, linked): a
# feed's size is bounded by its number of events.
DESCRIPTION_CHARS = 1000


def _shortened(text: str) -> str:
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def activity_uid(activity: Activity, host: str) -> str:
    """Stable across edits and renames: built from the primary key only."""
    return f"activity-{activity.pk}@{host}"


def _event(activity: Activity, *, host: str, url: str) -> Event:
    event = Event()
    event.add("uid", activity_uid(activity, host))
    event.add(
        "dtstamp",
        activity.last_published_at or timezone.now(),
    )
    if activity.all_day or activity.start_time is None:
        start, end = activity.compute_bounds()
        event.add("dtstart", start.date())
        event.add("dtend", end.date())  # exclusive, as RFC 5545 wants for dates
    else:
        start, end = activity.compute_bounds()
        event.add("dtstart", start)
        event.add("dtend", end if end > start else start)
    event.add("summary", activity.title)
    description = _plain(activity.description)
    if description:
        event.add("description", _shortened(description))
    if activity.place:
        event.add("location", activity.place)
    event.add("url", url)
    event.add("categories", [activity.kind.name, *[a.name for a in activity.focus_areas.all()]])
    event.add(
        "status",
        {
            Activity.Status.CANCELLED: "CANCELLED",
            Activity.Status.PLANNED: "CONFIRMED",
            Activity.Status.RUNNING: "CONFIRMED",
            Activity.Status.DONE: "CONFIRMED",
        }[activity.status],
    )
    if activity.last_published_at:
        event.add("last-modified", activity.last_published_at)
    return event


def icalendar_bytes(activities, *, name: str, host: str, url_for, description: str = "") -> bytes:
    """A calendar of `activities`; `url_for(activity)` gives each one's absolute address."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    for activity in activities:
        calendar.add_component(_event(activity, host=host, url=url_for(activity)))
    _add_missing_timezones(calendar)
    return calendar.to_ical()


@cache
def _vtimezone(tzid: str) -> Timezone | None:
    """The VTIMEZONE of a zone, built once per process (icalendar walks the zone's whole
    history for it: about 10 ms per zone, on every request of a feed)."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None  # a zone icalendar does not know is left out, as it does itself


def _add_missing_timezones(calendar: Calendar) -> None:
    """Calendar.add_missing_timezones with the zones built once; in a fixed order."""
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        zone = _vtimezone(tzid)
        if zone is not None:
            calendar.subcomponents.insert(position, zone)  # shared: only read by to_ical
            position += 1


def atom_bytes(
    activities, *, title: str, link: str, feed_url: str, language: str, url_for
) -> bytes:
    """An Atom feed of newly published activities, newest first."""
    feed = Atom1Feed(
        title=title,
        link=link,
        description="",
        language=language,
        feed_url=feed_url,
        feed_guid=feed_url,
    )
    for activity in activities:
        url = url_for(activity)
        published = activity.first_published_at or timezone.now()
        feed.add_item(
            title=activity.title,
            link=url,
            description=_plain(activity.description),
            unique_id=url,
            pubdate=published,
            updateddate=activity.last_published_at or published,
            categories=[activity.kind.name],
        )
    return feed.writeString("utf-8").encode()
