"""Device ids in the second-factor screens: at the code form, a device that is not the
account's is a form error; in an address, a device or account id that does not exist
(or is beyond any database id) is a 404. Never a 500."""

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from citypartners.accounts.services import account_create

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
AUTH = "/admin/2fa/auth"


def _account(email, devices):
    user = account_create(email=email, password=PASSWORD, role="state-moderator")
    made = [
        TOTPDevice.objects.create(user=user, name=f"Phone {n}", confirmed=True)
        for n in range(devices)
    ]
    return user, made


def _signed_in(email):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _bad_devices():
    _other, (foreign,) = _account("other@example.org", 1)
    return [
        "otp_totp.totpdevice/999999",  # no such device
        foreign.persistent_id,  # someone else's
        "otp_totp.totpdevice/2**64",
        "otp_totp.totpdevice/18446744073709551616",
        "otp_totp.totpdevice/-1",
        "otp_static.staticdevice/1",
        "auth.user/1",
        "nonsense",
        "a.b.c/1",
        "otp_totp.totpdevice/1\x00",
        "",
    ]


@override_settings(WAGTAIL_2FA_REQUIRED=True)
@pytest.mark.parametrize("devices", [1, 2])
def test_a_device_that_is_not_the_accounts_is_a_form_error(devices):
    _user, _made = _account("mod@example.org", devices)
    client = _signed_in("mod@example.org")
    for device in _bad_devices():
        response = client.post(AUTH, {"otp_token": "123456", "otp_device": device})
        assert response.status_code == 200, (device, response.status_code)
        assert response.context["form"].errors, device
        assert "/admin/2fa/auth" in client.get("/admin/")["Location"]


HUGE = ["999999", str(2**31), str(2**63), str(2**64), "9" * 40]


def _verified(user, device):
    """A client signed in with both factors (django-otp keeps the device in the session)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.mark.parametrize("pk", HUGE)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "address", ["/admin/2fa/devices/{}/remove", "/admin/2fa/devices/{}/update"]
)
def test_a_device_id_that_does_not_exist_is_a_404(pk, method, address):
    user, (device,) = _account("mod@example.org", 1)
    client = _verified(user, device)
    response = getattr(client, method)(address.format(pk), {"user_id": user.pk})
    assert response.status_code == 404, (address, pk, response.status_code)


@pytest.mark.parametrize("pk", HUGE[1:])
def test_a_device_list_of_an_account_id_beyond_any_database_id_is_a_404(pk):
    user, (device,) = _account("mod@example.org", 1)
    response = _verified(user, device).get(f"/admin/2fa/devices/{pk}")
    assert response.status_code in (403, 404)


def test_removing_ones_own_device_goes_back_to_ones_list_whatever_the_form_says():
    user, (device, second) = _account("mod@example.org", 2)
    client = _verified(user, device)
    response = client.post(f"/admin/2fa/devices/{second.pk}/remove", {"user_id": "x"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/2fa/devices/{user.pk}"
    assert not TOTPDevice.objects.filter(pk=second.pk).exists()


def test_the_device_views_still_work_for_the_owner():
    user, (device,) = _account("mod@example.org", 1)
    client = _verified(user, device)
    assert client.get(f"/admin/2fa/devices/{user.pk}").status_code == 200
    assert client.get(f"/admin/2fa/devices/{device.pk}/update").status_code == 200
    assert client.get(f"/admin/2fa/devices/{device.pk}/remove").status_code == 200
