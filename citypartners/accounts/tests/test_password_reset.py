"""The public password reset sends mail (through the outbox), so it is limited per client."""

import pytest
from django.core.cache import cache

from citypartners.accounts.services import account_create
from citypartners.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

URL = "/admin/password_reset/"


@pytest.fixture
def editor():
    cache.clear()
    return account_create(
        role="state-editor", email="editor@example.org", password="a long and careful passphrase"
    )


def test_one_reset_request_too_many_from_a_client_sends_no_mail_while_another_client_may(
    client, settings, editor
):
    settings.PASSWORD_RESET_RATE_LIMIT = (2, 3600)
    data = {"email": "editor@example.org"}
    for _ in range(2):
        assert client.post(URL, data, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert OutboxMessage.objects.count() == 2
    refused = client.post(URL, data, REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "too many password reset requests" in refused.content.decode()
    assert OutboxMessage.objects.count() == 2
    assert client.get(URL, REMOTE_ADDR="198.51.100.7").status_code == 200  # the form still opens
    assert client.post(URL, data, REMOTE_ADDR="198.51.100.8").status_code == 302
    assert OutboxMessage.objects.count() == 3


def test_the_reset_mail_is_queued_in_the_outbox_and_delivered_after_the_commit(
    client, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(URL, {"email": "editor@example.org"}).status_code == 302
    queued = OutboxMessage.objects.get()
    assert queued.to == ["editor@example.org"] and queued.status == "queued"
    assert "/admin/password_reset/confirm/" in queued.body
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    (delivered,) = mailoutbox
    assert delivered.to == ["editor@example.org"] and "/admin/password_reset/" in delivered.body
    queued.refresh_from_db()
    assert queued.status == "sent" and queued.body == ""  # the link does not stay here
