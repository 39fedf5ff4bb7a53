"""The office's own city: its name, place on the map and time zone.

Everything that names or places the home city reads it here. An office sets it in its office
settings (``manage.py setup_site`` or the back office); where those leave it empty,
settings.HOME_CITY holds it, and keys left out there are Berlin's (the demo's city), never a
constant elsewhere.

The office settings' values are cached for a few minutes (one query per process, not one per
label); saving the settings forgets them at once in this process (see CoreConfig.ready).
Django's TIME_ZONE, the time of the back office's inputs, stays a setting.
"""

import logging
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

from .i18n import localized
from .models import OfficeSettings

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


logger = logging.getLogger(__name__)

CACHE_KEY = "citypartners.core.home_city"
CACHE_SECONDS = 300


def _cache(operation, *args):
    """The shared cache, or None where it cannot be reached (Redis down, or not yet started
    when Django's checks read the labels that name the home city): the database answers."""
    try:
        return getattr(cache, operation)(*args)
    except Exception:  # noqa: BLE001 - any backend's connection error
        logger.warning("home city: the cache is unreachable; read from the database")
        return None


def stored_home_city() -> dict | None:
    """The home city set in the default site's office settings, or None (cached)."""
    stored = _cache("get", CACHE_KEY)
    if stored is None:
        try:
            row = (
                OfficeSettings.objects.filter(site__is_default_site=True)
                .values(*OfficeSettings.HOME_CITY_FIELDS)
                .first()
            )
        except DatabaseError:
            # Before `migrate` has made the table: Django's checks read the labels that name
            # the home city. Inside a transaction the error must not be swallowed.
            if connection.in_atomic_block:
                raise
            return None
        stored = {}
        if row and row["home_city_name_en"] and row["home_city_time_zone"]:
            stored = {name.removeprefix("home_city_"): value for name, value in row.items()}
        _cache("set", CACHE_KEY, stored, CACHE_SECONDS)
    return stored or None


def home_city_forget(instance=None, created=False, **kwargs):
    """Read the office settings again on the next call (a signal receiver).

    Settings made for a new site without a home city (Wagtail makes them on a site's first
    request) change nothing, so the cache stays."""
    if created and instance is not None and not instance.home_city_name_en:
        return
    _cache("delete", CACHE_KEY)


def home_city() -> HomeCity:
    """The home city from the office settings, else from settings.HOME_CITY (keys left out
    there are Berlin's)."""
    stored = stored_home_city()
    if stored is not None:
        return HomeCity(**stored)
    configured = getattr(settings, "HOME_CITY", {})
    # Another city's settings must not inherit Berlin's geocoding.
    defaults = BERLIN if not configured else {**BERLIN, "spatial": ""}
    return HomeCity(**{**defaults, **configured})


def home_time_zone() -> str:
    """The home city's time zone name, e.g. a field default."""
    return home_city().time_zone
