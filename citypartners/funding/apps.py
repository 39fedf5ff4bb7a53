from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "citypartners.funding"
    label = "funding"
    verbose_name = _("Money")

    def ready(self):
        # After accounts' ready() (earlier in INSTALLED_APPS), which gave every owned model
        # the plain owner policy: budget lines read "public" where others read "published".
        from .permissions import register_policy  # noqa: PLC0415 (needs the app registry)

        register_policy()
