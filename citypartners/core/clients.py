"""Who the client is: the one place that reads the client's address from a request.

Behind a reverse proxy, REMOTE_ADDR is the proxy; the client's address is in
X-Forwarded-For, to which each proxy appends the address it saw. Everything left of what
our own proxies appended was written by the client and may be forged. So with
``settings.TRUSTED_PROXY_COUNT`` = N trusted proxies, the client is the N-th address from
the right of X-Forwarded-For (the one the outermost trusted proxy saw); with 0 (no proxy,
as in development and tests) the header is ignored and REMOTE_ADDR is the client.

Every per-client limit (login lockout, proposal and feedback rate limits, password reset
limit, API throttle) keys on ``client_address``, stored only as ``client_key``; a
source-scan test keeps any other module from reading REMOTE_ADDR or X-Forwarded-For itself.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
REMOTE_ADDR = "REMOTE_ADDR"


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    """The client's IP address as our trusted proxies saw it; REMOTE_ADDR if they did not say.

    Falls back to REMOTE_ADDR when X-Forwarded-For is missing, has fewer entries than
    there are trusted proxies, or its trusted entry is not an IP address. Also the
    AXES_CLIENT_IP_CALLABLE of django-axes.
    """
    remote = request.META.get(REMOTE_ADDR, "") or ""
    proxies = max(int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0), 0)
    if not proxies:
        return remote
    entries = [part.strip() for part in request.META.get(FORWARDED_FOR, "").split(",")]
    if len(entries) < proxies:
        return remote
    candidate = entries[-proxies]
    return candidate if _valid(candidate) else remote


def client_key(address: str) -> str:
    """A keyed hash of the client's address (``client_address``): enough for a per-client rate
    limit, useless otherwise. Stored instead of the address itself."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
