from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
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
        post_migrate.connect(_roles_sync_after_migrate, dispatch_uid="accounts_roles_sync")


def _roles_sync_after_migrate(sender, using="default", plan=None, **kwargs):
    """The roles' groups and the review workflow after every ``migrate`` (as Django makes
    permissions then): so an existing install gets what roles.py says now. post_migrate is
    sent once per app, in INSTALLED_APPS order; only after the last one do all permissions
    (Wagtail's publish and lock permissions of snippets too) exist."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label or using != "default":
        return
    if plan and any(backwards for _migration, backwards in plan):
        return  # migrated back: the tables may not be what the models say
    from .services import roles_sync  # noqa: PLC0415 (needs the app registry ready)

    roles_sync()
