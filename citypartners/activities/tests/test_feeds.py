"""iCalendar parsed back with the icalendar library; Atom parsed as XML."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from citypartners.activities import selectors
from citypartners.activities.models import Activity

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return [c for c in calendar.walk("VEVENT")]


def _in_window(queryset):
    """The public activities a feed carries (the past year and what is to come)."""
    since = timezone.now() - datetime.timedelta(days=selectors.FEED_PAST_DAYS)
    return queryset.filter(live=True, is_public=True, ends_at__gt=since).distinct()


def test_all_activities_feed_is_valid_and_holds_its_window(client):
    calendar = _calendar(client, "/en/feeds/activities.ics")
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = _events(calendar)
    assert len(events) == _in_window(Activity.objects.all()).count() > 0
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event, (prop, event.get("SUMMARY"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))


def test_uids_are_stable_and_times_carry_their_zone(client):
    tokyo = ActivityFactory(
        all_day=False,
        timezone="Asia/Tokyo",
        start_date=datetime.date(2030, 5, 4),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
    )
    first = _events(_calendar(client, f"/en/feeds/activity/{tokyo.slug}.ics"))[0]
    tokyo.title_en = "Example: renamed"
    tokyo.save()
    second = _events(_calendar(client, f"/en/feeds/activity/{tokyo.slug}.ics"))[0]
    assert first["UID"] == second["UID"] == f"activity-{tokyo.pk}@citypartners.invalid"
    assert str(second["SUMMARY"]) == "Example: renamed"
    start = second.decoded("DTSTART")
    assert start == datetime.datetime(2030, 5, 4, 10, 0, tzinfo=start.tzinfo)
    assert second["DTSTART"].params["TZID"] == "Asia/Tokyo"
    calendar = _calendar(client, f"/en/feeds/activity/{tokyo.slug}.ics")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]


def test_date_only_activity_has_dates_with_an_exclusive_end(client):
    activity = ActivityFactory(
        start_date=datetime.date(2030, 5, 4), end_date=datetime.date(2030, 5, 6)
    )
    event = _events(_calendar(client, f"/de/feeds/activity/{activity.slug}.ics"))[0]
    assert event.decoded("DTSTART") == datetime.date(2030, 5, 4)
    assert event.decoded("DTEND") == datetime.date(2030, 5, 7)
    assert str(event["SUMMARY"]).startswith("Beispiel:")


def test_cancelled_activities_are_marked_cancelled(client):
    activity = ActivityFactory(status="cancelled")
    event = _events(_calendar(client, f"/en/feeds/activity/{activity.slug}.ics"))[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_city_and_focus_feeds_hold_only_their_activities(client):
    ActivityFactory(start_date=timezone.localdate() + datetime.timedelta(days=3))
    warsaw = _events(_calendar(client, "/en/feeds/city/warsaw.ics"))
    expected = _in_window(Activity.objects.filter(partnerships__city__slug="warsaw"))
    assert len(warsaw) == expected.count() > 0
    culture = _events(_calendar(client, "/en/feeds/focus/culture.ics"))
    assert len(culture) == _in_window(Activity.objects.filter(focus_areas__slug="culture")).count()
    assert client.get("/en/feeds/city/atlantis.ics").status_code == 404


def test_drafts_and_internal_activities_are_in_no_feed(client):
    draft = ActivityFactory(live=False, title_en="Example: secret draft")
    internal = ActivityFactory(is_public=False, title_en="Example: internal meeting")
    for url in (
        "/en/feeds/activities.ics",
        "/en/feeds/city/warsaw.ics",
        "/en/feeds/activities.atom",
    ):
        body = client.get(url).content.decode()
        assert draft.title_en not in body and internal.title_en not in body
    assert client.get(f"/en/feeds/activity/{draft.slug}.ics").status_code == 404


def test_atom_feed_lists_newly_published_activities(client):
    response = client.get("/en/feeds/activities.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    for entry in entries:
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}id").text.startswith("http://testserver/en/activities/")
        assert entry.find(f"{ATOM}updated").text
    german = ET.fromstring(client.get("/de/feeds/activities.atom").content)
    assert german.find(f"{ATOM}entry/{ATOM}id").text.startswith(
        "http://testserver/de/aktivitaeten/"
    )


def test_calendar_lines_follow_rfc_5545(client):
    body = client.get("/de/feeds/activities.ics").content
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in body.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in lines)  # long lines are folded


def test_filtered_list_advertises_the_feeds_of_its_city_and_focus_area(client):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        client.get("/en/activities/", {"city": "tokyo", "focus": "climate"}).content.decode(),
        "html.parser",
    )
    feeds = {link["href"] for link in soup.head.find_all("link", type="text/calendar")}
    assert {"/en/feeds/city/tokyo.ics", "/en/feeds/focus/climate.ics"} <= feeds


def test_a_feed_carries_the_past_year_and_the_nearest_to_come_however_long_the_history(
    client, monkeypatch
):
    monkeypatch.setattr(selectors, "FEED_UPCOMING", 2)
    monkeypatch.setattr(selectors, "FEED_PAST", 1)
    today = timezone.localdate()
    Activity.objects.all().delete()

    def made(days, title):
        return ActivityFactory(start_date=today + datetime.timedelta(days=days), title_en=title)

    made(-800, "Example: two years ago")
    made(-200, "Example: half a year ago")
    made(-100, "Example: three months ago")
    made(10, "Example: soon")
    made(20, "Example: later")
    made(30, "Example: latest")

    for url in ("/en/feeds/activities.ics", "/en/feeds/city/warsaw.ics"):
        calendar = _calendar(client, url)
        titles = [str(event["SUMMARY"]) for event in _events(calendar)]
        assert titles == ["Example: three months ago", "Example: soon", "Example: later"], url
        assert "next 2 to come" in str(calendar["X-WR-CALDESC"])
    german = _calendar(client, "/de/feeds/activities.ics")
    assert "Alle Aktivitäten seit Beginn" in str(german["X-WR-CALDESC"])
    # One activity's own calendar has no window.
    old = Activity.objects.get(title_en="Example: two years ago")
    assert len(_events(_calendar(client, f"/en/feeds/activity/{old.slug}.ics"))) == 1


def test_a_long_description_is_shortened_in_the_feed(client):
    activity = ActivityFactory(
        start_date=timezone.localdate() + datetime.timedelta(days=5),
        description_en="<p>" + "word " * 1000 + "</p>",
    )
    event = _events(_calendar(client, f"/en/feeds/activity/{activity.slug}.ics"))[0]
    text = str(event["DESCRIPTION"])
    assert len(text) <= 1000 and text.endswith("…")
