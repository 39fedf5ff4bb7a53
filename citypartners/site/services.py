"""Writes of the public site: the accessibility feedback, the office's notice of it, and its
answer in the back office."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models.feedback import AccessibilityFeedback


def feedback_rate_limited(*, key: str) -> bool:
    """Whether this client has sent as many messages as FEEDBACK_RATE_LIMIT allows."""
    limit, seconds = settings.FEEDBACK_RATE_LIMIT
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    return (
        AccessibilityFeedback.objects.filter(client_key=key, created_at__gte=since).count() >= limit
    )


@transaction.atomic
def feedback_submit(
    *,
    page,
    message: str,
    key: str,
    name: str = "",
    email: str = "",
    trap: str = "",
    office_email: str = "",
) -> AccessibilityFeedback | None:
    """Store one accessibility feedback message from the client with this key, and tell the
    office at `office_email` (if any) by e-mail.

    A filled-in trap field (a field people never see) means a bot: nothing is stored and
    None is returned, so that the caller answers as if it had worked.
    """
    if trap:
        return None
    if feedback_rate_limited(key=key):
        raise ValidationError(
            _("You have sent several messages in a short time. Please try again in an hour.")
        )
    feedback = AccessibilityFeedback(
        page=page,
        message=message,
        name=name,
        email=email,
        client_key=key,
        language=get_language() or "",
    )
    feedback.full_clean()
    feedback.save()
    if office_email:
        # Into the outbox in this transaction; it leaves after the commit, and is retried
        # until it does, so a mail server that is down never fails the sender's request.
        _feedback_to_office(feedback, office_email)
    return feedback


def _feedback_to_office(feedback: AccessibilityFeedback, office_email: str) -> None:
    edit_path = reverse("wagtailsnippets_site_accessibilityfeedback:edit", args=[feedback.pk])
    lines = [
        f"Name: {feedback.name or '-'}",
        f"E-Mail: {feedback.email or '-'}",
        f"Sprache / language: {feedback.language}",
        "",
        feedback.message,
        "",
        f"{settings.WAGTAILADMIN_BASE_URL}{edit_path}",
    ]
    send_mail(
        # No word of the sender's in the header.
        subject="Rückmeldung zur Barrierefreiheit / accessibility feedback",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[office_email],
    )


@transaction.atomic
def feedback_status_set(*, feedback: AccessibilityFeedback, status: str, user):
    """Mark a message answered (when and by whom) or new again; logged in the audit log."""
    if status == AccessibilityFeedback.Status.ANSWERED:
        if feedback.answered_at is None:  # keep the first answer's date and author
            feedback.answered_at, feedback.answered_by = timezone.now(), user
    else:
        feedback.answered_at, feedback.answered_by = None, None
    feedback.status = status
    feedback.full_clean()
    feedback.save()
    log(
        instance=feedback,
        action="wagtail.edit",
        user=user,
        data={"fields": ["status", "answered_at", "answered_by"]},
    )
    return feedback
