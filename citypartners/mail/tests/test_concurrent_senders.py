"""Two senders at the same moment, each with its own database connection (two timer runs,
or a run and a request's attempt): on PostgreSQL, with real row locks, every message is
delivered exactly once. (SQLite runs one write at a time; the claim test in test_outbox.py
covers it.)"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from citypartners.mail.models import OutboxMessage
from citypartners.mail.services import outbox_deliver

from .backends import MODULE, SlowRecordingBackend

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

MESSAGES = 40


def test_two_senders_at_once_deliver_every_message_exactly_once(settings):
    settings.MAIL_DELIVERY_BACKEND = f"{MODULE}.SlowRecordingBackend"
    SlowRecordingBackend.delivered = []
    subjects = [f"message {number}" for number in range(MESSAGES)]
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            from_email="noreply@example.org",
            to=["office@example.org"],
            subject=subject,
            body="Text.",
            next_attempt_at=timezone.now(),
        )
        for subject in subjects
    )
    start = threading.Barrier(2)
    results, errors = [], []

    def sender():
        try:
            start.wait()
            results.append(outbox_deliver())
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(SlowRecordingBackend.delivered) == sorted(subjects)  # each once
    assert sum(result.sent for result in results) == MESSAGES
    assert all(result.sent for result in results), "both senders should have had work"
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
