"""The OpenAPI description is built once per process, not on every request."""

from unittest import mock

import ninja.main
import pytest

from citypartners.opendata.api import api

pytestmark = pytest.mark.django_db


def test_the_openapi_description_is_built_once_and_answers_the_same(client):
    api.__dict__.pop("_openapi_schemas", None)
    with mock.patch("ninja.main.get_schema", wraps=ninja.main.get_schema) as built:
        first = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="de")
        second = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert built.call_count == 1
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert "/api/v1/activities/" in first.json()["paths"]
