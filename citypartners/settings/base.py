"""Settings shared by every environment; dev, test and production extend them."""

from pathlib import Path

import dj_database_url

from .environment import env_bool, env_str, log_level

# --- Paths -------------------------------------------------------------------
PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# --- Applications ------------------------------------------------------------
INSTALLED_APPS = [
    # Bottom to top, as the layers in STYLE.md and the import-linter contract.
    "citypartners.core",
    "citypartners.geo",
    "citypartners.mail",
    "citypartners.owners",
    "citypartners.accounts",
    "citypartners.partnerships",
    "citypartners.organisations",
    "citypartners.contacts",
    "citypartners.projects",
    "citypartners.activities",
    "citypartners.funding",
    "citypartners.opendata",
    "citypartners.reports",
    "citypartners.site",
    "citypartners.demo",
    "wagtail_localize",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its sitemap.xml templates (citypartners.site.sitemaps)
]

MIDDLEWARE = [
    # An id for every request, in each log line and the X-Request-ID response header.
    "citypartners.core.middleware.RequestIdMiddleware",
    # /healthz and /readyz: before host check, sessions, locale and HTTPS redirects.
    "citypartners.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous GETs answered from the page cache before sessions, CSRF and the view
    # (core/page_cache.py); what a response shows is tagged while it renders, for the purge.
    "citypartners.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "citypartners.core.middleware.LocaleMiddleware",  # Django's, with real 404s for API/admin
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304 (the API, feeds, pages)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor: back-office accounts must confirm a TOTP code (required when
    # WAGTAIL_2FA_REQUIRED is on, as in production).
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    "citypartners.accounts.middleware.AdminGateMiddleware",
    # Every screen under /admin/ in the account's language, not only Wagtail's own views.
    "citypartners.accounts.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the clickjacking middleware, so that its admin exception is seen there.
    "citypartners.core.middleware.SecurityHeadersMiddleware",
    # Crafted requests to Wagtail's choosers: a 4xx, not a 500.
    "citypartners.core.middleware.ChooserInputMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out accounts and addresses first
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "citypartners.urls"
WSGI_APPLICATION = "citypartners.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "citypartners.core.context_processors.home_city_context",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
# SQLite unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time -------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Our catalogue, then German for libraries that ship none (wagtail-2fa).
LOCALE_PATHS = [BASE_DIR / "locale", PROJECT_DIR / "vendor_locale"]
# The office's own city: its name, place on the maps, time zone and the side it takes in
# projects (read through citypartners.core.home_city). Another city's office sets its own.
HOME_CITY = {
    "name_de": "Berlin",
    "name_en": "Berlin",
    "latitude": 52.5244,
    "longitude": 13.4105,
    "time_zone": "Europe/Berlin",
    # DCAT-AP.de political geocoding for the open data catalogue; "" leaves it out.
    "spatial": "http://dcat-ap.de/def/politicalGeocoding/stateKey/11",
}
# Times on the site are the home city's.
TIME_ZONE = HOME_CITY["time_zone"]
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------
# Where collectstatic writes and where uploads (and Wagtail's image renditions, in
# MEDIA_ROOT/images) live; production puts both outside the checkout (production.py).
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "static_collected")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ---------------------------------------------------------------------
WAGTAIL_SITE_NAME = "citypartners"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Draftail, but a crafted or broken value is a form error, not a 500 (core/rich_text_input.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "citypartners.core.rich_text_input.SafeDraftailRichTextArea"}
}
# Stemming happens in citypartners.core.stemming, so PostgreSQL uses the neutral config.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
# Uploads: types checked by content (core/uploads.py); no SVG, no HTML.
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp4", "webm", "vtt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "citypartners.core.uploads.DocumentForm"
DOCUMENT_MAX_UPLOAD_SIZE = 100 * 1024 * 1024  # a sign-language video fits
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents are sent as downloads unless they are PDFs.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# No avatars from another host in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Cache ---------------------------------------------------------------------------
# Local memory: each process its own. Production shares one through REDIS_URL (production.py).
# "pages" holds the page cache (core/page_cache.py) apart from the rate limits' counters, so
# that purging or evicting pages never touches a limit.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The page cache: anonymous answers kept this long at most, and purged at once when something
# they show changes (citypartners.site.cache_purge). Sessions and django-axes' lockouts are in
# the database, shared by every app server; rate limits count in the "default" cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = 60 * 60 * 24
# A cached API answer still counts against the client's API throttle: the prefix, and the
# function that returns the throttles to ask.
PAGE_CACHE_THROTTLED = ("/api/", "citypartners.opendata.api.api_throttles")
# The front cache (Varnish, deploy/varnish/) that the purge also tells, when one is set
# (production.py: FRONTEND_CACHE_URL).
WAGTAILFRONTENDCACHE = {}

# --- Mail ----------------------------------------------------------------------------
# Every e-mail is stored in the outbox (citypartners.mail) in the request's transaction and
# delivered after the commit through MAIL_DELIVERY_BACKEND, which hands it to the outside
# world (the SMTP server in production); `manage.py send_outbox` (every minute from a timer)
# retries what did not go out.
EMAIL_BACKEND = "citypartners.mail.backends.OutboxBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Sent and failed e-mails (names and addresses of the public) are deleted after this many days.
OUTBOX_RETENTION_DAYS = 30
# Who gets a mail with the traceback of every unhandled error (production: ADMINS).
ADMINS = []

# --- Logging -----------------------------------------------------------------------------
# One JSON object per line on stderr for every event: time, level, logger, message, the
# request's id, method and path (core.logs), and the traceback of an error inside the event.
# Unhandled errors are logged by django.request with their traceback; they also go by mail
# to ADMINS where that is set (never in debug).
LOG_LEVEL = log_level("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request": {"()": "citypartners.core.logs.RequestContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"json": {"()": "citypartners.core.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["request"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
            # Straight to the mail server, not through the outbox: no database needed.
            "email_backend": MAIL_DELIVERY_BACKEND,
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default (console only in debug): everything to the root's stderr.
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL, "propagate": True},
        # Wagtail updates its indexes in a task on every save: a start and a success line each
        # would be four per page (setup_site: hundreds, hiding what it says); failures remain,
        # and LOG_LEVEL=DEBUG shows them all.
        "django_tasks": {"level": "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"},
        # WeasyPrint logs each step and each page of a report's PDF (hundreds of lines);
        # its warnings (a missing font, unsupported CSS) remain.
        "weasyprint": {"level": "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Operations ----------------------------------------------------------------------
# CITYPARTNERS_SMOKE_TEST=1 adds /smoke-test/error/, a forced error (core/diagnostics.py).
SMOKE_TEST = env_bool("CITYPARTNERS_SMOKE_TEST", False)

# --- Security defaults shared by all environments ------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; then log in again
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Clients ------------------------------------------------------------------------
# How many reverse proxies in front of the site append to X-Forwarded-For; the client is
# the address the outermost of them saw (citypartners.core.clients.client_address, the key
# of every per-client limit). 0: no proxy, the header is ignored.
TRUSTED_PROXY_COUNT = 0

# --- Logins ------------------------------------------------------------------------
# Two-factor authentication (TOTP) for back-office accounts; production requires it.
WAGTAIL_2FA_REQUIRED = False
WAGTAIL_2FA_OTP_TOTP_NAME = "citypartners"
# Lockout after repeated failed logins, per account name and per address, each on its own.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "citypartners.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "citypartners.core.clients.client_address"
# At most this many password reset requests (each sends mail) per client within this many seconds.
PASSWORD_RESET_RATE_LIMIT = (5, 60 * 60)

# --- Application settings -------------------------------------------------------------
# Longest message the accessibility feedback form takes, in characters.
FEEDBACK_MAX_LENGTH = 5000
FORMAT_MODULE_PATH = ["citypartners.formats"]
ACTIVITY_UID_DOMAIN = "citypartners.invalid"  # stable part of iCalendar UIDs
# At most this many proposals per sender address within this many seconds.
PROPOSAL_RATE_LIMIT = (3, 60 * 60)
# At most this many accessibility feedback messages per sender address within this many seconds.
FEEDBACK_RATE_LIMIT = (5, 60 * 60)
# Open data API: requests per client address (anonymous), then 429.
API_RATE_LIMIT = "300/m"
# The licence of the open data downloads and the API, and whom to name as the source.
OPEN_DATA_LICENCE = {
    "uri": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}
OPEN_DATA_PUBLISHER = "Land Berlin, Senatskanzlei"
# Contact people without a link to any partnership for this long are flagged for deletion.
CONTACT_RETENTION_DAYS = 3 * 365
