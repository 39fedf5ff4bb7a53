"""The outbox: stored in the caller's transaction, delivered after the commit, retried with
back-off until it goes out or fails for good, never delivered twice, deleted after retention."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation

from citypartners.mail import services
from citypartners.mail.models import OutboxMessage
from citypartners.mail.services import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    SENDING_TIMEOUT,
    outbox_claim,
    outbox_deliver,
    outbox_purge,
)

from .backends import FAILURES, MODULE, DownBackend, SecondSenderBackend

pytestmark = pytest.mark.django_db

DOWN = f"{MODULE}.DownBackend"


def _mail(subject="Hello", to=("office@example.org",)):
    return send_mail(subject, "The text.", None, list(to))


def _later(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_message_is_stored_in_the_callers_transaction_and_leaves_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _mail() == 1
    message = OutboxMessage.objects.get()
    assert (message.status, message.subject) == ("queued", "Hello")
    assert message.to == ["office@example.org"]
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.subject for m in mail.outbox] == ["Hello"]
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1 and message.sent_at is not None


def test_a_rolled_back_transaction_leaves_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _mail()
            raise RuntimeError("the request failed after writing the mail")
    assert OutboxMessage.objects.count() == 0 and mail.outbox == []


def test_every_part_of_a_message_arrives_as_it_was_written(django_capture_on_commit_callbacks):
    written = EmailMultiAlternatives(
        subject="Grüße",
        body="Plain text.",
        from_email="Büro <office@example.org>",
        to=["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
        reply_to=["d@example.org"],
        headers={"X-Purpose": "test"},
        alternatives=[("<p>HTML text.</p>", "text/html")],
    )
    written.attach("data.bin", b"\x00\x01binary", "application/octet-stream")
    written.attach("notes.txt", "Some notes.", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        written.send()
    (delivered,) = mail.outbox
    for field in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to"):
        assert getattr(delivered, field) == getattr(written, field), field
    assert delivered.alternatives == [("<p>HTML text.</p>", "text/html")]
    assert [tuple(a) for a in delivered.attachments] == [
        ("data.bin", b"\x00\x01binary", "application/octet-stream"),
        ("notes.txt", "Some notes.", "text/plain"),
    ]
    headers = delivered.message()
    assert headers["X-Purpose"] == "test" and headers["Message-ID"] and headers["Date"]
    assert "c@example.org" in delivered.recipients() and headers["Bcc"] is None


def test_the_message_id_is_fixed_when_the_message_is_written(settings):
    settings.MAIL_DELIVERY_BACKEND = DOWN
    _mail()
    message_id = OutboxMessage.objects.get().headers["Message-ID"]
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outbox_deliver()
    # Every attempt sends the same Message-ID, so a copy after a crash can be recognised.
    assert mail.outbox[0].message()["Message-ID"] == message_id


def test_a_message_without_recipients_is_not_stored():
    assert EmailMultiAlternatives("Nobody", "Text").send() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("failure", FAILURES, ids=lambda e: type(e).__name__)
def test_a_mail_server_that_is_down_never_fails_the_caller_and_the_message_waits(
    settings, monkeypatch, django_capture_on_commit_callbacks, caplog, failure
):
    settings.MAIL_DELIVERY_BACKEND = DOWN
    monkeypatch.setattr(DownBackend, "error", failure)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert _mail() == 1
    message = OutboxMessage.objects.get()
    assert message.status == "queued" and message.attempts == 1
    assert message.last_error.startswith(type(failure).__name__)
    assert message.next_attempt_at >= before + RETRY_DELAYS[0]
    assert f"Outgoing e-mail {message.pk}, attempt 1" in caplog.text


def test_an_error_in_the_delivery_itself_is_logged_and_never_reaches_the_caller(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "outbox_deliver", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert _mail() == 1
    assert "they stay queued" in caplog.text
    assert OutboxMessage.objects.get().status == "queued"


def test_attempts_back_off_and_end_in_failed_after_the_last(settings, monkeypatch):
    settings.MAIL_DELIVERY_BACKEND = DOWN
    _mail()
    message = OutboxMessage.objects.get()
    now = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        result = outbox_deliver(now=now)
        message.refresh_from_db()
        assert message.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert (result.retrying, result.failed, message.status) == (1, 0, "queued")
            assert message.next_attempt_at == now + RETRY_DELAYS[attempt - 1]
            # Not due a moment before its time.
            assert outbox_deliver(now=message.next_attempt_at - datetime.timedelta(seconds=1)) == (
                services.DeliveryResult()
            )
            now = message.next_attempt_at
    assert (result.failed, message.status, message.next_attempt_at) == (1, "failed", None)
    assert message.last_error
    assert message.body == "The text."  # kept for "send again"
    assert outbox_deliver(now=now + datetime.timedelta(days=10)) == services.DeliveryResult()
    assert sum(RETRY_DELAYS, datetime.timedelta()) > datetime.timedelta(days=2)


def test_a_message_is_sent_exactly_once_however_often_the_command_runs(settings):
    settings.MAIL_DELIVERY_BACKEND = DOWN
    _mail()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())  # as if the request had failed
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    message = OutboxMessage.objects.get()
    assert message.status == "sent" and message.body == "" and message.last_error == ""


def test_only_one_of_two_senders_claims_a_message():
    _mail()
    pk = OutboxMessage.objects.get().pk
    now = timezone.now()
    assert outbox_claim(pk=pk, now=now) is True
    assert outbox_claim(pk=pk, now=now) is False
    assert OutboxMessage.objects.get().attempts == 1


def test_a_second_sender_during_a_delivery_sends_nothing_twice(settings):
    settings.MAIL_DELIVERY_BACKEND = f"{MODULE}.SecondSenderBackend"
    SecondSenderBackend.second_runs = []
    for subject in ("first", "second", "third"):
        _mail(subject)
    first = outbox_deliver()
    # The second sender, run while the first handed over "first", took the other two.
    assert [run.sent for run in SecondSenderBackend.second_runs] == [2]
    assert first.sent == 1
    assert sorted(m.subject for m in mail.outbox) == ["first", "second", "third"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_a_message_left_sending_by_a_dead_sender_is_sent_after_the_timeout():
    _mail()
    message = OutboxMessage.objects.get()
    started = timezone.now()
    assert outbox_claim(pk=message.pk, now=started)  # ... and the sender died here
    assert outbox_deliver(now=started + SENDING_TIMEOUT - datetime.timedelta(seconds=1)).sent == 0
    assert outbox_deliver(now=started + SENDING_TIMEOUT + datetime.timedelta(seconds=1)).sent == 1
    assert len(mail.outbox) == 1


def test_sent_and_failed_messages_are_deleted_after_the_retention_period(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    for subject in ("old sent", "old failed", "new sent", "queued"):
        _mail(subject)
    long_ago = timezone.now() - datetime.timedelta(days=31)
    OutboxMessage.objects.filter(subject="old sent").update(status="sent", sent_at=long_ago)
    OutboxMessage.objects.filter(subject="old failed").update(
        status="failed", last_attempt_at=long_ago
    )
    OutboxMessage.objects.filter(subject="new sent").update(status="sent", sent_at=timezone.now())
    OutboxMessage.objects.filter(subject="queued").update(created_at=long_ago)
    assert outbox_purge() == 2
    assert sorted(OutboxMessage.objects.values_list("subject", flat=True)) == ["new sent", "queued"]


def test_the_command_prints_one_line_and_fails_when_a_message_failed_for_good(settings, capsys):
    settings.MAIL_DELIVERY_BACKEND = DOWN
    _mail()
    OutboxMessage.objects.update(attempts=MAX_ATTEMPTS - 1, next_attempt_at=timezone.now())
    with translation.override("en"):
        with pytest.raises(CommandError, match="E-mails failed for good: 1"):
            call_command("send_outbox")
        out = capsys.readouterr().out
        assert out.count("\n") == 1
        assert "0 sent, 0 to be tried again, 1 failed" in out
        call_command("send_outbox")
        assert "0 sent, 0 to be tried again, 0 failed, 0 deleted" in capsys.readouterr().out


def test_the_error_kept_names_no_password():
    error = ConnectionRefusedError("cannot reach smtp://office:s3cret@mail.example.org:587")
    summary = services.error_summary(error)
    assert "s3cret" not in summary and "mail.example.org" in summary
