"""Messages sent through the accessibility statement's feedback form, and their answer.

BITV requires an answer to each message, so the office's inbox keeps whether and when a
message was answered and by whom. The sender is kept only as a keyed hash of the address
(for the rate limit), never the address itself.
"""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from citypartners.core.admin_display import ReadOnlyFieldPanel
from citypartners.core.models import VersionedRecord, version_panel


class AccessibilityFeedback(VersionedRecord):
    """A message sent through the accessibility statement's feedback form."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ANSWERED = "answered", _("answered")

    page = models.ForeignKey(
        "site.AccessibilityPage",
        verbose_name=_("page"),
        null=True,
        blank=True,  # the message stays when the page is deleted, and can still be answered
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    message = models.TextField(_("message"), max_length=settings.FEEDBACK_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=5)
    client_key = models.CharField(
        _("sender key"),
        max_length=64,
        blank=True,  # messages received before the rate limit have none
        editable=False,
        db_index=True,
        help_text=_("A keyed hash of the sender's address, only for the rate limit."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("status"),
        FieldRowPanel([ReadOnlyFieldPanel("answered_at"), ReadOnlyFieldPanel("answered_by")]),
        FieldRowPanel([ReadOnlyFieldPanel("created_at"), ReadOnlyFieldPanel("language")]),
        FieldRowPanel([ReadOnlyFieldPanel("name"), ReadOnlyFieldPanel("email")]),
        ReadOnlyFieldPanel("message"),
        version_panel(),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.message[:40]}"

    @admin.display(description=_("message"))
    def excerpt(self):
        """The message's beginning, for the inbox."""
        return Truncator(self.message).chars(100)
