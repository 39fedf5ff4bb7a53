"""Back-office screens for organisations."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from citypartners.accounts.admin_forms import OwnedRecordForm
from citypartners.accounts.viewsets import OwnedViewSetMixin

from .models import Organisation


class OrganisationViewSet(OwnedViewSetMixin, SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "type", "city"]
    edit_handler = ObjectList(Organisation.panels, base_form_class=OwnedRecordForm)
    list_filter = ["owner", "type", "focus_areas", "partnerships", "city__country_code"]
    search_fields = ["name", "city__name_en", "city__name_de"]
    search_backend_name = None


register_snippet(OrganisationViewSet)
