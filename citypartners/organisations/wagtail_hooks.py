"""Back-office screens for organisations."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from citypartners.accounts.admin_forms import OwnedRecordForm
from citypartners.accounts.viewsets import OwnedViewSetMixin
from citypartners.core.admin_lists import Export, choice_label, names, text
from citypartners.core.countries import country_name

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
    exports = (
        Export("name", _("name"), lambda o: o.name),
        Export("type", _("type"), lambda o: choice_label(Organisation.Type, o.type)),
        Export("city", _("city"), lambda o: text(o.city)),
        Export("country", _("country"), lambda o: country_name(o.city.country_code)),
        Export("owner", _("owner"), lambda o: text(o.owner)),
        Export("focus_areas", _("focus areas"), lambda o: names(o.focus_areas)),
        Export("website", _("website"), lambda o: o.website),
    )
    export_prefetch = ("owner", "focus_areas")


register_snippet(OrganisationViewSet)
