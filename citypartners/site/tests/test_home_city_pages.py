"""Another city's office: maps, captions and times on the public pages name its own city."""

import datetime

import pytest
from bs4 import BeautifulSoup

from citypartners.activities.tests.factories import ActivityFactory
from citypartners.partnerships.tests.factories import CityFactory, OwnerFactory, PartnershipFactory
from citypartners.site.models import BoroughIndexPage, BoroughPage

pytestmark = pytest.mark.django_db

LISBON = {
    "name_de": "Lissabon",
    "name_en": "Lisbon",
    "latitude": 38.7167,
    "longitude": -9.1333,
    "time_zone": "Europe/Lisbon",
}


@pytest.fixture(autouse=True)
def lisbon(settings):
    settings.HOME_CITY = LISBON


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_home_map_names_the_home_city_in_its_caption_and_square(client):
    soup = _soup(client.get("/en/"))
    figure = soup.select_one("#partner-map-caption")
    assert "the square is Lisbon." in figure.get_text()
    assert soup.select_one(".city-map__home text").get_text() == "Lisbon"
    assert soup.select_one("#partner-map-title").get_text() == "Partner cities of Lisbon"
    assert "Berlin" not in soup.select_one("figure.city-map").get_text()


def test_the_german_map_names_the_home_city_in_german(client):
    soup = _soup(client.get("/de/"))
    assert soup.select_one(".city-map__home text").get_text() == "Lissabon"
    assert "Lissabon" in soup.select_one("#partner-map-caption").get_text()


def test_a_borough_map_built_from_factories_names_the_home_city(client):
    owner = OwnerFactory(name_en="Example borough", name_de="Beispielbezirk")
    PartnershipFactory(owner=owner, city=CityFactory(latitude=48.85, longitude=2.35))
    index = BoroughIndexPage.objects.live().get(locale__language_code="en")
    page = index.add_child(
        instance=BoroughPage(title="Example borough", slug="example-borough", borough=owner)
    )
    soup = _soup(client.get(page.url))
    caption = soup.select_one("#borough-map-caption").get_text()
    assert "leads to its row in the table; the square is Lisbon." in caption
    # The square sits where Lisbon is, west of the partner city in Paris.
    square = soup.select_one(".city-map__home rect")
    point = soup.select_one(".city-map__city circle")
    assert float(square["x"]) < float(point["cx"])


def test_times_are_given_in_the_home_citys_time(client):
    tokyo = ActivityFactory(
        all_day=False,
        timezone="Asia/Tokyo",
        start_date=datetime.date(2030, 5, 4),
        start_time=datetime.time(10, 0),
    )
    text = _soup(client.get(f"/en/activities/{tokyo.slug}/")).get_text(" ", strip=True)
    assert "4 May 2030, 02:00 Lisbon time (local time in Tokyo: 4 May 2030, 10:00)" in text
