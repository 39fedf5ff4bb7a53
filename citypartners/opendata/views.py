"""The Open data page, the API documentation page and the downloads."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from citypartners.activities.models import Activity
from citypartners.core.page_cache import list_tag, tag
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City, Partnership
from citypartners.partnerships.selectors import partnerships_public
from citypartners.projects.models import Project

from . import catalogue, tables
from .api import api

DOWNLOADS = ("cities", "partnerships", "activities", "projects", "organisations")
# The records each download lists (for the page cache's purge).
LISTED = {
    "cities": (City, Partnership),
    "partnerships": (Partnership,),
    "activities": (Activity,),
    "projects": (Project,),
    "organisations": (Organisation,),
}


def _tag_everything():
    """The catalogue (and the page showing it) dates every data set: any record changes it."""
    tag(*(list_tag(model) for models in LISTED.values() for model in models))


@require_GET
def download_csv(request, entity):
    tag(*(list_tag(model) for model in LISTED[entity]))
    # Streamed a chunk at a time (constant memory whatever the table's size); so it is kept
    # in no cache (core.page_cache stores only whole answers).
    response = StreamingHttpResponse(
        tables.csv_chunks(entity), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="citypartners-{entity}.csv"'
    return response


def _feature(city) -> dict:
    return {
        "type": "Feature",
        "id": city.slug,
        "geometry": {
            "type": "Point",
            "coordinates": [float(city.longitude), float(city.latitude)],
        },
        "properties": {
            "slug": city.slug,
            "name_de": city.name_de,
            "name_en": city.name_en,
            "country_code": city.country_code,
            "geonames_id": city.geonames_id,
            "partnerships": [],
        },
    }


def geojson_features():
    """The partner cities as GeoJSON points, each with its partnerships, one at a time: the
    partnerships are read in city order a chunk at a time (tables.CHUNK), so that memory
    stays the same whatever the number of cities."""
    feature = None
    rows = (
        partnerships_public()
        .filter(city__latitude__isnull=False, city__longitude__isnull=False)
        .order_by("city__slug", "owner__slug", "pk")
    )
    for p in rows.iterator(chunk_size=tables.CHUNK):
        if feature is None or feature["id"] != p.city.slug:
            if feature is not None:
                yield feature
            feature = _feature(p.city)
        feature["properties"]["partnerships"].append(
            {
                "owner": p.owner.slug,
                "kind": p.kind,
                "since": p.since.isoformat() if p.since else None,
                "status": p.current_status,
            }
        )
    if feature is not None:
        yield feature


def _geojson_texts():
    yield '{"type": "FeatureCollection", "features": ['
    for n, feature in enumerate(geojson_features()):
        yield ("" if n == 0 else ", ") + json.dumps(feature, cls=DjangoJSONEncoder)
    yield "]}"


def geojson_chunks():
    """The FeatureCollection as UTF-8 byte chunks (tables.pieces)."""
    return tables.pieces(_geojson_texts())


@require_GET
def download_geojson(request):
    tag(list_tag(City), list_tag(Partnership))
    # Streamed as the CSV files are (constant memory); the front cache keeps it.
    response = StreamingHttpResponse(geojson_chunks(), content_type="application/geo+json")
    response["Content-Disposition"] = 'attachment; filename="citypartners-partner-cities.geojson"'
    return response


@require_GET
def download_catalogue(request):
    _tag_everything()
    return JsonResponse(
        catalogue.dcat(request),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False},
    )


def open_data(request):
    _tag_everything()
    return render(
        request,
        "opendata/open_data.html",
        {
            "downloads": [(entity, reverse("opendata_csv", args=[entity])) for entity in DOWNLOADS],
            "geojson_url": reverse("opendata_geojson"),
            "catalogue_url": reverse("opendata_catalogue"),
            "catalogue_json": json.dumps(catalogue.dcat(request), ensure_ascii=False),
            "licence": settings.OPEN_DATA_LICENCE,
            "publisher": settings.OPEN_DATA_PUBLISHER,
            "feeds": [
                (
                    translation.gettext("All activities"),
                    f"/{translation.get_language()}/feeds/activities.ics",
                ),
            ],
        },
    )


def api_docs(request):
    """Human-readable documentation, generated from the same OpenAPI description, read in
    the page's language (opendata.openapi_texts)."""
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            response = operation["responses"].get("200", {})
            ref = (
                response.get("content", {})
                .get("application/json", {})
                .get("schema", {})
                .get("$ref", "")
            )
            operations.append(
                {
                    "method": method.upper(),
                    "path": "/api/v1" + path if not path.startswith("/api/") else path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _type(p.get("schema", {})),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "returns": ref.rsplit("/", 1)[-1],
                }
            )
    shapes = [
        {
            "name": name,
            "fields": [
                {"name": field, "type": _type(spec), "description": spec.get("description", "")}
                for field, spec in body.get("properties", {}).items()
            ],
        }
        for name, body in sorted(components.items())
    ]
    return render(
        request,
        "opendata/api_docs.html",
        {"info": schema["info"], "operations": operations, "shapes": shapes},
    )


def _type(spec):
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " | ".join(_type(s) for s in spec["anyOf"])
    if "enum" in spec:
        return " | ".join(str(v) for v in spec["enum"])
    if spec.get("type") == "array":
        return translation.gettext("list of %(type)s") % {"type": _type(spec.get("items", {}))}
    kind = spec.get("type", "")
    if spec.get("format"):
        kind += f" ({spec['format']})"
    if "minimum" in spec or "maximum" in spec:
        kind += f" {spec.get('minimum', '')}–{spec.get('maximum', '')}"
    return kind
