"""Back-office screens for contact people; only users with the contacts permissions see them."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from citypartners.core.admin_lists import ListViewSetMixin

from . import views
from .forms import ContactPersonAdminForm
from .models import ContactPerson


class ContactPersonViewSet(ListViewSetMixin, SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    menu_order = 175
    add_to_admin_menu = True
    list_display = [
        "name",
        "organisation",
        "email",
        BooleanColumn("consent_public", label=_("public")),
    ]
    list_filter = ["consent_public", "focus_areas", "partnerships"]
    search_fields = ["name", "email", "organisation__name"]
    search_backend_name = None
    edit_handler = ObjectList(ContactPerson.panels, base_form_class=ContactPersonAdminForm)


register_snippet(ContactPersonViewSet)


@hooks.register("register_admin_urls")
def data_protection_urls():
    return [
        path("contacts/<int:pk>/export/", views.export, name="contacts_export"),
        path("contacts/<int:pk>/erase/", views.erase, name="contacts_erase"),
        path("contacts/retention/", views.retention_report, name="contacts_retention"),
    ]


@hooks.register("register_snippet_listing_buttons")
def data_protection_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, ContactPerson):
        return
    if user.has_perm("contacts.view_contactperson"):
        yield ListingButton(
            _("Export data (JSON)"), reverse("contacts_export", args=[snippet.pk]), priority=90
        )
    if user.has_perm("contacts.delete_contactperson"):
        yield ListingButton(
            _("Erase all data"), reverse("contacts_erase", args=[snippet.pk]), priority=95
        )


class RetentionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("contacts.view_contactperson")


@hooks.register("register_reports_menu_item")
def retention_menu_item():
    return RetentionMenuItem(
        _("Contacts past retention"), reverse("contacts_retention"), icon_name="user", order=900
    )
