"""iCalendar parsed back with the icalendar library; Atom parsed as XML."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

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


def test_all_activities_feed_is_valid_and_complete(client):
    calendar = _calendar(client, "/en/feeds/activities.ics")
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = _events(calendar)
    assert len(events) == Activity.objects.filter(live=True, is_public=True).count()
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
    warsaw = _events(_calendar(client, "/en/feeds/city/warsaw.ics"))
    expected = Activity.objects.filter(
        live=True, is_public=True, partnerships__city__slug="warsaw"
    ).distinct()
    assert len(warsaw) == expected.count() > 0
    culture = _events(_calendar(client, "/en/feeds/focus/culture.ics"))
    assert (
        len(culture)
        == Activity.objects.filter(live=True, is_public=True, focus_areas__slug="culture").count()
        > 0
    )
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
