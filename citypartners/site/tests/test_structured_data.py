"""schema.org JSON-LD: the office on the home page, activities as Events, partner cities."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.site.models import ActivityIndexPage, PartnerCityPage

pytestmark = pytest.mark.django_db


def _jsonld(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


def _activity_url(activity, language="en") -> str:
    index = ActivityIndexPage.objects.live().get(locale__language_code=language)
    return index.url + index.reverse_subpage("detail", args=[activity.slug])


def test_the_home_page_describes_the_office_as_a_government_organization(client):
    (office,) = _jsonld(client, "/en/")
    assert office["@context"] == "https://schema.org"
    assert office["@type"] == "GovernmentOrganization"
    assert office["url"] == "http://testserver/en/"
    assert office["address"]["streetAddress"] == "Jüdenstraße 1"
    assert office["address"]["addressCountry"] == "DE"
    assert office["telephone"] == "+49 30 9026-0"


def test_a_scheduled_activity_with_times_is_an_event_in_its_places_time_zone(client):
    activity = ActivityFactory(
        slug="tokyo-evening",
        title_en="An evening in Tokyo",
        all_day=False,
        start_date=datetime.date(2030, 5, 4),
        start_time=datetime.time(18, 0),
        end_time=datetime.time(20, 30),
        timezone="Asia/Tokyo",
        place_en="Goethe-Institut Tokyo",
    )
    url = _activity_url(activity)
    (event,) = _jsonld(client, url)
    assert event["@type"] == "Event"
    assert event["name"] == "An evening in Tokyo"
    assert event["url"] == f"http://testserver{url}"
    assert event["startDate"] == "2030-05-04T18:00:00+09:00"
    assert event["endDate"] == "2030-05-04T20:30:00+09:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "Place", "name": "Goethe-Institut Tokyo"}
    assert event["organizer"]["@type"] == "GovernmentOrganization"
    assert "contact" not in json.dumps(event).lower()


def test_a_cancelled_activity_is_a_cancelled_event_with_its_dates(client):
    activity = ActivityFactory(
        slug="cancelled-festival",
        status=Activity.Status.CANCELLED,
        start_date=datetime.date(2030, 6, 1),
        end_date=datetime.date(2030, 6, 3),
    )
    (event,) = _jsonld(client, _activity_url(activity, "de"))
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert (event["startDate"], event["endDate"]) == ("2030-06-01", "2030-06-03")
    assert event["name"] == activity.title_de
    assert "location" not in event  # no place given


def test_a_title_cannot_close_the_script_element(client):
    activity = ActivityFactory(slug="tricky", title_en="</script><script>alert(1)</script>")
    response = client.get(_activity_url(activity))
    assert b"</script><script>alert(1)" not in response.content
    (event,) = _jsonld(client, _activity_url(activity))
    assert event["name"] == "</script><script>alert(1)</script>"


def test_a_partner_city_page_describes_its_city_and_place(client):
    page = PartnerCityPage.objects.live().filter(locale__language_code="de").first()
    city = page.partnership.city
    (data,) = _jsonld(client, page.url)
    assert data["@type"] == "City"
    assert data["name"] == city.name_de
    assert data["url"] == f"http://testserver{page.url}"
    assert data["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": float(city.latitude),
        "longitude": float(city.longitude),
    }
