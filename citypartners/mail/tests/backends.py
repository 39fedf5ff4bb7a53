"""Delivery backends for tests (MAIL_DELIVERY_BACKEND): a mail server that is down, one
during whose delivery a second sender runs, and a slow one for senders in threads."""

import smtplib
import threading
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from citypartners.mail.services import outbox_deliver

MODULE = __name__

# The ways a mail server is "down", as smtplib and the socket report them.
FAILURES = [
    smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    smtplib.SMTPRecipientsRefused({"office@example.org": (450, b"try again later")}),
    smtplib.SMTPException("451 local error in processing"),
    ConnectionRefusedError(111, "Connection refused"),
    TimeoutError("timed out"),
]


class DownBackend(BaseEmailBackend):
    """Every delivery fails with `error`."""

    error: Exception = ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        raise DownBackend.error


class SecondSenderBackend(LocmemBackend):
    """While it hands over a message, a second sender runs (as a second timer run would);
    what that sender delivered is kept in `second_runs`."""

    second_runs: list = []
    _inside = False

    def send_messages(self, email_messages):
        if not SecondSenderBackend._inside:
            SecondSenderBackend._inside = True
            try:
                SecondSenderBackend.second_runs.append(outbox_deliver())
            finally:
                SecondSenderBackend._inside = False
        return super().send_messages(email_messages)


class SlowRecordingBackend(BaseEmailBackend):
    """Takes a moment per message, as SMTP does, and records every subject it delivered
    (from any thread)."""

    delivered: list = []
    lock = threading.Lock()

    def send_messages(self, email_messages):
        time.sleep(0.01)
        with SlowRecordingBackend.lock:
            SlowRecordingBackend.delivered.extend(m.subject for m in email_messages)
        return len(email_messages)
