"""Writes of the public site: the accessibility feedback."""

from django.db import transaction
from django.utils.translation import get_language

from .models.feedback import AccessibilityFeedback


@transaction.atomic
def feedback_submit(*, page, message: str, name: str = "", email: str = ""):
    """Store one accessibility feedback message."""
    feedback = AccessibilityFeedback(
        page=page, message=message, name=name, email=email, language=get_language() or ""
    )
    feedback.full_clean()
    feedback.save()
    return feedback
