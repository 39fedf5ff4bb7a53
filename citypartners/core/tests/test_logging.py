"""Every log event is one JSON line on stderr with the request's id; that id is in the response;
an unhandled error leaves its traceback there (and mails ADMINS where set)."""

import io
import json
import logging
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from gunicorn.config import Config
from gunicorn.glogging import Logger, SafeAtoms

from citypartners.core.diagnostics import smoke_test_urls
from citypartners.core.logs import JsonFormatter, QuietProbesFilter

pytestmark = pytest.mark.django_db

NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines():
    """What the configured stderr handler (settings.LOGGING) writes, as parsed lines."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "stderr")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)

    def lines():
        text = buffer.getvalue()
        return [json.loads(line) for line in text.splitlines()]

    yield lines
    handler.setStream(previous)


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = "citypartners.core.tests.urls_failing"
    return Client(raise_request_exception=False)


def test_every_response_carries_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/de/")
    assert NEW_ID.fullmatch(first["X-Request-ID"]) and NEW_ID.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize("given", ["0f3c9a1e6b7d4c2a8e5f1a2b3c4d5e6f", "lb-7f1c2e9a.req:42"])
def test_a_plain_request_id_from_the_proxy_is_kept(client, given):
    assert client.get("/de/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


@pytest.mark.parametrize(
    "forged",
    [
        "a" * 65,  # too long
        "abc1234\nlevel=ERROR",  # a line break to forge a log line
        'abc1234" injected="1',
        "short",
        "<script>alert(1)</script>",
        "",
    ],
)
def test_a_forged_or_oversized_request_id_is_replaced(client, forged):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=forged)
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_an_unhandled_error_is_logged_with_its_traceback_and_request_id(failing_client, log_lines):
    response = failing_client.get("/smoke-test/error/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    errors = [line for line in log_lines() if line["logger"] == "django.request"]
    assert len(errors) == 1
    error = errors[0]
    assert error["level"] == "ERROR"
    assert error["message"] == "Internal Server Error: /smoke-test/error/"
    assert error["request_id"] == request_id
    assert error["method"] == "GET" and error["path"] == "/smoke-test/error/"
    assert error["status"] == 500
    assert error["traceback"].startswith("Traceback (most recent call last):")
    assert "SmokeTestError: Forced error for the smoke test" in error["traceback"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", error["time"])


def test_a_client_error_logged_after_the_middleware_still_names_its_request(client, log_lines):
    response = client.get("/api/v1/cities/no-such-city/")
    assert response.status_code == 404
    warnings = [line for line in log_lines() if line["logger"] == "django.request"]
    assert warnings and warnings[0]["level"] == "WARNING"
    assert warnings[0]["request_id"] == response["X-Request-ID"]


def test_an_event_outside_a_request_has_no_request_fields(log_lines):
    logging.getLogger("citypartners.test").warning("Ran %s", "nightly", extra={"count": 3})
    (line,) = log_lines()
    assert line["message"] == "Ran nightly" and line["count"] == 3
    assert "request_id" not in line and line["level"] == "WARNING"


def test_errors_are_mailed_only_when_admins_are_set(failing_client, settings, log_lines):
    settings.ADMINS = []
    failing_client.get("/smoke-test/error/")
    assert mail.outbox == []
    settings.ADMINS = [("Operations", "ops@example.org")]
    failing_client.get("/smoke-test/error/")
    (message,) = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "SmokeTestError" in message.body


def test_the_forced_error_exists_only_when_the_smoke_test_asks(settings):
    settings.SMOKE_TEST = False
    assert smoke_test_urls() == []
    settings.SMOKE_TEST = True
    (pattern,) = smoke_test_urls()
    assert str(pattern.pattern) == "smoke-test/error/"


def _access_record(path="/de/", status="200 OK"):
    """An access log record made as gunicorn makes it (its atoms as the record's args)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?q=Paris",
        "PATH_INFO": path,
        "QUERY_STRING": "q=Paris",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": "curl/8",
    }

    class Response:
        sent = 5120
        headers = [("Content-Type", "text/html"), ("X-Request-ID", "f00dfeed12345678")]

    Response.status = status
    atoms = Logger.atoms(
        Logger.__new__(Logger), Response(), [], environ, timedelta(milliseconds=42)
    )
    return logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, Config().access_log_format,
        (SafeAtoms(atoms),), None,
    )  # fmt: skip


def test_gunicorns_access_lines_have_the_same_form_with_the_request_id():
    line = json.loads(JsonFormatter().format(_access_record()))
    assert line["message"] == "GET /de/ 200"
    assert line["request_id"] == "f00dfeed12345678"
    assert line["status"] == 200 and line["duration_ms"] == 42.0
    assert line["method"] == "GET" and line["path"] == "/de/" and line["query"] == "q=Paris"


def test_successful_health_probes_stay_out_of_the_access_log():
    quiet = QuietProbesFilter()
    assert quiet.filter(_access_record()) is True
    assert quiet.filter(_access_record("/readyz")) is False
    assert quiet.filter(_access_record("/healthz/")) is False
    assert quiet.filter(_access_record("/readyz", "503 Service Unavailable")) is True


def test_background_tasks_log_their_failures_but_not_each_start_and_success():
    tasks = logging.getLogger("django_tasks")
    assert tasks.isEnabledFor(logging.ERROR) and not tasks.isEnabledFor(logging.INFO)
