"""A forced error for the production smoke test (deploy/smoke-test), off unless asked for.

With CITYPARTNERS_SMOKE_TEST=1 in the environment (settings.SMOKE_TEST) the URL
``/smoke-test/error/`` exists and raises, so that the smoke test can see a real unhandled
exception go through the whole stack: a 500 page through nginx, its traceback in the log
with the request id the response carried, and a mail to ADMINS where set. Without the
variable the URL does not exist; never set it on a public site.
"""

from django.conf import settings
from django.urls import URLPattern, path


class SmokeTestError(RuntimeError):
    """The error the smoke test expects to find in the log."""


def forced_error(request):
    raise SmokeTestError("Forced error for the smoke test (CITYPARTNERS_SMOKE_TEST=1)")


def smoke_test_urls() -> list[URLPattern]:
    """The forced-error URL when the smoke test asked for it, else none."""
    if not getattr(settings, "SMOKE_TEST", False):
        return []
    return [path("smoke-test/error/", forced_error, name="smoke_test_error")]
