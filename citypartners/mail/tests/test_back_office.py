"""Outgoing mail in the back office: the state's office sees each e-mail's delivery record
(never its text), filters by status, sends a failed one again, and sees failures on the
dashboard; nobody else sees any of it."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from citypartners.accounts.services import account_create
from citypartners.mail.models import OutboxMessage

from .backends import MODULE

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
INDEX = "outgoing_mail:index"
INSPECT = "outgoing_mail:inspect"
RESEND = "outgoing_mail:resend"
SECRET_TEXT = "Reset link: https://example.org/admin/password_reset/confirm/secret-token/"


def _login(client, role, owner=None):
    user = account_create(role=role, email=f"{role}@example.org", password=PASSWORD, owner=owner)
    client.force_login(user)
    return user


def _message(subject, status, **fields):
    return OutboxMessage.objects.create(
        from_email="noreply@example.org",
        to=["erika@example.org"],
        subject=subject,
        body=SECRET_TEXT,
        status=status,
        next_attempt_at=timezone.now() if status == "queued" else None,
        **fields,
    )


@pytest.fixture
def failed():
    return _message(
        "Password reset",
        "failed",
        attempts=9,
        last_attempt_at=timezone.now(),
        last_error="SMTPRecipientsRefused: {'erika@example.org': (550, b'no such user')}",
    )


def _get(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["state-editor", "state-moderator"])
def test_the_state_office_sees_the_delivery_record_but_never_the_text(client, failed, role):
    _login(client, role)
    _message("Neuer Vorschlag / new proposal: Ada", "sent", sent_at=timezone.now())
    listing = _get(client, INDEX)
    assert "Password reset" in listing and "erika@example.org" in listing
    assert "no such user" in listing and "Neuer Vorschlag / new proposal: Ada" in listing
    detail = _get(client, INSPECT, failed.pk)
    assert "no such user" in detail and "erika@example.org" in detail
    assert "secret-token" not in listing + detail
    home = _get(client, "wagtailadmin_home")
    assert "Outgoing mail" in home  # the menu entry


def test_the_list_filters_by_status(client, failed):
    _login(client, "state-editor")
    _message("Still waiting", "queued")
    failed_only = _get(client, INDEX, status="failed")
    assert "Password reset" in failed_only and "Still waiting" not in failed_only
    queued_only = _get(client, INDEX, status="queued")
    assert "Still waiting" in queued_only and "Password reset" not in queued_only


@pytest.mark.parametrize("role", ["borough-editor", "reviewer", "contact-steward"])
def test_nobody_else_sees_outgoing_mail(client, failed, role):
    _login(client, role, owner="mitte" if role == "borough-editor" else None)
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    assert client.get(reverse(INSPECT, args=[failed.pk])).status_code in (302, 403)
    assert client.post(reverse(RESEND, args=[failed.pk])).status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.status == "failed"
    home = _get(client, "wagtailadmin_home")
    assert "Outgoing mail" not in home and "could not be sent" not in home


def test_a_failed_mail_is_sent_again_and_the_resend_is_logged(
    client, failed, django_capture_on_commit_callbacks
):
    editor = _login(client, "state-editor")
    assert "Send again" in _get(client, INDEX) and "Send again" in _get(client, INSPECT, failed.pk)
    confirm = _get(client, RESEND, failed.pk)
    assert "erika@example.org" in confirm and "no such user" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(RESEND, args=[failed.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == reverse(INDEX)
    assert [m.body for m in mail.outbox] == [SECRET_TEXT]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.body) == ("sent", 1, "")
    entry = ModelLogEntry.objects.get(action="citypartners.outbox_resend")
    assert entry.object_id == str(failed.pk) and entry.user == editor
    assert "erika" not in entry.label  # the audit log outlives the message
    assert "The e-mail is queued again" in _get(client, INDEX)


def test_sending_again_while_the_server_is_still_down_says_so_and_keeps_it_queued(
    client, failed, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_DELIVERY_BACKEND = f"{MODULE}.DownBackend"
    _login(client, "state-moderator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(RESEND, args=[failed.pk]), HTTP_ACCEPT_LANGUAGE="en")
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("queued", 1)
    assert failed.next_attempt_at > timezone.now()
    assert "The e-mail is queued again" in _get(client, INDEX)


def test_only_a_failed_mail_can_be_sent_again(client):
    _login(client, "state-editor")
    sent = _message("Delivered", "sent", sent_at=timezone.now())
    assert "Send again" not in _get(client, INSPECT, sent.pk)
    client.post(reverse(RESEND, args=[sent.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Only an e-mail that failed can be sent again." in _get(client, INDEX)
    sent.refresh_from_db()
    assert sent.status == "sent" and mail.outbox == []


def test_the_dashboard_names_failed_and_forgotten_mail(client, failed):
    _login(client, "state-editor")
    home = _get(client, "wagtailadmin_home")
    assert "1 e-mail could not be sent." in home
    assert f"{reverse(INDEX)}?status=failed" in home
    assert "is the command send_outbox running?" not in home
    waiting = _message("Waiting", "queued")
    OutboxMessage.objects.filter(pk=waiting.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(hours=1)
    )
    _message("Another failure", "failed")
    home = _get(client, "wagtailadmin_home")
    assert "2 e-mails could not be sent." in home
    assert "1 e-mail has been waiting for more than 15 minutes" in home


def test_the_dashboard_says_nothing_while_mail_goes_out(client):
    _login(client, "state-editor")
    _message("Delivered", "sent", sent_at=timezone.now())
    _message("Just written", "queued")
    home = _get(client, "wagtailadmin_home")
    assert "could not be sent" not in home and "has been waiting" not in home
