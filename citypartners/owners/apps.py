from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OwnersConfig(AppConfig):
    """Who keeps records: the state and its boroughs."""

    name = "citypartners.owners"
    label = "owners"
    verbose_name = _("Owners")
