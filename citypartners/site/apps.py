from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The public site: every Wagtail page, its templates, tags, search and feeds."""

    name = "citypartners.site"
    label = "site"
    verbose_name = _("Public site")

    def ready(self):
        # The page cache's purge listens to every write of what the public pages show.
        from . import cache_purge  # noqa: F401, PLC0415
