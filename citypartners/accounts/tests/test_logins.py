"""Logins: lockout after failed attempts (django-axes), TOTP as the second factor
(wagtail-2fa with django-otp), sessions that end."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from citypartners.accounts.services import account_create

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
LOGIN = "/admin/login/"


@pytest.fixture
def moderator():
    return account_create(email="mod@example.org", password=PASSWORD, role="state-moderator")


def _login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_correct_login_works_and_logout_ends_the_session(client, moderator):
    assert _login(client, "mod@example.org", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_sessions_end_after_a_working_day_and_with_the_browser():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_an_account_is_locked_after_five_failures_from_any_address(client, moderator):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "mod@example.org", "wrong guess", address=f"10.0.1.{n}")
        assert response.status_code == 200  # the login form again, with its error
    assert _login(client, "mod@example.org", "wrong guess", address="10.0.1.9").status_code == 429
    locked = _login(client, "mod@example.org", PASSWORD, address="10.0.2.1")
    assert locked.status_code == 429
    assert "Anmeldung pausiert" in locked.content.decode()
    assert "15 Minuten" in locked.content.decode()
    assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_an_address_is_locked_after_five_failures_with_any_account_name(client, moderator):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"nobody{n}@example.org", "wrong guess", address="10.0.3.3")
    assert _login(client, "mod@example.org", PASSWORD, address="10.0.3.3").status_code == 429
    # The account itself is not locked: from another address it may log in.
    assert _login(Client(), "mod@example.org", PASSWORD, address="10.0.3.4").status_code == 302


def test_the_lockout_message_does_not_tell_whether_the_account_exists(moderator):
    pages = []
    for username in ("mod@example.org", "ghost@example.org"):
        client = Client()
        for n in range(settings.AXES_FAILURE_LIMIT):
            _login(client, username, "wrong guess", address=f"10.0.4.{n}")
        pages.append(_login(client, username, "wrong guess", address="10.0.5.1"))
    assert [p.status_code for p in pages] == [429, 429]
    assert pages[0].content == pages[1].content


def test_the_lockout_ends_after_the_cool_off(client, moderator):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "mod@example.org", "wrong guess", address=f"10.0.6.{n}")
    assert _login(client, "mod@example.org", PASSWORD, address="10.0.7.1").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _login(client, "mod@example.org", PASSWORD, address="10.0.7.1").status_code == 302


def _wait_out_throttling(device):
    """django-otp delays the next try after a wrong code; here, as if those seconds passed."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )


def _token(device, drift=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_two_factor_setup_then_every_login_asks_for_the_code(moderator):
    client = Client()
    _login(client, "mod@example.org", PASSWORD)
    # Without a device, the back office sends the account to set one up.
    response = client.get("/admin/snippets/partnerships/partnership/")
    assert "/admin/2fa/devices/new" in response["Location"]
    assert client.get("/admin/2fa/devices/new").status_code == 200
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    response = client.post(
        "/admin/2fa/devices/new",
        {"name": "Phone", "otp_token": "000000", "password": PASSWORD},
    )
    assert response.status_code == 200  # a wrong code confirms nothing
    assert not TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()
    _wait_out_throttling(device)
    response = client.post(
        "/admin/2fa/devices/new",
        {"name": "Phone", "otp_token": _token(device), "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/admin/snippets/partnerships/partnership/").status_code == 200

    # The next login: password alone does not open the back office.
    second = Client()
    _login(second, "mod@example.org", PASSWORD)
    response = second.get("/admin/snippets/partnerships/partnership/")
    assert "/admin/2fa/auth" in response["Location"]
    assert second.post("/admin/2fa/auth", {"otp_token": "123456"}).status_code == 200
    assert "/admin/2fa/auth" in second.get("/admin/")["Location"]
    _wait_out_throttling(device)
    device.refresh_from_db()
    response = second.post("/admin/2fa/auth", {"otp_token": _token(device, drift=1)})
    assert response.status_code == 302, (device.__dict__, response.context["form"].errors)
    assert second.get("/admin/snippets/partnerships/partnership/").status_code == 200


PROXY = "10.0.0.1"  # what REMOTE_ADDR says for everyone behind the reverse proxy


def _login_via_proxy(client, username, password, forwarded):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_failures_from_one_client_do_not_lock_out_another(moderator, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login_via_proxy(Client(), f"nobody{n}@example.org", "wrong guess", "203.0.113.5")
    locked = _login_via_proxy(Client(), "mod@example.org", PASSWORD, "203.0.113.5")
    assert locked.status_code == 429
    other = _login_via_proxy(Client(), "mod@example.org", PASSWORD, "198.51.100.20")
    assert other.status_code == 302


def test_behind_a_proxy_a_client_cannot_escape_its_lockout_with_a_forged_header(
    moderator, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client writes a new address in front; the proxy appends the one it saw.
        forged = f"192.0.2.{n}, 203.0.113.5"
        _login_via_proxy(Client(), f"nobody{n}@example.org", "wrong guess", forged)
    again = _login_via_proxy(Client(), "mod@example.org", PASSWORD, "192.0.2.99, 203.0.113.5")
    assert again.status_code == 429


def test_without_a_proxy_a_forged_header_is_ignored(moderator, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            LOGIN,
            {"username": f"nobody{n}@example.org", "password": "wrong guess"},
            REMOTE_ADDR="10.0.8.8",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert _login(Client(), "mod@example.org", PASSWORD, address="10.0.8.8").status_code == 429
