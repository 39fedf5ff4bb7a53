"""One JSON object per line for every log event, with the request it belongs to.

The LOGGING of the settings (and gunicorn's access log, deploy/gunicorn.conf.py) format with
``JsonFormatter``; ``RequestContextFilter`` adds the id, method and path of the request
being answered, which ``core.middleware.RequestIdMiddleware`` keeps in ``request_context``.
A traceback stays inside its event (the ``traceback`` field), so a line is an event.

Imports nothing but the standard library: gunicorn's master process loads it before Django.
"""

import json
import logging
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime

# The request being answered in this thread or task: {"request_id", "method", "path"}.
request_context: ContextVar[dict | None] = ContextVar("citypartners_request", default=None)

# Attributes every LogRecord has; anything else on a record came as ``extra=``.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
_PLAIN = (str, int, float, bool, type(None))


class RequestContextFilter(logging.Filter):
    """Puts request_id, method and path of the current request on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = request_context.get()
        request = getattr(record, "request", None)
        if not context and getattr(request, "request_id", None):
            # django.request logs a 4xx response after the middleware is done; the record
            # carries the request.
            context = {
                "request_id": request.request_id,
                "method": request.method,
                "path": request.path,
            }
        for key, value in (context or {}).items():
            if getattr(record, key, None) is None:
                setattr(record, key, value)
        return True


class QuietProbesFilter(logging.Filter):
    """Leaves successful health probes out of gunicorn's access log: a load balancer asks
    every few seconds, and a failing probe stays in."""

    PROBES = ("/healthz", "/readyz")

    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args if isinstance(record.args, dict) else {}
        path = str(atoms.get("U") or "").rstrip("/")
        return not (path in self.PROBES and str(atoms.get("s")) == "200")


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, then the request's fields and any ``extra``; one line."""

    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            event.update(self._access(record.args))
        else:
            event["message"] = record.getMessage()
            for key, value in record.__dict__.items():
                if key in _STANDARD or key.startswith("_") or not isinstance(value, _PLAIN):
                    continue
                event["status" if key == "status_code" else key] = value
        if record.exc_info:
            event["traceback"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            event["traceback"] = record.exc_text
        if record.stack_info:
            event["stack"] = record.stack_info
        return json.dumps(event, ensure_ascii=False, default=str)

    @staticmethod
    def _access(atoms) -> dict:
        """gunicorn's access log passes its atoms (request and response) as the record's args."""

        def atom(key):
            value = atoms.get(key)
            return None if value in (None, "-") else value

        status = atom("s")
        event = {
            "message": f"{atom('m')} {atom('U')} {status}",
            "request_id": atom("{x-request-id}o"),
            "method": atom("m"),
            "path": atom("U"),
            "query": atom("q") or None,
            "status": int(status) if str(status).isdigit() else status,
            "duration_ms": round(atoms.get("D", 0) / 1000, 1),
            "bytes": atom("B"),
            "user_agent": atom("a"),
        }
        return {key: value for key, value in event.items() if value is not None}
