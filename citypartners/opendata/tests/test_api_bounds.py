"""Numbers no database holds, in every integer parameter the OpenAPI document describes: a
400 with a message naming the parameter, never a 500. Generated from the document, so an
operation or parameter added later is covered too."""

import pytest
from django.core.cache import cache

from citypartners.opendata.api import MAX_OFFSET

pytestmark = pytest.mark.django_db

HUGE = [2**63, 2**64, 10**30]


@pytest.fixture(autouse=True)
def _no_throttle_memory():
    cache.clear()


def _integer_parameters(client):
    """(path template, parameter name, where) for every integer parameter of a GET."""
    description = client.get("/api/v1/openapi.json").json()
    found = []
    for template, operations in description["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            schema = parameter.get("schema", {})
            if schema.get("type") == "integer":
                found.append((template, parameter["name"], parameter["in"]))
    return found


def _url(template, name, value):
    url = template
    for part in template.split("{")[1:]:
        placeholder = part.split("}")[0]
        url = url.replace("{" + placeholder + "}", str(value if placeholder == name else 1))
    return url


def test_the_lists_page_with_offset_and_limit(client):
    found = {(template, name) for template, name, _where in _integer_parameters(client)}
    for name in ["cities", "partnerships", "activities", "projects", "organisations"]:
        assert (f"/api/v1/{name}/", "offset") in found
        assert (f"/api/v1/{name}/", "limit") in found


def test_every_integer_parameter_beyond_any_database_integer_is_a_400(client):
    parameters = _integer_parameters(client)
    assert parameters
    for template, name, where in parameters:
        for value in HUGE:
            if where == "path":
                response = client.get(_url(template, name, value))
            else:
                response = client.get(_url(template, None, 1), {name: value})
            assert response.status_code == 400, (template, name, value, response.content)
            assert name in response.json()["detail"], (template, name, value)


def test_the_largest_offset_allowed_answers_an_empty_page(client):

    page = client.get("/api/v1/cities/", {"offset": MAX_OFFSET}).json()
    assert page["results"] == [] and page["next"] is None and page["offset"] == MAX_OFFSET
