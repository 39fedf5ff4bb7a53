"""Back-office views of the outbox: the list, one message's delivery record, "send again".

No view shows a message's text: it may hold a password reset link for another account,
which would let whoever reads it take that account over. Recipients, subject and the
delivery record are enough to see what failed and why.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from citypartners.core.admin_display import display_value

from .models import OutboxMessage
from .selectors import outbox_attention
from .services import outbox_resend

RESEND = "resend"  # the action of the permission "mail.resend_outboxmessage"


def _addresses(addresses):
    return ", ".join(addresses) or "–"


class OutboxIndexView(IndexView):
    resend_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutboxMessage.Status.FAILED and self.user_has_permission(RESEND):
            buttons.append(
                ListingButton(
                    _("Send again"),
                    url=reverse(self.resend_url_name, args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        return buttons


class OutboxInspectView(InspectView):
    resend_url_name = None

    def get_to_display_value(self):
        return _addresses(self.object.to)

    def get_cc_display_value(self):
        return _addresses(self.object.cc)

    def get_bcc_display_value(self):
        return _addresses(self.object.bcc)

    def get_reply_to_display_value(self):
        return _addresses(self.object.reply_to)

    def get_last_error_display_value(self):
        return self.object.last_error or "–"

    def get_field_display_value(self, field_name, field):
        # Wagtail shows an empty date ("next attempt" of a sent message) as "None", English in
        # both languages.
        shown = display_value(getattr(self.object, field_name, ""))
        return super().get_field_display_value(field_name, field) if shown is None else shown

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status == OutboxMessage.Status.FAILED and self.user_has_permission(RESEND):
            buttons.append(
                Button(
                    _("Send again"),
                    url=reverse(self.resend_url_name, args=[self.object.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        return buttons


class OutboxResendView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks, then puts a failed e-mail back in the queue and tries it at once."""

    model = OutboxMessage
    permission_required = RESEND
    template_name = "mail/admin/resend_confirm.html"
    page_title = gettext_lazy("Send again")
    header_icon = "mail"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(OutboxMessage, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            recipients=self.object.recipients_display(),
            index_url=reverse(self.index_url_name),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            outbox_resend(message=self.object, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            # The attempt runs after the commit; the list shows how it went.
            messages.success(
                request, _("The e-mail is queued again; the list shows whether it has gone out.")
            )
        return redirect(self.index_url_name)


class OutboxViewSet(ModelViewSet):
    """Outgoing mail: a list to read, filtered by status, and "send again" for failed ones."""

    model = OutboxMessage
    name = "outgoing_mail"
    url_prefix = "outgoing-mail"
    icon = "mail"
    menu_label = gettext_lazy("Outgoing mail")
    menu_order = 168
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "status",
        "subject",
        "to",
        "cc",
        "bcc",
        "reply_to",
        "from_email",
        "created_at",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_display = [
        "subject",
        "recipients_display",
        "status",
        Column("attempts", label=gettext_lazy("attempts")),
        DateColumn("created_at", label=gettext_lazy("written")),
        DateColumn("last_attempt_at", label=gettext_lazy("last attempt")),
        "last_error_excerpt",
    ]
    list_filter = ["status"]
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        # Only the list, the inspect view and "send again" exist: no URL names for the rest.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            resend_url_name=self.get_url_name("resend"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("resend/<int:pk>/", self.construct_view(OutboxResendView), name="resend"),
        ]


class OutboxAttentionPanel(Component):
    """On the dashboard of those who read the outbox: failed e-mails, and e-mails that wait
    because `send_outbox` is not running."""

    name = "outbox_attention"
    template_name = "mail/admin/attention_panel.html"
    order = 50

    def __init__(self, index_url: str):
        self.index_url = index_url

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        attention = outbox_attention()
        context.update(
            failed=attention.failed,
            overdue=attention.overdue,
            failed_url=f"{self.index_url}?status={OutboxMessage.Status.FAILED}",
            queued_url=f"{self.index_url}?status={OutboxMessage.Status.QUEUED}",
        )
        return context
