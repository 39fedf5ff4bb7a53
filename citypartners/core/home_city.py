"""The office's own city (HOME_CITY in the settings): its name, place on the map and time zone.

Everything that names or places the home city reads it here, so that another city's office
runs the product by changing one setting. Berlin is the default, never a constant elsewhere.
"""

import zoneinfo
from dataclasses import dataclass

from django.conf import settings

from .i18n import localized

BERLIN = {
    "name_de": "Berlin",
    "name_en": "Berlin",
    "latitude": 52.5244,
    "longitude": 13.4105,
    "time_zone": "Europe/Berlin",
    # DCAT-AP.de geocoding of the catalogue (dct:spatial); empty leaves it out.
    "spatial": "http://dcat-ap.de/def/politicalGeocoding/stateKey/11",
}


@dataclass(frozen=True)
class HomeCity:
    """The office's city, named in both languages."""

    name_de: str
    name_en: str
    latitude: float
    longitude: float
    time_zone: str
    spatial: str = ""

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def point(self) -> tuple[float, float]:
        """Longitude and latitude, as the map takes them."""
        return (self.longitude, self.latitude)


def home_city() -> HomeCity:
    """The home city from settings.HOME_CITY; keys left out there are Berlin's."""
    configured = getattr(settings, "HOME_CITY", {})
    # Another city's settings must not inherit Berlin's geocoding.
    defaults = BERLIN if not configured else {**BERLIN, "spatial": ""}
    return HomeCity(**{**defaults, **configured})


def home_time_zone() -> str:
    """The home city's time zone name, e.g. a field default."""
    return home_city().time_zone
