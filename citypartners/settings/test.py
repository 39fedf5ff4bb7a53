"""Tests: fast hashing, in-memory e-mail, no debug."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Delivered e-mails land in django.core.mail.outbox (the outbox is EMAIL_BACKEND; see conftest.py).
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["handlers"]["mail_admins"]["email_backend"] = MAIL_DELIVERY_BACKEND  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True  # serve from the app folders without collectstatic
API_RATE_LIMIT = "100000/m"  # the rate-limit test sets its own
# Off for the suite, whose tests change data inside transactions that never commit (so no
# purge would run); the page cache's own tests switch it on.
PAGE_CACHE_ENABLED = False
