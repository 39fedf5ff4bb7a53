"""/healthz and /readyz for load balancers, systemd and the operator.

- ``/healthz``: the process answers. No database, no cache; always 200 while it runs.
- ``/readyz``: the process can serve pages: the database answers (``SELECT 1``), every
  migration is applied, the cache stores and returns a value. 200 when all hold, else 503
  naming the failing check (details only in the log, not in the answer).

``HealthCheckMiddleware`` answers both before every other middleware but the request id:
no host check (a load balancer probes by address), no session, no language or HTTPS
redirect, no CSRF. So they need no URL pattern and no SECURE_REDIRECT_EXEMPT, and
answer the same behind any proxy. Cheap: after the first success, /readyz costs one query
(the migration plan is checked until it is found complete once per process; a new release
restarts the processes, and with them the check).
"""

import json
import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"

# Set once the migration plan was found empty in this process.
_migrations_applied = False


def check_database() -> None:
    """The default database answers a trivial query."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_migrations() -> None:
    """Every migration of the code is applied (checked until it holds once)."""
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
        raise RuntimeError(f"{len(plan)} migration(s) not applied: {names}")
    _migrations_applied = True


def check_cache() -> None:
    """The default cache stores a value and gives it back."""
    key = "citypartners:readyz"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        # A Redis that is down does not fail the pages (core/cache.py), but it fails here.
        error = getattr(cache, "last_error", "")
        raise RuntimeError(
            "the cache did not return the value just stored" + (f" ({error})" if error else "")
        )


CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache}


def _json(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body), status=status, content_type="application/json; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def healthz() -> HttpResponse:
    return _json(200, {"status": "ok"})


def readyz() -> HttpResponse:
    results = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "skipped"  # needs the database
            continue
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "failing"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return _json(200 if ready else 503, {"status": "ok" if ready else "failing", **results})


class HealthCheckMiddleware:
    """Answers GET and HEAD of /healthz and /readyz before the rest of the middleware."""

    ENDPOINTS = {HEALTH_PATH: healthz, READY_PATH: readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = self.ENDPOINTS.get(request.path_info.rstrip("/") or "/")
        if endpoint is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _json(405, {"status": "method not allowed"})
            response["Allow"] = "GET, HEAD"
            return response
        return endpoint()
