"""schema.org data (JSON-LD) for search engines: the office, an activity as an Event, a
partner city as a City.

Only what the page itself shows publicly: no contact people. The JSON is escaped so that no
text can close its <script> element; a data block is not executed, so the page's CSP
(script-src 'self') does not stop it.
"""

import datetime
import json

from django.utils.safestring import SafeString, mark_safe

SCHEMA = "https://schema.org"
# The office's country: the site is a German state's or city's office.
OFFICE_COUNTRY = "DE"


def script(data: dict) -> SafeString:
    """`data` as a <script type="application/ld+json"> element, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def office(office, *, url: str) -> dict:
    """The office as a GovernmentOrganization, with the address its contact block shows."""
    data = {"@context": SCHEMA, "@type": "GovernmentOrganization", "name": str(office.name)}
    data["url"] = url
    address = {
        "streetAddress": office.street,
        "postalCode": office.postcode,
        "addressLocality": str(office.town),
    }
    address = {key: value for key, value in address.items() if value}
    if address:
        data["address"] = {"@type": "PostalAddress", **address, "addressCountry": OFFICE_COUNTRY}
    if office.phone:
        data["telephone"] = office.phone
    if office.email:
        data["email"] = office.email
    return data


def _when(activity, day: datetime.date, time: datetime.time | None) -> str:
    """A date as precisely as the activity knows it; a time with the place's offset."""
    precision = activity.date_precision
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if activity.all_day or time is None:
        return day.isoformat()
    return datetime.datetime.combine(day, time, activity.zone).isoformat()


def event(activity, *, url: str, organizer: dict) -> dict:
    """An activity as an Event: its dates, its status (cancelled or scheduled) and place."""
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": str(activity.title),
        "url": url,
        "startDate": _when(activity, activity.start_date, activity.start_time),
        "endDate": _when(activity, activity.end_date or activity.start_date, activity.end_time),
        "eventStatus": f"{SCHEMA}/"
        + ("EventCancelled" if activity.is_cancelled else "EventScheduled"),
        "organizer": {"@type": "GovernmentOrganization", "name": organizer["name"]},
    }
    if organizer.get("url"):
        data["organizer"]["url"] = organizer["url"]
    if str(activity.place):
        data["location"] = {"@type": "Place", "name": str(activity.place)}
    return data


def city(city, *, url: str) -> dict:
    """A partner city as a City with its place, when known."""
    data = {"@context": SCHEMA, "@type": "City", "name": str(city.name), "url": url}
    if city.latitude is not None and city.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.country_code:
        data["address"] = {"@type": "PostalAddress", "addressCountry": city.country_code}
    return data
