"""Back-office parts shared by every app's lists: publishing and unpublishing as bulk
actions (core.bulk_actions); Wagtail's own labels in the reader's language
(core.vendor_labels)."""

from django.urls import reverse
from wagtail import hooks

from .bulk_actions import PublishBulkAction, UnpublishBulkAction
from .vendor_labels import reports_menu_translate, vendor_labels_translate

hooks.register("register_bulk_action", PublishBulkAction)
hooks.register("register_bulk_action", UnpublishBulkAction)

vendor_labels_translate()


@hooks.register("construct_reports_menu")
def _reports_menu_in_the_readers_language(request, menu_items):
    reports_menu_translate(menu_items, reverse("wagtail_localize:translations_report"))
