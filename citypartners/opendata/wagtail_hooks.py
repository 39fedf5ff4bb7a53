"""The import screen in the back office's menu, for those allowed to import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import import_view, may_import


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


@hooks.register("register_admin_urls")
def import_urls():
    return [path("import/", import_view, name="opendata_import")]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(_("Import"), reverse("opendata_import"), icon_name="download", order=900)
