from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Berlin demo data and the command that loads it."""

    name = "citypartners.demo"
    label = "demo"
    verbose_name = _("Demo data")
