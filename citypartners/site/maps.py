"""Map and timeline for the pages that list partnerships."""

from django.utils.translation import gettext as _

from citypartners.core.countries import country_name
from citypartners.core.home_city import home_city
from citypartners.geo.maps import city_map


def _label(row):
    city = row.city
    if row.since:
        return _("%(city)s, %(country)s: partner since %(year)s") % {
            "city": city.name,
            "country": country_name(city.country_code),
            "year": row.since.year,
        }
    return _("%(city)s, %(country)s") % {
        "city": city.name,
        "country": country_name(city.country_code),
    }


def partnerships_map(rows, *, link):
    """A map of the partner cities of `rows`; `link(row)` gives each point's address."""
    return city_map(
        (
            (row.city.slug, _label(row), link(row), row.city.longitude, row.city.latitude)
            for row in rows
        ),
        home=home_city().point,
    )
