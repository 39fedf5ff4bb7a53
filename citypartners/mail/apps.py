from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """The outbox: every outgoing e-mail is stored first and delivered after the commit."""

    name = "citypartners.mail"
    label = "mail"
    verbose_name = _("Outgoing mail")

    def ready(self):
        from . import checks  # registers the configuration checks; needs the settings loaded

        checks.register()
