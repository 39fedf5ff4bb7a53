"""The e-mail backend of every environment (EMAIL_BACKEND): it stores, it does not send.

Django's send_mail, EmailMessage.send, Wagtail's password reset and everything else that
sends mail through Django lands here. The messages are written to the outbox in the
caller's transaction and delivered after the commit through MAIL_DELIVERY_BACKEND (SMTP in
production); see services.py.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

from .services import outbox_enqueue

logger = logging.getLogger(__name__)

OUTBOX_BACKEND = f"{__name__}.OutboxBackend"


class OutboxBackend(BaseEmailBackend):
    """Stores each message in the outbox; the number stored is the number "sent"."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        try:
            return len(outbox_enqueue(messages=list(email_messages)))
        except Exception:
            if not self.fail_silently:
                raise
            logger.exception("E-mails could not be stored in the outbox.")
            return 0
