"""Back-office screens for partnerships and their reference data."""

from operator import attrgetter

from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citypartners.accounts.viewsets import CreatorCheckedViewSetMixin, OwnedViewSetMixin
from citypartners.core.admin_lists import (
    Export,
    ListViewSetMixin,
    choice_label,
    names,
    precise_date,
    text,
)
from citypartners.core.countries import country_name
from citypartners.owners.models import Owner

from . import geonames
from .forms import CityAdminForm, PartnershipAdminForm
from .models import City, FocusArea, Partnership, PartnershipStatus
from .selectors import partnerships_annotated


def partner_since(partnership) -> str:
    """The date shown as "partner since", as precisely as it is known ("1968", not
    "1 January 1968"): the precision is annotated with it (selectors.partnerships_annotated)."""
    return precise_date(partnership.since, partnership.since_precision)


def current_status(partnership) -> str:
    """The status in force today, in words."""
    return choice_label(PartnershipStatus.Status, partnership.current_status)


def _yes_no(value) -> str:
    return str(_("yes") if value else _("no"))


class PartnershipViewSet(OwnedViewSetMixin, SnippetViewSet):
    model = Partnership
    icon = "link"
    menu_label = _("Partnerships")
    list_display = [
        # A plain string first: Wagtail makes it the title column with the edit link and buttons.
        "city",
        Column("owner", label=_("owner"), sort_key="owner__sort_order"),
        Column("get_kind_display", label=_("kind")),
        Column("since", label=_("partner since"), accessor=partner_since, sort_key="since"),
        Column("current_status", label=_("status"), accessor=current_status),
        BooleanColumn("verified", label=_("verified")),
    ]
    exports = (
        Export("owner", _("owner"), lambda p: text(p.owner)),
        Export("city", _("partner city"), lambda p: text(p.city)),
        Export("country", _("country"), lambda p: country_name(p.city.country_code)),
        Export("kind", _("kind"), lambda p: p.get_kind_display()),
        Export("since", _("partner since"), partner_since),
        Export("status", _("status"), current_status),
        Export("focus_areas", _("focus areas"), lambda p: names(p.focus_areas)),
        Export("verified", _("verified"), lambda p: _yes_no(p.verified)),
    )
    export_prefetch = ("focus_areas",)
    list_filter = ["owner", "kind", "verified", "focus_areas"]
    search_fields = ["city__name_en", "city__name_de", "city__name_local", "owner__name_de"]
    search_backend_name = None
    edit_handler = ObjectList(Partnership.panels, base_form_class=PartnershipAdminForm)

    def get_queryset(self, request):
        return self.owner_filter(request, partnerships_annotated())


class CityViewSet(CreatorCheckedViewSetMixin, ListViewSetMixin, SnippetViewSet):
    model = City
    icon = "globe"
    menu_label = _("Cities")
    list_display = ["name_en", "name_de", "name_local", "country_code", "geonames_id"]
    list_filter = ["country_code"]
    exports = (
        *(
            Export(name, City._meta.get_field(name).verbose_name, attrgetter(name))
            for name in ("name_en", "name_de", "name_local")
        ),
        Export("country", _("country"), lambda c: country_name(c.country_code)),
        Export("country_code", _("country code"), attrgetter("country_code")),
        *(
            Export(name, City._meta.get_field(name).verbose_name, attrgetter(name))
            for name in ("latitude", "longitude", "geonames_id")
        ),
    )
    search_fields = ["name_en", "name_de", "name_local"]
    search_backend_name = None
    edit_handler = ObjectList(City.panels, base_form_class=CityAdminForm)


class OwnerViewSet(ListViewSetMixin, SnippetViewSet):
    model = Owner
    icon = "group"
    menu_label = _("Owners")
    list_display = ["name_de", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_de", "name_en"]
    search_backend_name = None


class FocusAreaViewSet(ListViewSetMixin, SnippetViewSet):
    model = FocusArea
    icon = "tag"
    menu_label = _("Focus areas")
    list_display = ["name_de", "name_en", "slug"]
    search_fields = ["name_de", "name_en"]
    search_backend_name = None


class PartnershipGroup(SnippetViewSetGroup):
    menu_label = _("Partnerships")
    menu_icon = "link"
    menu_order = 150
    items = (PartnershipViewSet, CityViewSet, OwnerViewSet, FocusAreaViewSet)


register_snippet(PartnershipGroup)


def geonames_lookup(request):
    """Cities from the GeoNames data matching ?q=, for the lookup on the city form."""
    return JsonResponse({"results": geonames.search(request.GET.get("q", ""))})


@hooks.register("register_admin_urls")
def register_geonames_url():
    return [path("geonames/lookup/", geonames_lookup, name="geonames_lookup")]


@hooks.register("insert_global_admin_js")
def geonames_lookup_js():
    return format_html(
        '<script src="{}" data-lookup-url="{}" id="geonames-lookup-script" defer></script>',
        static("citypartners/admin/geonames_lookup.js"),
        reverse("geonames_lookup"),
    )
