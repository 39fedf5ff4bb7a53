"""Security headers: a strict policy for the public site, the one Wagtail's admin can live with.

Also the request id of every log line (RequestIdMiddleware) and the locale and chooser
corrections below.
"""

import logging
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext

from .logs import request_context

logger = logging.getLogger(__name__)

# Public pages load only their own files and run no inline script or style.
PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# Wagtail's admin uses inline scripts and styles; it still loads nothing from other hosts.
ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# Uploaded files: whatever they contain, a browser runs no script from them.
UPLOAD_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
UPLOAD_PREFIXES = ("/media/", "/documents/")
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.path.startswith("/admin/")
        policy = ADMIN_POLICY if in_admin else PUBLIC_POLICY
        if request.path.startswith(UPLOAD_PREFIXES):
            policy = UPLOAD_POLICY
        if getattr(settings, "CSP_UPGRADE_INSECURE_REQUESTS", False):
            policy += "; upgrade-insecure-requests"
        response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if in_admin:
            # The admin shows previews of pages and snippets in a frame of its own.
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class RequestIdMiddleware:
    """Gives every request an id: in each log line while it is answered, and in X-Request-ID.

    The id comes from the X-Request-ID request header when that is a plain token (nginx
    sets its own there, replacing whatever the client sent: deploy/nginx/citypartners.conf),
    else a new one, so that nginx's, gunicorn's and the application's lines of one request
    share it. Anything else in the header (too long, spaces, quotes, line breaks) is
    replaced, so a client cannot write into the logs through it. First in MIDDLEWARE.
    """

    HEADER = "X-Request-ID"
    TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(self.HEADER, "")
        request_id = given if self.TOKEN.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_context.set(
            {"request_id": request_id, "method": request.method, "path": request.path}
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response[self.HEADER] = request_id
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 of the API or the admin stays a 404.

    Django answers a 404 outside the language prefixes with a redirect to /de/… whenever that
    address could exist, and Wagtail's page route makes every address look possible there.
    """

    UNPREFIXED = ("/api/", "/admin/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class ChooserInputMiddleware:
    """Wagtail's choosers (snippets, images, documents) answer a crafted request with a 4xx.

    Their "chosen" views pass the id from the address straight to the database (``abc`` or
    a number beyond any database integer raised a 500), and a snippet chooser's "create"
    view without a creation form failed on any POST. Here a snippet chooser without a
    creation form has no "create" (404), and a value error from a chooser view is a 400,
    logged. Remove this once Wagtail's choosers check their input.
    """

    NAMESPACES = ("wagtailsnippetchoosers_", "wagtailimages_chooser", "wagtaildocs_chooser")
    BAD_INPUT = (ValueError, OverflowError, DjangoValidationError)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def _is_chooser(self, request) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match and match.namespace.startswith(self.NAMESPACES))

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if not (match and match.namespace.startswith("wagtailsnippetchoosers_")):
            return None
        if match.url_name != "create":
            return None
        view_class = getattr(view_func, "view_class", None)
        if view_class is None or not hasattr(view_class, "get_creation_form_class"):
            return None
        view = view_class(**view_func.view_initkwargs)
        view.setup(request, *view_args, **view_kwargs)
        if view.get_creation_form_class() is None:
            return HttpResponseNotFound(gettext("This chooser cannot create records."))
        return None

    def process_exception(self, request, exception):
        if self._is_chooser(request) and isinstance(exception, self.BAD_INPUT):
            logger.warning("Bad input to %s", request.path, exc_info=exception)
            return HttpResponseBadRequest(gettext("There is no such record to choose."))
        return None
