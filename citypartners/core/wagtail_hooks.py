"""Back-office parts shared by every app's lists: publishing and unpublishing as bulk
actions (core.bulk_actions)."""

from wagtail import hooks

from .bulk_actions import PublishBulkAction, UnpublishBulkAction

hooks.register("register_bulk_action", PublishBulkAction)
hooks.register("register_bulk_action", UnpublishBulkAction)
