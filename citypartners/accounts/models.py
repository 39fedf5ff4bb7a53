"""Which owner (the state or a borough) a back-office account works for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    """An account's owner: its records are the ones the account may change."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    owner = models.ForeignKey(
        "owners.Owner",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("owner"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        permissions = [("view_audit_log", _("Can read the audit log"))]

    def __str__(self):
        return f"{self.user} – {self.owner}"
