"""/healthz says the process answers; /readyz that database, migrations and cache are ready.

Both answer before any other middleware: for any host, without a session, without a language
or HTTPS redirect, and cheaply (health: no query; readiness: one once warm).
"""

import json

import pytest
from django.db import OperationalError, connection
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor

from citypartners.core import health
from citypartners.settings.environment import cache_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _migrations_not_yet_checked(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


@pytest.fixture
def production_like(settings):
    """What production adds that could redirect or refuse a probe."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["partnerschaften.example.org"]


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response and not response.cookies


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/healthz/", "/readyz/"])
def test_probes_by_plain_http_and_by_address_are_answered_not_redirected(
    client, production_like, path
):
    # A load balancer asks over HTTP, by the machine's address, without a cookie.
    response = client.get(path, HTTP_HOST="10.0.0.7")
    assert response.status_code == 200, response.get("Location")
    assert "Set-Cookie" not in response
    assert "Content-Language" not in response  # the locale middleware never saw it


def test_pages_still_redirect_to_https_in_the_same_settings(client, production_like):
    response = client.get("/de/", HTTP_HOST="partnerschaften.example.org")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_readyz_reports_every_check_and_costs_one_query_once_warm(
    client, django_assert_max_num_queries
):
    first = client.get("/readyz")
    assert first.status_code == 200
    assert json.loads(first.content) == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "cache": "ok",
    }
    with django_assert_max_num_queries(1):
        assert client.get("/readyz").status_code == 200


def test_readyz_is_503_naming_the_database_when_it_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "failing"
    assert body["database"] == "failing" and body["migrations"] == "skipped"
    assert "refused" not in response.content.decode()  # details only in the log


def test_readyz_is_503_while_a_migration_is_not_applied(client, monkeypatch):
    pending = [(Migration("0099_coming", "core"), False)]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: pending)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["migrations"] == "failing"
    assert health._migrations_applied is False  # checked again next time


def test_readyz_checks_the_migrations_only_until_they_were_complete_once(client, monkeypatch):
    assert client.get("/readyz").status_code == 200
    calls = []
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda *a: calls.append(a) or [])
    assert client.get("/readyz").status_code == 200
    assert calls == []


def test_readyz_is_503_when_the_cache_keeps_nothing(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "failing"


def test_readyz_is_503_soon_when_redis_is_unreachable(client, settings):
    settings.CACHES = cache_settings("redis://127.0.0.1:9/0")  # the discard port: refused
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "failing",
        "database": "ok",
        "migrations": "ok",
        "cache": "failing",
    }


def test_probes_take_only_get_and_head(client):
    assert client.head("/readyz").status_code == 200
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
