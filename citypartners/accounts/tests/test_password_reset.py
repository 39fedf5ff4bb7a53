"""The public password reset sends mail, so it is limited per client."""

import pytest
from django.core.cache import cache

from citypartners.accounts.services import account_create

pytestmark = pytest.mark.django_db

URL = "/admin/password_reset/"


def test_one_reset_request_too_many_from_a_client_sends_no_mail_while_another_client_may(
    client, settings, mailoutbox
):
    settings.PASSWORD_RESET_RATE_LIMIT = (2, 3600)
    cache.clear()
    account_create(
        role="state-editor", email="editor@example.org", password="a long and careful passphrase"
    )
    data = {"email": "editor@example.org"}
    for _ in range(2):
        assert client.post(URL, data, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert len(mailoutbox) == 2
    refused = client.post(URL, data, REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "too many password reset requests" in refused.content.decode()
    assert len(mailoutbox) == 2
    assert client.get(URL, REMOTE_ADDR="198.51.100.7").status_code == 200  # the form still opens
    assert client.post(URL, data, REMOTE_ADDR="198.51.100.8").status_code == 302
    assert len(mailoutbox) == 3
