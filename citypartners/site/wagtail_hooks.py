"""Back-office screens of the public site: the inbox of accessibility feedback, and the
office's dashboard on the back office's home (site.dashboard).

BITV requires an answer to each message; the inbox shows which are still new, and when and
by whom each was answered. Sender names and addresses are personal data, so only the
state's office sees the inbox (``accounts.roles.STATE_ONLY``).
"""

from django.contrib import messages
from django.db import transaction
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from citypartners.core.admin_lists import ListViewSetMixin
from citypartners.core.page_cache import instance_tag, tag

from . import (
    new_partner_city,  # noqa: F401 (registers its URL, menu item and panel)
    services,
)
from .dashboard import dashboard_panels
from .dashboard_views import section_list
from .handbook import handbook_index, handbook_job
from .models import AccessibilityFeedback


class FeedbackEditView(EditView):
    """Saves the status through the service, which records the answer's date and author."""

    @transaction.atomic
    def save_instance(self):
        return services.feedback_status_set(
            feedback=self.form.instance,
            status=self.form.cleaned_data["status"],
            user=self.request.user,
        )


class AccessibilityFeedbackViewSet(ListViewSetMixin, SnippetViewSet):
    model = AccessibilityFeedback
    icon = "mail"
    menu_label = _("Accessibility feedback")
    menu_order = 167
    add_to_admin_menu = True
    list_display = [
        "excerpt",
        "status",
        DateColumn("created_at", label=_("received")),
        DateColumn("answered_at", label=_("answered on")),
        "answered_by",
    ]
    list_filter = ["status"]
    search_fields = ["name", "email", "message"]
    search_backend_name = None
    edit_view_class = FeedbackEditView
    edit_handler = ObjectList(AccessibilityFeedback.panels)


register_snippet(AccessibilityFeedbackViewSet)


@hooks.register("before_serve_page")
def _tag_served_page(page, request, serve_args, serve_kwargs):
    """The page cache keeps the page served under its tag (core.page_cache), so that its
    publication purges it; pages Wagtail only routes through are not tagged."""
    tag(instance_tag(Page, page.pk))


@hooks.register("construct_homepage_panels")
def office_dashboard(request, panels):
    """The office's working day first (site.dashboard), before Wagtail's own panels."""
    panels.extend(dashboard_panels(request))


@hooks.register("register_admin_urls")
def dashboard_section_urls():
    """The whole list behind each section of the dashboard."""
    return [path("dashboard/<slug:key>/", section_list, name="citypartners_dashboard_section")]


@hooks.register("register_admin_urls")
def handbook_urls():
    """The editors' handbook (site.handbook); Wagtail's admin URLs need admin access."""
    return [
        path("handbook/", handbook_index, name="handbook"),
        path("handbook/<slug:slug>/", handbook_job, name="handbook_job"),
    ]


@hooks.register("register_help_menu_item")
def handbook_menu_item():
    return MenuItem(_("Handbook for editors"), reverse("handbook"), icon_name="help", order=900)


@hooks.register("after_create_page")
def _offer_page_translation(request, page):
    """A page made in one language gets its linked translation into the other as a draft
    (services.page_translation_drafts_create), and the editor a link to translate it."""
    for draft in services.page_translation_drafts_create(page=page, user=request.user):
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("A draft of its version in %(language)s was made, linked as its translation.")
                % {"language": draft.locale.get_display_name()},
                reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                _("Translate it"),
            ),
        )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def _warn_of_a_video_below_bitv(request, page):
    """A video page whose video is smaller or slower than BITV 2.0 asks for a sign-language
    video (or whose numbers are missing) is saved all the same; the editor is told why it
    falls short (VideoPage.bitv_shortfalls)."""
    shortfalls = getattr(page.specific, "bitv_shortfalls", None)
    for shortfall in shortfalls() if shortfalls else []:
        messages.warning(request, shortfall)
