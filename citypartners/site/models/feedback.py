"""Messages sent through the accessibility statement's feedback form."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """A message sent through the accessibility statement's feedback form."""

    page = models.ForeignKey(
        "site.AccessibilityPage",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    message = models.TextField(_("message"), max_length=settings.FEEDBACK_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.message[:40]}"
