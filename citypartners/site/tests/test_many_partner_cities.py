"""Above MAX_LISTED_CITIES partner cities, the public forms ask for the city by name instead of
listing thousands of them (a country's installation): the filters and the proposal form."""

import pytest
from bs4 import BeautifulSoup

from citypartners.partnerships import fields
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.tests.factories import CityFactory, OwnerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(monkeypatch):
    monkeypatch.setattr(fields, "MAX_LISTED_CITIES", 3)


def _soup(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".activity-list h3 a, .activity-list a")]


def test_the_filter_asks_for_a_name_and_finds_the_city_in_either_language(client, many):
    soup = _soup(client, "/de/aktivitaeten/")
    field = soup.find(attrs={"name": "city"})
    assert field.name == "input" and field["type"] == "text"
    assert soup.find("label", attrs={"for": field["id"]})
    assert not soup.select("select[name=city] option")
    by_slug = _soup(client, "/de/aktivitaeten/", city="warsaw", period="all")
    by_german = _soup(client, "/de/aktivitaeten/", city="warschau", period="all")
    by_english = _soup(client, "/en/activities/", city="Warsaw", period="all")
    assert _titles(by_slug) and _titles(by_slug) == _titles(by_german)
    assert len(_titles(by_english)) == len(_titles(by_slug))
    unknown = _soup(client, "/en/activities/", city="Atlantis")
    assert "There is no partner city with this name." in unknown.get_text()


def test_a_name_two_cities_share_asks_for_the_country(client, many):
    texas = CityFactory(name_de="Paris", name_en="Paris", slug="paris-texas", country_code="US")
    PartnershipFactory(owner=OwnerFactory(), city=texas)
    ambiguous = _soup(client, "/en/activities/", city="Paris")
    assert "Several partner cities have this name: Paris (FR), Paris (US)" in ambiguous.get_text()
    german = _soup(client, "/de/aktivitaeten/", city="Paris")
    assert "Mehrere Partnerstädte haben diesen Namen" in german.get_text()
    chosen = _soup(client, "/en/activities/", city="Paris (FR)", period="all")
    assert "Several partner cities" not in chosen.get_text()
    assert Partnership.objects.filter(city__slug="paris").exists()


def test_below_the_limit_the_cities_are_a_list(client):
    soup = _soup(client, "/de/aktivitaeten/")
    assert len(soup.select("select[name=city] option")) > 3


def test_the_proposal_form_and_the_finder_take_a_name_too(client, many):
    soup = _soup(client, "/en/get-involved/")
    assert {field.name for field in soup.find_all(attrs={"name": "city"})} == {"input"}
    found = _soup(client, "/en/get-involved/", city="Tokyo")
    assert "There is no partner city with this name." not in found.get_text()
