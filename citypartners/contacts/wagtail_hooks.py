"""Back-office screens for contact people; only users with the contacts permissions see them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactPerson


class ContactPersonViewSet(SnippetViewSet):
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


register_snippet(ContactPersonViewSet)
