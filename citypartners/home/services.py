"""Writes of the home app."""

from django.db import transaction
from django.utils.translation import get_language


@transaction.atomic
def feedback_submit(*, page, message: str, name: str = "", email: str = ""):
    """Store one accessibility feedback message."""
    # Imported here: the page model calls this service, so a top-level import would cycle.
    from .models import AccessibilityFeedback

    feedback = AccessibilityFeedback(
        page=page, message=message, name=name, email=email, language=get_language() or ""
    )
    feedback.full_clean()
    feedback.save()
    return feedback
