"""Reading settings from environment variables: one parser per kind of value.

Every variable production reads is in the table of docs/production.md with its default. A
value that cannot be used stops the start with ImproperlyConfigured naming the variable and
what it expects, instead of a surprise later (a mail that never leaves, a typo in a level).
Part of the settings package: it imports no project app.
"""

import logging
import os
import zoneinfo
from collections.abc import Mapping
from email.utils import getaddresses
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The variable's value with surrounding blanks removed; ``default`` when unset."""
    environ = os.environ if environ is None else environ
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """1/true/yes/on or 0/false/no/off (any case); ``default`` when unset."""
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off, not {value!r}."
    )


def env_int(
    name: str, default: int, environ: Mapping[str, str] | None = None, minimum: int = 0
) -> int:
    """A whole number not below ``minimum``; ``default`` when unset or empty."""
    value = env_str(name, "", environ)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list, blanks and empty entries dropped."""
    return [part.strip() for part in env_str(name, default, environ).split(",") if part.strip()]


def admins(value: str, name: str = "ADMINS") -> list[tuple[str, str]]:
    """``Name <address>, other@example.org`` as Django's ADMINS: (name, address) pairs."""
    if not value.strip():
        return []
    pairs = getaddresses([value])
    if not pairs or any("@" not in address for _name, address in pairs):
        raise ImproperlyConfigured(
            f"{name} must be e-mail addresses separated by commas, each optionally as "
            f"'Name <address>', not {value!r}."
        )
    return [(person or address, address) for person, address in pairs]


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(name: str = "LOG_LEVEL", default: str = "INFO", environ=None) -> str:
    """One of Python's level names, in capitals."""
    value = env_str(name, default, environ).upper()
    if value not in LOG_LEVELS or not isinstance(logging.getLevelName(value), int):
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(LOG_LEVELS)}, not {value!r}.")
    return value


def env_time_zone(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """An IANA time zone name (Europe/Lisbon); ``default`` when unset or empty."""
    value = env_str(name, "", environ) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name} must be a time zone such as Europe/Berlin or Europe/Lisbon, not {value!r}."
        ) from None
    return value


# --- Cache ------------------------------------------------------------------------------------
REDIS_SCHEMES = ("redis", "rediss", "unix")


def cache_settings(redis_url: str, key_prefix: str = "citypartners") -> dict:
    """CACHES from a Redis URL (shared by all workers); local memory without one.

    Rate limits (proposals, password resets, the API throttle) count in the default cache: in
    local memory each worker process counts for itself, so production with several workers
    wants Redis. "pages" is the page cache (core/page_cache.py), under a prefix of its own.
    Short socket timeouts keep /readyz and a page from hanging on a dead Redis.
    """
    if not redis_url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "pages",
            },
        }
    if urlsplit(redis_url).scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix://, not {redis_url!r}."
        )
    shared = {
        # Django's RedisCache, but a Redis that is down costs speed, not every page (core/cache.py).
        "BACKEND": "citypartners.core.cache.ResilientRedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    # The page cache under its own prefix: its purges never touch a rate limit's counter.
    return {
        "default": {**shared, "KEY_PREFIX": key_prefix},
        "pages": {**shared, "KEY_PREFIX": f"{key_prefix}-pages"},
    }


# --- Mail -------------------------------------------------------------------------------------
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
# scheme -> (use TLS (STARTTLS), use SSL (implicit TLS), default port)
SMTP_SCHEMES = {
    "smtp": (False, False, 25),
    "smtp+tls": (True, False, 587),
    "submission": (True, False, 587),
    "smtp+ssl": (False, True, 465),
    "smtps": (False, True, 465),
}


def _email_from_url(url: str) -> dict:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"backend": CONSOLE_BACKEND}
    if scheme not in SMTP_SCHEMES:
        raise ImproperlyConfigured(
            "EMAIL_URL must start with smtp://, smtp+tls:// (STARTTLS), smtp+ssl:// or "
            f"smtps:// (TLS from the start) or console://, not {scheme + '://'!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no host: smtp+tls://user:password@host:587")
    use_tls, use_ssl, default_port = SMTP_SCHEMES[scheme]
    try:
        port = parts.port or default_port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
    query = parse_qs(parts.query)
    timeout = query.get("timeout", [""])[0]
    if timeout and not timeout.isdigit():
        raise ImproperlyConfigured(f"EMAIL_URL's timeout must be seconds, not {timeout!r}.")
    return {
        "backend": SMTP_BACKEND,
        "host": parts.hostname,
        "port": port,
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_tls": use_tls,
        "use_ssl": use_ssl,
        "timeout": int(timeout) if timeout else None,
    }


def email_settings(environ: Mapping[str, str] | None = None, default_timeout: int = 10) -> dict:
    """The SMTP connection, from EMAIL_URL or else from EMAIL_HOST, EMAIL_PORT, ….

    Returns the values as Django names them (EMAIL_HOST, EMAIL_PORT, …) plus
    MAIL_DELIVERY_BACKEND, the backend that hands mail to the server.
    """
    environ = os.environ if environ is None else environ
    url = env_str("EMAIL_URL", "", environ)
    if url:
        separate = [name for name in ("EMAIL_HOST", "EMAIL_PORT") if env_str(name, "", environ)]
        if separate:
            raise ImproperlyConfigured(
                f"Set EMAIL_URL or {' and '.join(separate)}, not both: EMAIL_URL already "
                "names the server."
            )
        found = _email_from_url(url)
    else:
        use_tls = env_bool("EMAIL_USE_TLS", False, environ)
        use_ssl = env_bool("EMAIL_USE_SSL", False, environ)
        found = {
            "backend": SMTP_BACKEND,
            "host": env_str("EMAIL_HOST", "localhost", environ),
            "port": env_int("EMAIL_PORT", 465 if use_ssl else 587 if use_tls else 25, environ, 1),
            "user": env_str("EMAIL_HOST_USER", "", environ),
            "password": environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": None,
        }
    if found.get("use_tls") and found.get("use_ssl"):
        raise ImproperlyConfigured(
            "EMAIL_USE_TLS (STARTTLS, usually port 587) and EMAIL_USE_SSL (TLS from the start, "
            "usually port 465) exclude each other: set one."
        )
    if found.get("password") and not found.get("user"):
        raise ImproperlyConfigured("An SMTP password is set without a user (EMAIL_HOST_USER).")
    timeout = found.get("timeout") or env_int("EMAIL_TIMEOUT", default_timeout, environ, 1)
    return {
        "MAIL_DELIVERY_BACKEND": found["backend"],
        "EMAIL_HOST": found.get("host", "localhost"),
        "EMAIL_PORT": found.get("port", 25),
        "EMAIL_HOST_USER": found.get("user", ""),
        "EMAIL_HOST_PASSWORD": found.get("password", ""),
        "EMAIL_USE_TLS": found.get("use_tls", False),
        "EMAIL_USE_SSL": found.get("use_ssl", False),
        "EMAIL_TIMEOUT": timeout,
    }
