"""The e-mail to the office about a proposal: after the commit, never failing the sender's
request, and sent again by `send_pending_notifications` when it did not go out."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from citypartners.core.models import OfficeSettings
from citypartners.projects import services
from citypartners.projects.models import Proposal

from .test_get_involved import URL, VALID

pytestmark = pytest.mark.django_db

FAILURES = [
    smtplib.SMTPServerDisconnected("gone"),
    smtplib.SMTPRecipientsRefused({}),
    ConnectionRefusedError("no server"),
    TimeoutError("slow"),
]


def _post(client, captured, **changes):
    with captured(execute=True):
        return client.post(URL["en"], {**VALID, **changes})


@pytest.mark.parametrize("failure", FAILURES, ids=lambda e: type(e).__name__)
def test_a_failing_mail_neither_fails_the_sender_nor_loses_the_notice(
    client, django_capture_on_commit_callbacks, caplog, failure
):
    with mock.patch.object(services, "send_mail", side_effect=failure):
        response = _post(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # the sender is thanked, not asked to send again
    proposal = Proposal.objects.get()
    assert proposal.notified_at is None
    assert f"proposal {proposal.pk} did not go out" in caplog.text

    call_command("send_pending_notifications")
    assert len(mail.outbox) == 1 and VALID["text"] in mail.outbox[0].body
    proposal.refresh_from_db()
    assert proposal.notified_at is not None

    call_command("send_pending_notifications")  # nothing twice
    assert len(mail.outbox) == 1


def test_a_mail_that_went_out_is_noted_and_not_sent_again(
    client, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks)
    assert Proposal.objects.get().notified_at is not None
    call_command("send_pending_notifications")
    assert len(mail.outbox) == 1


def test_no_mail_leaves_before_the_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(URL["en"], VALID)
    assert mail.outbox == [] and len(callbacks) == 1


def test_the_command_fails_while_a_mail_still_cannot_be_sent(
    client, django_capture_on_commit_callbacks
):
    with mock.patch.object(services, "send_mail", side_effect=smtplib.SMTPException("down")):
        _post(client, django_capture_on_commit_callbacks)
        with pytest.raises(CommandError, match="still failing: 1"):
            call_command("send_pending_notifications")
    assert Proposal.objects.get().notified_at is None


def test_the_command_names_a_missing_office_address():
    OfficeSettings.objects.update(email="")
    # In English whatever language an earlier test in this process left active.
    with translation.override("en"), pytest.raises(CommandError, match="no e-mail address"):
        call_command("send_pending_notifications")


def test_a_line_break_stored_in_a_name_never_reaches_the_mail_header():
    """Defence in depth: a name stored before the forms refused line breaks."""
    proposal = Proposal.objects.create(
        name="Ada\r\nBcc: victim@example.org",
        email="ada@example.org",
        text="Trees.",
        consent=True,
        language="en",
        client_key="k",
    )
    assert services.proposal_notify_office(proposal=proposal, office_email="office@example.org")
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.recipients() == ["office@example.org"]
