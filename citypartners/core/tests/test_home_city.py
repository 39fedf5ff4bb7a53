"""The office's own city comes from the office settings, else from settings.HOME_CITY (Berlin
by default). Both are read from the database, so every test here uses it."""

import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from citypartners.core.home_city import home_city
from citypartners.core.models import OfficeSettings
from citypartners.opendata.catalogue import dcat
from citypartners.projects.models import ProjectOrganisation

LISBON = {
    "name_de": "Lissabon",
    "name_en": "Lisbon",
    "latitude": 38.7167,
    "longitude": -9.1333,
    "time_zone": "Europe/Lisbon",
}

pytestmark = pytest.mark.django_db


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


def test_the_open_data_catalogue_names_the_home_city(lisbon):
    catalogue = dcat(RequestFactory().get("/opendata/catalog.jsonld"))
    titles = {t["@language"]: t["@value"] for t in catalogue["dct:title"]}
    assert titles == {
        "de": "Städtepartnerschaften von Lissabon – offene Daten",
        "en": "City partnerships of Lisbon – open data",
    }
    # Berlin's geocoding is not carried over to another city.
    assert all("dct:spatial" not in d for d in catalogue["dcat:dataset"])


def test_berlins_catalogue_keeps_its_geocoding():
    catalogue = dcat(RequestFactory().get("/opendata/catalog.jsonld"))
    assert catalogue["dct:title"][1]["@value"] == "City partnerships of Berlin – open data"
    assert {d["dct:spatial"]["@id"] for d in catalogue["dcat:dataset"]} == {
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/11"
    }


def _office_in_porto():
    office = OfficeSettings.objects.get()
    office.home_city_name_de = "Porto"
    office.home_city_name_en = "Oporto"
    office.home_city_latitude = 41.1496
    office.home_city_longitude = -8.611
    office.home_city_time_zone = "Europe/Lisbon"
    office.full_clean()
    office.save()


def test_the_office_settings_home_city_wins_over_the_setting_and_shows_at_once(lisbon):
    assert home_city().name_en == "Lisbon"  # read once: now cached
    _office_in_porto()
    city = home_city()
    assert (city.name_de, city.name_en, city.time_zone) == ("Porto", "Oporto", "Europe/Lisbon")
    assert city.point == (-8.611, 41.1496)
    assert city.spatial == ""  # no other city's geocoding


def test_the_home_city_is_read_once_then_from_the_cache(django_assert_num_queries):
    with django_assert_num_queries(1):
        home_city()
        home_city()


def test_a_home_city_needs_all_its_fields_or_none():
    office = OfficeSettings.objects.get()
    office.home_city_name_en = "Oporto"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        office.full_clean()
    with translation.override("en"):  # the message is translated when it is read
        assert "or none" in str(error.value)
    office.home_city_name_en = ""
    office.full_clean()
    _office_in_porto()
    office = OfficeSettings.objects.get()
    office.home_city_time_zone = "Europe/Atlantis"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        office.full_clean()
    with translation.override("en"):
        assert error.value.message_dict == {
            "home_city_time_zone": [
                "“Europe/Atlantis” is not a time zone name such as Europe/Lisbon."
            ]
        }
