"""The office's own city comes from settings.HOME_CITY, Berlin by default."""

import zoneinfo

import pytest
from django.test import RequestFactory
from django.utils import translation

from citypartners.core.home_city import home_city
from citypartners.opendata.catalogue import dcat
from citypartners.projects.models import ProjectOrganisation

LISBON = {
    "name_de": "Lissabon",
    "name_en": "Lisbon",
    "latitude": 38.7167,
    "longitude": -9.1333,
    "time_zone": "Europe/Lisbon",
}


@pytest.fixture
def lisbon(settings):
    settings.HOME_CITY = LISBON
    return settings


def test_berlin_is_the_home_city_by_default():
    city = home_city()
    assert (city.name_de, city.name_en, city.time_zone) == ("Berlin", "Berlin", "Europe/Berlin")
    assert city.zone == zoneinfo.ZoneInfo("Europe/Berlin")


def test_another_city_is_named_in_the_active_language_and_keeps_its_time_zone(lisbon):
    with translation.override("de"):
        assert home_city().name == "Lissabon"
    with translation.override("en"):
        assert str(home_city()) == "Lisbon"
    assert home_city().zone == zoneinfo.ZoneInfo("Europe/Lisbon")
    assert home_city().point == (-9.1333, 38.7167)


def test_the_home_side_of_a_project_is_labelled_with_the_home_city(lisbon):
    field = ProjectOrganisation._meta.get_field("side")
    with translation.override("de"):
        assert dict(field.choices)["home"] == "Lissabon"
    with translation.override("en"):
        assert ProjectOrganisation(side="home").get_side_display() == "Lisbon"


@pytest.mark.django_db
def test_the_open_data_catalogue_names_the_home_city(lisbon):
    catalogue = dcat(RequestFactory().get("/opendata/catalog.jsonld"))
    titles = {t["@language"]: t["@value"] for t in catalogue["dct:title"]}
    assert titles == {
        "de": "Städtepartnerschaften von Lissabon – offene Daten",
        "en": "City partnerships of Lisbon – open data",
    }
    # Berlin's geocoding is not carried over to another city.
    assert all("dct:spatial" not in d for d in catalogue["dcat:dataset"])


@pytest.mark.django_db
def test_berlins_catalogue_keeps_its_geocoding():
    catalogue = dcat(RequestFactory().get("/opendata/catalog.jsonld"))
    assert catalogue["dct:title"][1]["@value"] == "City partnerships of Berlin – open data"
    assert {d["dct:spatial"]["@id"] for d in catalogue["dcat:dataset"]} == {
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/11"
    }
