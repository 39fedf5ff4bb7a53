"""Back-office screens of the outbox: "Outgoing mail" and a dashboard notice of failures.

Both are for the state's office (the permission "mail.view_outboxmessage", see
accounts.roles): the messages carry names and addresses of the public.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .views import OutboxAttentionPanel, OutboxViewSet

outbox_viewset = OutboxViewSet()


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("construct_homepage_panels")
def outbox_attention_panel(request, panels):
    if request.user.has_perm("mail.view_outboxmessage"):
        panels.append(OutboxAttentionPanel(reverse(outbox_viewset.get_url_name("index"))))


@hooks.register("register_log_actions")
def outbox_log_actions(actions):
    actions.register_action(
        "citypartners.outbox_resend", _("Send e-mail again"), _("E-mail queued to be sent again")
    )
