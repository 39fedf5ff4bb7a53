"""Reads of the outbox."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import OutboxMessage

# A due message waits this long only when `send_outbox` is not running (it runs every minute).
OVERDUE_AFTER = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class OutboxAttention:
    failed: int
    overdue: int


def outbox_attention(*, now: datetime.datetime | None = None) -> OutboxAttention:
    """What the office should look at: failed messages, and due messages nobody sends; one
    query."""
    overdue_since = (now or timezone.now()) - OVERDUE_AFTER
    counts = OutboxMessage.objects.aggregate(
        failed=Count("pk", filter=Q(status=OutboxMessage.Status.FAILED)),
        overdue=Count(
            "pk",
            filter=Q(status=OutboxMessage.Status.QUEUED, next_attempt_at__lt=overdue_since),
        ),
    )
    return OutboxAttention(failed=counts["failed"], overdue=counts["overdue"])
