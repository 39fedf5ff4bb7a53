"""Accounts in the back office: the audit log's menu item, the account log action, and the
visibility policy in the page chooser."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .views import AUDIT_PERMISSION
from .visibility import visible


@hooks.register("register_log_actions")
def account_log_actions(actions):
    actions.register_action(
        "citypartners.account_create", _("Create account"), _("Account created")
    )
    actions.register_action(
        "citypartners.contact_export", _("Export personal data"), _("Personal data exported")
    )
    actions.register_action(
        "citypartners.contact_erase", _("Erase personal data"), _("Personal data erased")
    )


@hooks.register("construct_reports_menu")
def audit_log_only_for_readers(request, menu_items):
    if not request.user.has_perm(AUDIT_PERMISSION):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("construct_page_chooser_queryset")
def page_chooser_shows_visible_pages(pages, request):
    """Unpublished pages only for accounts with page permissions (others link live pages)."""
    return visible(request.user, pages)
