"""Back-office screen for money: the budget lines, under their own menu item.

The list shows the amounts in the admin's language ("1.234,56 €", "€1,234.56"); its
exports give them as numbers, which spreadsheets sum.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from citypartners.accounts.viewsets import OwnedViewSetMixin
from citypartners.core.admin_lists import Export, ListFilterSet, choice_label, text

from .forms import BudgetLineForm
from .models import BudgetLine, FundingSource

NOTE_LENGTH = 60


def _yes_no(value) -> str:
    return str(_("yes") if value else _("no"))


def _short_note(line) -> str:
    note = " ".join(line.note.split())
    return note if len(note) <= NOTE_LENGTH else note[: NOTE_LENGTH - 1] + "…"


class BudgetLineFilterSet(ListFilterSet):
    class Meta:
        model = BudgetLine
        fields = ["year", "owner", "partnership", "source", "focus_area", "is_public"]


class BudgetLineViewSet(OwnedViewSetMixin, SnippetViewSet):
    model = BudgetLine
    icon = "table"
    menu_label = _("Money")
    menu_order = 167
    add_to_admin_menu = True
    list_display = [
        "year",  # first and a string: the column with the edit link
        Column("partnership", label=_("partnership")),
        Column("get_source_display", label=_("funding source")),
        Column("planned", label=_("planned"), accessor="planned_display"),
        Column("spent", label=_("spent"), accessor="spent_display"),
        Column("note", label=_("note"), accessor=_short_note),
        BooleanColumn("is_public", label=_("public")),
    ]
    column_labels = {"year": _("year")}
    filterset_class = BudgetLineFilterSet
    search_fields = [
        "note_de",
        "note_en",
        "partnership__city__name_de",
        "partnership__city__name_en",
        "project__title_de",
        "project__title_en",
    ]
    search_backend_name = None
    ordering = ["-year", "partnership__city__name_en", "source", "pk"]
    edit_handler = ObjectList(BudgetLine.panels, base_form_class=BudgetLineForm)
    inspect_view_fields = [
        "owner",
        "partnership",
        "project",
        "activity",
        "year",
        "source",
        "focus_area",
        "planned_display",
        "spent_display",
        "note_de",
        "note_en",
        "is_public",
    ]
    exports = (
        Export("year", _("year"), lambda b: b.year),
        Export("owner", _("owner"), lambda b: text(b.owner)),
        Export("partnership", _("partnership"), lambda b: text(b.partnership)),
        Export("project", _("project"), lambda b: text(b.project)),
        Export("activity", _("activity"), lambda b: text(b.activity)),
        Export("source", _("funding source"), lambda b: choice_label(FundingSource, b.source)),
        Export("focus_area", _("focus area"), lambda b: text(b.focus_area)),
        Export("planned", _("planned (euro)"), lambda b: b.amount_planned),
        Export("spent", _("spent (euro)"), lambda b: b.amount_spent),
        Export("public", _("public"), lambda b: _yes_no(b.is_public)),
        Export("note", _("note"), lambda b: b.note),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "owner",
                "partnership__owner",
                "partnership__city",
                "project",
                "activity",
                "focus_area",
            )
        )


register_snippet(BudgetLineViewSet)
