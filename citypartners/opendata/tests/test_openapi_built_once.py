"""The OpenAPI description is built once per process, not on every request, and served in
the language asked for at the same address (needs the compiled German catalogue)."""

from unittest import mock

import ninja.main
import pytest
from django.utils import translation

from citypartners.opendata.api import MAX_OFFSET, api

pytestmark = pytest.mark.django_db


def _parameter(document, path, name):
    operation = document["paths"][path]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)


def test_the_openapi_description_is_built_once_and_answers_in_each_language(client):
    api.__dict__.pop("_openapi_schemas", None)
    with mock.patch("ninja.main.get_schema", wraps=ninja.main.get_schema) as built:
        first = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="de")
        second = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
        again = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="de")
    assert built.call_count == 1
    assert first.status_code == second.status_code == 200
    assert first.content == again.content
    assert "/api/v1/activities/" in first.json()["paths"]


def test_the_openapi_document_speaks_german_when_asked_and_keeps_its_names(client):
    german = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="de")
    english = client.get("/api/v1/openapi.json?lang=en", HTTP_ACCEPT_LANGUAGE="de")
    assert german["Content-Language"] == "de" and english["Content-Language"] == "en"
    de, en = german.json(), english.json()
    operation = "/api/v1/activities/"
    assert en["paths"][operation]["get"]["summary"] == "List activities"
    assert de["paths"][operation]["get"]["summary"] == "Aktivitäten auflisten"
    assert _parameter(en, operation, "limit")["description"] == "Records per page"
    assert _parameter(de, operation, "limit")["description"] == "Datensätze pro Seite"
    assert en["info"]["description"].startswith("Partner cities, partnerships")
    assert de["info"]["description"].startswith("Partnerstädte, Partnerschaften")
    # Names, paths, types and the title are the same in both.
    assert de["paths"].keys() == en["paths"].keys()
    assert de["components"]["schemas"].keys() == en["components"]["schemas"].keys()
    assert de["info"]["title"] == en["info"]["title"]


def test_the_offset_description_names_the_deepest_offset():
    with translation.override("en"):
        document = api.get_openapi_schema()
    offset = _parameter(document, "/api/v1/activities/", "offset")
    assert f"{MAX_OFFSET:,}" in offset["description"]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/de/offene-daten/api/", ["Aktivitäten auflisten", "Datensätze pro Seite", "?lang=de"]),
        ("/en/open-data/api/", ["List activities", "Records per page", "?lang=de"]),
    ],
)
def test_the_documentation_page_shows_the_operations_in_its_language(client, url, shown):
    page = client.get(url).content.decode()
    for text in shown:
        assert text in page
