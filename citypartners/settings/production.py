"""Production: everything site-specific from the environment, HTTPS throughout.

Every variable read here is in the table of docs/production.md with its default and
meaning; deploy/env.example is a filled-in example. systemd passes them from
/etc/citypartners/env (deploy/systemd/citypartners.service).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import (
    admins,
    cache_settings,
    email_settings,
    env_int,
    env_list,
    env_str,
    env_time_zone,
)

DEBUG = False

# --- Secrets and hosts -----------------------------------------------------------------
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
# The host names the site answers to, comma-separated (partnerschaften.example.org).
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
# Origins whose forms are accepted; by default https:// and each host (a leading dot: any
# subdomain).
CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    ",".join(f"https://*{h}" if h.startswith(".") else f"https://{h}" for h in ALLOWED_HOSTS),
)
# The address in mails from the back office (links to pages and the admin).
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL",
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if ALLOWED_HOSTS else "",
)

# --- Time ------------------------------------------------------------------------------------
# The zone of the times typed into the back office: the home city's, which setup_site names
# (the public pages follow the home city by themselves).
TIME_ZONE = env_time_zone("TIME_ZONE", TIME_ZONE)  # noqa: F405

# --- Files -----------------------------------------------------------------------------------
# Outside the checkout, so that an upgrade never touches uploads; nginx serves both
# (deploy/nginx/citypartners.conf names the same folders).
STATIC_ROOT = Path(env_str("STATIC_ROOT", "/var/lib/citypartners/static"))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", "/var/lib/citypartners/media"))
# Documents (a sign-language video too) leave through nginx once the application has checked
# who may see them: nginx answers Range requests, so a video can be sought (core.sendfile_nginx).
SENDFILE_BACKEND = "citypartners.core.sendfile_nginx"
STORAGES["staticfiles"] = {  # noqa: F405
    # Hashed names (so nginx may let browsers keep them for a year) and gzip copies.
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# --- Cache -----------------------------------------------------------------------------------
# Redis shared by all gunicorn workers (and the rate limits counted in it); without
# REDIS_URL each worker has its own memory and counts limits for itself.
CACHES = cache_settings(env_str("REDIS_URL"))
# The front cache (deploy/varnish/citypartners.vcl) that purges go to as well: its address,
# e.g. http://127.0.0.1:6081; unset, only the page cache in the application is purged.
if env_str("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_URL"),
        }
    }

# --- Mail -----------------------------------------------------------------------------------
# The SMTP server: EMAIL_URL (smtp+tls://user:password@host:587) or EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL.
_mail = email_settings()
MAIL_DELIVERY_BACKEND = _mail["MAIL_DELIVERY_BACKEND"]
EMAIL_HOST = _mail["EMAIL_HOST"]
EMAIL_PORT = _mail["EMAIL_PORT"]
EMAIL_HOST_USER = _mail["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _mail["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _mail["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _mail["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _mail["EMAIL_TIMEOUT"]
# Every e-mail goes into the outbox (EMAIL_BACKEND in base.py), which hands it on through
# MAIL_DELIVERY_BACKEND; error mails to ADMINS go straight, so they need no database.
LOGGING["handlers"]["mail_admins"]["email_backend"] = MAIL_DELIVERY_BACKEND  # noqa: F405
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # the sender of error mails
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "[citypartners]") + " "
# Unhandled errors by mail, with their traceback: "Name <address>, other@example.org".
ADMINS = admins(env_str("ADMINS"))

# --- Clients and proxies -----------------------------------------------------------------
# Behind the reverse proxy (one unless the environment says otherwise): see base.py.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# --- Logins ----------------------------------------------------------------------------------
WAGTAIL_2FA_REQUIRED = True  # every back-office account confirms a TOTP code

# --- HTTPS -----------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSP_UPGRADE_INSECURE_REQUESTS = True
