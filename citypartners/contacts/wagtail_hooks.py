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

from citypartners.core.admin_lists import Export, ListViewSetMixin, names, text

from . import views
from .forms import ContactPersonAdminForm
from .models import ContactPerson


def _consent(person) -> str:
    return str(_("yes") if person.consent_public else _("no"))


def _stored_on(person):
    return person.consent_stored_on


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
    # The list, and so its export, opens only to accounts with the contacts permissions (the
    # contact data stewards); no other list exports a contact person's data.
    exports = (
        Export("name", _("name"), lambda c: c.name),
        Export("role", _("role"), lambda c: c.role),
        Export("organisation", _("organisation"), lambda c: text(c.organisation)),
        Export("email", _("e-mail"), lambda c: c.email),
        Export("phone", _("phone"), lambda c: c.phone),
        Export("languages", _("languages spoken"), lambda c: c.languages),
        Export("focus_areas", _("focus areas"), lambda c: names(c.focus_areas)),
        Export("consent_public", _("agreed to be shown publicly"), _consent),
        Export("consent_stored_on", _("consent to storing given on"), _stored_on),
    )
    export_prefetch = ("focus_areas",)


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
