"""A machine-readable catalogue entry (DCAT-AP.de, as JSON-LD) for each dataset."""

from django.conf import settings
from django.urls import reverse

from citypartners.core.home_city import home_city

DATASETS = [
    (
        "cities",
        "Partnerstädte",
        "Partner cities",
        "Städte mit Namen, Land, Koordinaten und Kennungen.",
        "Cities with names, country, coordinates and identifiers.",
    ),
    (
        "partnerships",
        "Städtepartnerschaften",
        "City partnerships",
        "Partnerschaften des Landes und der Bezirke mit Beginn und Status.",
        "Partnerships of the state and the boroughs with their beginning and status.",
    ),
    (
        "activities",
        "Aktivitäten und Termine",
        "Activities and events",
        "Veröffentlichte Aktivitäten der Partnerschaften.",
        "Published activities of the partnerships.",
    ),
    (
        "projects",
        "Projekte",
        "Projects",
        "Projekte der Partnerschaften mit beteiligten Einrichtungen.",
        "Projects of the partnerships with the institutions taking part.",
    ),
    (
        "organisations",
        "Einrichtungen",
        "Institutions",
        "Einrichtungen, über die die Partnerschaften arbeiten.",
        "Institutions through which the partnerships work.",
    ),
]
FORMATS = {
    "csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "text/csv"),
    "json": ("http://publications.europa.eu/resource/authority/file-type/JSON", "application/json"),
    "geojson": (
        "http://publications.europa.eu/resource/authority/file-type/GEOJSON",
        "application/geo+json",
    ),
    "ics": ("http://publications.europa.eu/resource/authority/file-type/ICAL", "text/calendar"),
}


def _distribution(url, kind, title):
    file_type, media = FORMATS[kind]
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": file_type},
        "dcat:mediaType": media,
        "dct:license": {"@id": settings.OPEN_DATA_LICENCE["uri"]},
    }


def dcat(request):
    base = request.build_absolute_uri("/").rstrip("/")
    licence = settings.OPEN_DATA_LICENCE
    publisher = {"@type": "foaf:Organization", "foaf:name": settings.OPEN_DATA_PUBLISHER}
    city = home_city()
    datasets = []
    for entity, title_de, title_en, text_de, text_en in DATASETS:
        distributions = [
            _distribution(
                base + reverse("opendata_csv", args=[entity]), "csv", f"{title_en} (CSV)"
            ),
            _distribution(f"{base}/api/v1/{entity}/", "json", f"{title_en} (JSON API)"),
        ]
        if entity == "cities":
            distributions.append(
                _distribution(
                    base + reverse("opendata_geojson"), "geojson", "Partner cities (GeoJSON)"
                )
            )
        if entity == "activities":
            distributions.append(
                _distribution(f"{base}/de/feeds/activities.ics", "ics", "Activities (iCalendar)")
            )
        datasets.append(
            {
                "@id": f"{base}/opendata/datasets/{entity}",
                "@type": "dcat:Dataset",
                "dct:identifier": f"citypartners-{entity}",
                "dct:title": [
                    {"@value": title_de, "@language": "de"},
                    {"@value": title_en, "@language": "en"},
                ],
                "dct:description": [
                    {"@value": text_de, "@language": "de"},
                    {"@value": text_en, "@language": "en"},
                ],
                "dct:publisher": publisher,
                "dct:license": {"@id": licence["uri"]},
                "dcatde:licenseAttributionByText": settings.OPEN_DATA_PUBLISHER,
                "dct:language": [
                    {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
                    {"@id": "http://publications.europa.eu/resource/authority/language/ENG"},
                ],
                "dcat:theme": {
                    "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE"
                },
                "dcat:distribution": distributions,
            }
        )
        if city.spatial:
            datasets[-1]["dct:spatial"] = {"@id": city.spatial}
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
        },
        "@id": f"{base}/opendata/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [
            {
                "@value": f"Städtepartnerschaften von {city.name_de} – offene Daten",
                "@language": "de",
            },
            {"@value": f"City partnerships of {city.name_en} – open data", "@language": "en"},
        ],
        "dct:publisher": publisher,
        "dct:license": {"@id": licence["uri"]},
        "dcat:dataset": datasets,
    }
