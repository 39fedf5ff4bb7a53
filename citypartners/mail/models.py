"""The outbox: one row per outgoing e-mail, from the moment it is written until it is delivered.

What must stay true: a message is stored in the same transaction as the change it reports
(a rolled-back request leaves no mail); only the sender that moved a message from "queued"
to "sending" delivers it (services.outbox_claim); the body is erased once the transport has
accepted the message, so a password reset link or a sender's text does not outlive the
delivery; sent and failed messages are deleted after OUTBOX_RETENTION_DAYS.
"""

from django.contrib import admin
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An outgoing e-mail, with its delivery state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    from_email = models.CharField(_("from"), max_length=998)
    to = models.JSONField(_("to"), default=list, blank=True)  # bcc alone is a recipient too
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("text"), blank=True)
    content_subtype = models.CharField(_("text type"), max_length=20, default="plain")
    # [[content, mimetype], ...], e.g. an HTML version of the text.
    alternatives = models.JSONField(_("alternative versions"), default=list, blank=True)
    # [{"filename", "content", "mimetype", "base64"}, ...]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Extra headers, with Message-ID and Date fixed when the message was written, so that a
    # second delivery after a crash carries the same Message-ID.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        # Read and sent again, never added, edited or deleted by hand.
        default_permissions = ("view",)
        permissions = [("resend_outboxmessage", _("Can send a failed e-mail again"))]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="mail_outbox_due"),
        ]

    def __str__(self):
        return Truncator(self.subject).chars(80)

    @admin.display(description=_("recipients"))
    def recipients_display(self):
        """To, cc and bcc, for the back office."""
        return ", ".join([*self.to, *self.cc, *self.bcc])

    @admin.display(description=_("last error"))
    def last_error_excerpt(self):
        return Truncator(self.last_error).chars(80)
