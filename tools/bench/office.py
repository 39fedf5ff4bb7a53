"""The back-office account the benchmark signs in as (Django must be set up).

Production asks every back-office account for a second factor (WAGTAIL_2FA_REQUIRED), so the
session carries a confirmed TOTP device, as after a real sign-in; wrk sends the same session
cookie that the test client uses.
"""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice

BENCH_USER = "bench@example.org"


def signed_in_session() -> str:
    """The key of a new session of a superuser with the second factor confirmed (django-otp
    keeps the device's id in the session and checks it on every request)."""
    users = get_user_model()
    user = users.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = users.objects.create_superuser(BENCH_USER, BENCH_USER, None)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session.set_expiry(60 * 60 * 4)
    session.save()
    return session.session_key
