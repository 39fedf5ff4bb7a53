"""Writes of the outbox: store, claim, deliver, retry, send again, delete after retention.

A message is stored in the caller's transaction and delivered after the commit, and again by
`manage.py send_outbox` until it goes out. Only the sender whose claim moved a message from
"queued" to "sending" delivers it; the claim is one UPDATE with the due condition in its
WHERE clause, which PostgreSQL re-checks after waiting for a competing UPDATE of the same
row and SQLite runs one at a time, so two senders never both win. The message is marked
sent in the next statement after the transport accepted it. Only a crash between those two
(or a sender that outlives SENDING_TIMEOUT) can deliver a message twice; it then carries
the same Message-ID, which lets mail systems drop the copy.

Delivery must run outside a transaction (the commit hook, the command): a claim that is not
committed protects nothing.
"""

import base64
import datetime
import logging
import re
from dataclasses import dataclass
from email.mime.base import MIMEBase
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail import message as mail_message
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status

# Wait this long after the 1st, 2nd, ... failed attempt; after the last, the message is
# "failed" (about two and a half days after it was written) and waits for "send again".
RETRY_DELAYS = tuple(
    datetime.timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 240, 720, 1440, 1440)
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A message "sending" for longer than this was left by a sender that died; it is due again.
# Far above the time one delivery may take (SMTP_TIMEOUT), so a slow sender is not overtaken.
SENDING_TIMEOUT = datetime.timedelta(minutes=10)
# Seconds an SMTP connection may hang when EMAIL_TIMEOUT does not say: a mail server that
# does not answer must not hold a visitor's request (or the timer) for ever.
SMTP_TIMEOUT = 20
# At most this many messages per run of the command; the next minute's run takes the rest.
BATCH_SIZE = 200

_CREDENTIALS_IN_URL = re.compile(r"(//)[^/\s:@]+:[^/\s@]+@")


@dataclass
class DeliveryResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


# --- Storing --------------------------------------------------------------------------


def outbox_enqueue(*, messages: list[EmailMessage]) -> list[OutboxMessage]:
    """Store each message (in the caller's transaction) and deliver them after the commit.

    Messages without a recipient are skipped, as Django's own backends skip them.
    """
    stored = []
    with transaction.atomic():
        for email in messages:
            if not email.recipients():
                continue
            message = OutboxMessage(**_stored_fields(email), next_attempt_at=timezone.now())
            message.full_clean()
            message.save()
            stored.append(message)
    if stored:
        ids = [message.pk for message in stored]
        transaction.on_commit(lambda: outbox_deliver_quietly(ids=ids), robust=True)
    return stored


def _stored_fields(email: EmailMessage) -> dict:
    headers = {str(name): str(value) for name, value in email.extra_headers.items()}
    names = {name.lower() for name in headers}
    if "message-id" not in names:
        headers["Message-ID"] = make_msgid(domain=mail_message.DNS_NAME)
    if "date" not in names:
        headers["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    return {
        "from_email": str(email.from_email),
        "to": [str(address) for address in email.to],
        "cc": [str(address) for address in email.cc],
        "bcc": [str(address) for address in email.bcc],
        "reply_to": [str(address) for address in email.reply_to],
        "subject": str(email.subject),
        "body": str(email.body),
        "content_subtype": email.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(email, "alternatives", [])
        ],
        "attachments": [_stored_attachment(attachment) for attachment in email.attachments],
        "headers": headers,
    }


def _stored_attachment(attachment) -> dict:
    if isinstance(attachment, MIMEBase):
        # Refused loudly rather than stored half: nothing in the project attaches MIME parts.
        raise ValueError("The outbox stores attachments made with attach(filename, content).")
    filename, content, mimetype = attachment
    if isinstance(content, bytes):
        content, encoded = base64.b64encode(content).decode("ascii"), True
    else:
        encoded = False
    return {"filename": filename, "content": content, "mimetype": mimetype, "base64": encoded}


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    """The stored message as Django's e-mail object, for the delivery backend."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=dict(message.headers),
        alternatives=[(content, mimetype) for content, mimetype in message.alternatives],
    )
    email.content_subtype = message.content_subtype
    for attachment in message.attachments:
        content = attachment["content"]
        if attachment["base64"]:
            content = base64.b64decode(content)
        email.attach(attachment["filename"], content, attachment["mimetype"])
    return email


# --- Delivering -----------------------------------------------------------------------


def _due(now: datetime.datetime) -> Q:
    return Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, last_attempt_at__lt=now - SENDING_TIMEOUT
    )


def outbox_claim(*, pk: int, now: datetime.datetime) -> bool:
    """Take one due message for delivery; False if it is not due or another sender has it."""
    claimed = OutboxMessage.objects.filter(_due(now), pk=pk).update(
        status=Status.SENDING, last_attempt_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def outbox_deliver(
    *, ids: list[int] | None = None, now: datetime.datetime | None = None
) -> DeliveryResult:
    """Deliver the due messages (of `ids`, or the oldest BATCH_SIZE) through
    MAIL_DELIVERY_BACKEND, one at a time: claimed, handed over, marked."""
    clock = (lambda: now) if now else timezone.now
    due = OutboxMessage.objects.filter(_due(clock()))
    if ids is not None:
        due = due.filter(pk__in=ids)
    pks = list(due.order_by("created_at", "pk").values_list("pk", flat=True)[:BATCH_SIZE])
    result = DeliveryResult()
    if not pks:
        return result
    connection = _delivery_connection()
    try:
        for pk in pks:
            attempt_at = clock()
            if not outbox_claim(pk=pk, now=attempt_at):
                continue  # another sender was quicker
            message = OutboxMessage.objects.get(pk=pk)
            try:
                connection.open()  # once per run; again after a failure closed it
                if connection.send_messages([_email(message)]) != 1:
                    raise RuntimeError("The mail transport did not accept the message.")
            except Exception as error:
                _close_quietly(connection)
                if _attempt_failed(message, error, attempt_at):
                    result.failed += 1
                else:
                    result.retrying += 1
            else:
                _sent(message, clock())
                result.sent += 1
    finally:
        _close_quietly(connection)
    return result


def outbox_deliver_quietly(*, ids: list[int]) -> None:
    """The delivery attempt right after the commit: whatever happens, the request that wrote
    the messages goes on (they stay queued for the command)."""
    try:
        outbox_deliver(ids=ids)
    except Exception:
        logger.exception("Delivering outgoing e-mails %s failed; they stay queued.", ids)


def _delivery_connection():
    options = {} if settings.EMAIL_TIMEOUT else {"timeout": SMTP_TIMEOUT}
    return get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False, **options)


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.warning("Closing the mail connection failed.", exc_info=True)


def _sent(message: OutboxMessage, at: datetime.datetime) -> None:
    # The body goes: the mail is in the recipient's mailbox now, and a reset link or the
    # public's text should not wait here for the retention period.
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.SENT,
        sent_at=at,
        next_attempt_at=None,
        last_error="",
        body="",
        alternatives=[],
        attachments=[],
    )


def _attempt_failed(message: OutboxMessage, error: Exception, at: datetime.datetime) -> bool:
    """Note the failed attempt; True if it was the last one (the message is now "failed")."""
    final = message.attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.FAILED if final else Status.QUEUED,
        next_attempt_at=None if final else at + RETRY_DELAYS[message.attempts - 1],
        last_error=error_summary(error),
    )
    log_method = logger.error if final else logger.warning
    log_method(
        "Outgoing e-mail %s, attempt %s of %s: %s",
        message.pk,
        message.attempts,
        MAX_ATTEMPTS,
        error_summary(error),
    )
    return final


def error_summary(error: Exception) -> str:
    """What went wrong, for the back office: the kind of error and the server's answer,
    without a password that a connection address may carry."""
    text = f"{type(error).__name__}: {error}"
    return _CREDENTIALS_IN_URL.sub(r"\1***@", text)[:1000]


# --- The back office and the timer -----------------------------------------------------


@transaction.atomic
def outbox_resend(*, message: OutboxMessage, user) -> OutboxMessage:
    """Queue a failed message again, due now, with a fresh series of attempts; logged."""
    requeued = OutboxMessage.objects.filter(pk=message.pk, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    if not requeued:
        raise ValidationError(_("Only an e-mail that failed can be sent again."))
    message.refresh_from_db()
    # The title names no recipient: the audit log outlives the message.
    log(
        instance=message,
        action="citypartners.outbox_resend",
        user=user,
        title=f"#{message.pk}",
    )
    transaction.on_commit(lambda: outbox_deliver_quietly(ids=[message.pk]), robust=True)
    return message


def outbox_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete sent and failed messages older than OUTBOX_RETENTION_DAYS; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _by_model = OutboxMessage.objects.filter(
        Q(status=Status.SENT, sent_at__lt=cutoff)
        | Q(status=Status.FAILED, last_attempt_at__lt=cutoff)
    ).delete()
    return deleted


@dataclass
class OutboxRun(DeliveryResult):
    deleted: int = 0
    waiting: int = 0


def outbox_run(*, now: datetime.datetime | None = None) -> OutboxRun:
    """One run of the timer: deliver what is due, delete what is past retention."""
    delivered = outbox_deliver(now=now)
    return OutboxRun(
        sent=delivered.sent,
        retrying=delivered.retrying,
        failed=delivered.failed,
        deleted=outbox_purge(now=now),
        waiting=OutboxMessage.objects.filter(status__in=[Status.QUEUED, Status.SENDING]).count(),
    )
