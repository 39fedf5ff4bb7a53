from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .compat import install

install()  # before wagtail-2fa's hooks are imported


class AccountsConfig(AppConfig):
    name = "citypartners.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import permissions  # it imports models, which the registry must hold first

        permissions.register_policies()
