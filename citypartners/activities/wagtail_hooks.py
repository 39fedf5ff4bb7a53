"""Back-office screens for activities; drafts, revisions, scheduling and locks are Wagtail's."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citypartners.accounts.viewsets import OwnedViewSetMixin
from citypartners.core.admin_lists import ListViewSetMixin

from .forms import ActivityAdminForm
from .models import Activity, ActivityKind


class ActivityViewSet(OwnedViewSetMixin, SnippetViewSet):
    model = Activity
    icon = "date"
    menu_label = _("Activities")
    list_display = [
        "title",  # first and a string: the title column with the edit link
        Column("kind", label=_("kind")),
        DateColumn("starts_at", label=_("starts"), sort_key="starts_at"),
        Column("get_status_display", label=_("status")),
        BooleanColumn("is_public", label=_("public")),
    ]
    list_filter = ["owner", "kind", "status", "is_public", "focus_areas", "partnerships", "live"]
    search_fields = ["title_de", "title_en", "place_de", "place_en"]
    search_backend_name = None
    ordering = ["-starts_at"]
    edit_handler = ObjectList(Activity.panels, base_form_class=ActivityAdminForm)


class ActivityKindViewSet(ListViewSetMixin, SnippetViewSet):
    model = ActivityKind
    icon = "tag"
    menu_label = _("Kinds of activity")
    list_display = ["name_de", "name_en", "slug"]


class ActivityGroup(SnippetViewSetGroup):
    menu_label = _("Activities")
    menu_icon = "date"
    menu_order = 160
    items = (ActivityViewSet, ActivityKindViewSet)


register_snippet(ActivityGroup)
