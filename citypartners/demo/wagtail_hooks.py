"""The demo in the back office: its load is an entry in the change history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .services import LOAD_ACTION


@hooks.register("register_log_actions")
def demo_log_actions(actions):
    actions.register_action(LOAD_ACTION, _("Load demo data"), _("Demo data loaded"))
