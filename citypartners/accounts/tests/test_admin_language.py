"""Every screen under /admin/ speaks the account's language, also those that are not Wagtail's
own views (the two-factor screens of wagtail_2fa)."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create

pytestmark = pytest.mark.django_db


def _client(language):
    user = account_create(
        email=f"editor-{language}@example.org",
        password="a long and careful passphrase",
        role="state-editor",
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = Client()
    client.force_login(user)
    return client, device


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("en", 'lang="en"', 'lang="de"'), ("de", 'lang="de"', 'lang="en"')],
)
def test_the_two_factor_screens_speak_the_accounts_language(language, shown, not_shown):
    client, device = _client(language)
    html = client.get(f"/admin/2fa/devices/{device.user_id}").content.decode()
    assert shown in html and not_shown not in html
    assert ("Abmelden" in html) == (language == "de")  # the menu's "log out"
    assert ("Log out" in html) == (language == "en")
