"""The API against its own OpenAPI description: schemathesis generates requests from it
(bounded: a fixed number of examples per operation) and checks every response; and a client
that knows nothing but the description fetches every partnership and activity."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership

EXAMPLES = 25


@pytest.fixture
def _keep_the_test_connection():
    """Like Django's test client: requests must not close the test's database connection
    (on PostgreSQL, Django would close it because the test runs inside a transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("_keep_the_test_connection")
def test_every_operation_keeps_to_its_description():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures, calls = [], []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,  # the same requests on every run
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            calls.append(case)
            if (case.query or {}).get("cursor") is None:
                case.call_and_validate()
                return
            # A cursor is opaque: only a `next` link gives one (the walk below follows them),
            # so a generated one may be refused, but only as a 400 with a message.
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            assert response.status_code in (200, 400), response.status_code
            if response.status_code == 400:
                assert response.json()["detail"].startswith(("cursor:", "offset:"))

        try:
            check()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {error}")
    print(f"schemathesis: {len(operations)} operations, {len(calls)} requests")
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db
def test_a_client_with_only_the_description_fetches_everything(client):
    description = client.get("/api/v1/openapi.json").json()

    def list_path(tag):
        for path, operations in description["paths"].items():
            operation = operations.get("get", {})
            names = {p["name"] for p in operation.get("parameters", [])}
            if tag in operation.get("tags", []) and {"limit", "offset"} <= names:
                return path, operation
        raise AssertionError(f"no list operation for {tag}")

    fetched = {}
    for tag in ("partnerships", "activities"):
        path, operation = list_path(tag)
        page_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in page_schema  # the page shape is described, results included
        limit = next(p for p in operation["parameters"] if p["name"] == "limit")
        url, params = path, {"limit": limit["schema"]["maximum"]}
        rows = []
        while url:
            page = client.get(url, params).json()
            rows += page["results"]
            url, params = page["next"], {}
        fetched[tag] = rows
    assert {r["id"] for r in fetched["partnerships"]} == set(
        Partnership.objects.values_list("pk", flat=True)
    )
    assert {r["slug"] for r in fetched["activities"]} == set(
        Activity.objects.filter(live=True, is_public=True).values_list("slug", flat=True)
    )
    # Neither list may be empty, or the comparisons above would prove nothing.
    assert fetched["partnerships"] and fetched["activities"]
    assert description["openapi"].startswith("3.") and description["info"]["title"]
