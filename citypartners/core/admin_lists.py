"""Back-office lists in a number of queries that does not grow with their rows (issue 13).

What must stay true: a list fetches the records its columns link to with its rows (a join
for each foreign key named in ``list_display``), and a filter's choices of linked records
come with the records their names are made of (a partnership is named by its owner and
city), so that neither costs a query per row or per choice; a chooser's rows likewise, with
their status tag. The generated test (site/tests/test_back_office_query_counts.py) asks every
registered list and chooser with few and more rows and fails on a query per row.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property, lazy
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.models import DraftStateMixin, Revision, WorkflowMixin, WorkflowState

from .choosers import SearchingChooserViewSet
from .i18n import untranslated_records_q


def listed_relations(model, list_display) -> list[str]:
    """The foreign keys of ``model`` shown as columns (by name or as a Column's accessor)."""
    names = []
    for item in list_display or ():
        name = item if isinstance(item, str) else getattr(item, "accessor", None)
        if not isinstance(name, str):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete and (field.many_to_one or field.one_to_one):
            names.append(name)
    return names


def chooser_rows(queryset):
    """A chooser's rows, named and with their status tag (Wagtail's "scheduled") without a
    query each: with every non-null linked record, and for a model with drafts whether a
    publication is scheduled (read by ``core.models.ScheduleAnnotatedMixin``)."""
    queryset = queryset.select_related()
    model = queryset.model
    if issubclass(model, DraftStateMixin):
        scheduled = Revision.objects.filter(
            base_content_type=model.get_base_content_type(),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        )
        queryset = queryset.annotate(_approved_schedule=Exists(scheduled))
    if issubclass(model, WorkflowMixin):
        # Whether a review is under way (the status tag), as Wagtail's page listings load it.
        states = WorkflowState.objects.active().select_related("current_task_state__task")
        queryset = queryset.prefetch_related(
            Prefetch("_workflow_states", queryset=states, to_attr="_current_workflow_states")
        )
    return queryset


class ListFilterSet(WagtailFilterSet):
    """A list's filters, whose choices of linked records are named without a query each."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for list_filter in self.filters.values():
            queryset = getattr(list_filter, "queryset", None)
            if isinstance(queryset, QuerySet):
                # Every non-null foreign key: the records a name is made of are required ones.
                list_filter.queryset = queryset.select_related()


class TranslationMissingFilterMixin(django_filters.FilterSet):
    """A list's filter of the records whose translation is missing."""

    translation_missing = django_filters.BooleanFilter(
        label=_("Translation missing"), method="filter_translation_missing"
    )

    def filter_translation_missing(self, queryset, name, value):
        if value is None:
            return queryset
        condition = untranslated_records_q(queryset.model)
        return queryset.filter(condition) if value else queryset.exclude(condition)


def _with_translation_missing(filterset_class):
    if issubclass(filterset_class, TranslationMissingFilterMixin):
        return filterset_class
    return type(filterset_class.__name__, (TranslationMissingFilterMixin, filterset_class), {})


class ListViewSetMixin:
    """For a SnippetViewSet: its list with the records its columns link to, filters named by
    ``ListFilterSet``, an export to CSV and XLSX of the columns in ``exports`` (Export), and
    chooser texts in the language of whoever reads them.

    ``column_labels`` names columns that Wagtail would label with an attribute's name (the
    title column of a property ``title`` reads "Title" in every language)."""

    exports: tuple = ()
    export_prefetch: tuple = ()
    column_labels: dict = {}
    chooser_viewset_class = SearchingChooserViewSet

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return queryset.select_related(*listed_relations(self.model, self.list_display))

    @property
    def list_export(self):
        return [export.key for export in self.exports]

    @property
    def export_headings(self):
        return {export.key: capfirst(export.heading) for export in self.exports}

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(
            base_filterset_class=ListFilterSet,
            list_display=_capitalised(self.list_display),
            export_values={export.key: export.value for export in self.exports},
            export_prefetch=self.export_prefetch,
            column_labels=self.column_labels,
            **kwargs,
        )
        # A viewset's own filter set (else ListIndexViewMixin.filterset_class adds it).
        own = kwargs.get("filterset_class")
        if isinstance(own, type) and untranslated_records_q(self.model) is not None:
            kwargs["filterset_class"] = _with_translation_missing(own)
        return kwargs

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, IndexView) and not issubclass(view_class, ListIndexViewMixin):
            view_class = type(view_class.__name__, (ListIndexViewMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)

    @cached_property
    def chooser_viewset(self):
        chooser = super().chooser_viewset
        # Wagtail's ChooserViewSet translates its title when it is imported (gettext, not
        # gettext_lazy): "Auswählen" in every language. Translated when shown instead.
        chooser.page_title = _("Choose")
        chooser.widget_class = _lazy_texts_chooser(chooser.widget_class, self.model)
        # Its search box searches the list's fields (core.choosers), as the list's does.
        # (Wagtail's placeholder for "none given" is no list.)
        fields = getattr(self, "search_fields", None)
        chooser.search_fields = tuple(fields) if isinstance(fields, (list, tuple)) else ()
        return chooser


# Dates and labels shown in lists and exports ----------------------------------------------


def precise_date(value, precision: str = "day") -> str:
    """A date as precisely as it is known (a day, a month or only a year), in the language's
    format: a partnership "since 1968" is not "since 1 January 1968"."""
    if not value:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def choice_label(choices, value) -> str:
    """The label of ``value`` among ``choices`` (a TextChoices class), translated; the value
    itself if it is not one of them, and "" for none."""
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def text(record) -> str:
    """A linked record's name, "" for none (not "None")."""
    return "" if record is None else str(record)


def names(records) -> str:
    """The names of linked records (prefetched), one cell: "Climate, Culture"."""
    return ", ".join(str(record) for record in records.all())


# Exports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """One column of a list's export: its key, its heading (translated when the file is
    written) and the value of one row (a string, number or date)."""

    key: str
    heading: object
    value: Callable


class ListIndexViewMixin:
    """For a list's index view: export rows from ``export_values`` (a function per column),
    a file named in the user's language, and column headers from ``column_labels`` where
    Wagtail would show an untranslated attribute name ("Title" for a property)."""

    export_values = {}
    export_prefetch = ()
    column_labels = {}

    @cached_property
    def filterset_class(self):
        """Wagtail's filters of the list, and for a model with paired ``_de`` / ``_en``
        fields a "Translation missing" filter (the dashboard's missing translations link to
        it): the records ``core.i18n.untranslated_records_q`` finds."""
        filterset_class = super().filterset_class
        if self.model is None or untranslated_records_q(self.model) is None:
            return filterset_class
        if filterset_class is None:
            meta = type("Meta", (), {"model": self.model, "fields": []})
            filterset_class = type(
                f"{self.model.__name__}FilterSet", (self.base_filterset_class,), {"Meta": meta}
            )
        return _with_translation_missing(filterset_class)

    def to_row_dict(self, item):
        return {field: self.export_values[field](item) for field in self.list_export}

    def get_filename(self):
        return slugify(str(self.model._meta.verbose_name_plural)) or super().get_filename()

    def stream_csv(self, queryset):
        """The CSV's lines, each written in the user's language and time zone: the response
        streams them after the view has returned, when the admin's language (activated
        around the view) is no longer active. Not a generator itself, so that the language
        is read while the view runs."""
        language, zone = translation.get_language(), timezone.get_current_timezone()
        lines = super().stream_csv(queryset)

        def in_the_users_language():
            while True:
                with translation.override(language), timezone.override(zone):
                    line = next(lines, None)
                if line is None:
                    return
                yield line

        return in_the_users_language()

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.export_prefetch:
            queryset = queryset.prefetch_related(*self.export_prefetch)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def _get_custom_column(self, field_name, *args, **kwargs):
        column = super()._get_custom_column(field_name, *args, **kwargs)
        if field_name in self.column_labels:
            column.label = capfirst(self.column_labels[field_name])
        return column


def _capitalised(list_display):
    """The columns with their labels capitalised, as Wagtail's own ("Title", "Updated"):
    labels are given in lower case, as verbose names are."""
    items = []
    for item in list_display:
        if isinstance(item, BaseColumn) and item.label:
            item = copy.copy(item)
            item.label = capfirst(item.label)
            item.header = type(item).Header(item)  # the header renders from its column
        items.append(item)
    return items


def _lazy_texts_chooser(widget_class, model):
    """A chooser widget whose texts ("Choose owner") are translated when the form is shown.

    Wagtail's snippet chooser widget formats them when the widget is made, once for the
    form class, in the language of whoever opened a form first: an English admin then read
    "Träger auswählen". The same texts, formatted again at each reading."""
    name = model._meta.verbose_name

    def text(message):
        return lazy(lambda: message % {"object": name}, str)()

    def __init__(self, *args, **kwargs):
        widget_class.__init__(self, *args, **kwargs)
        self.choose_one_text = text(_("Choose %(object)s"))
        self.choose_another_text = text(_("Choose another %(object)s"))
        self.link_to_chosen_text = text(_("Edit this %(object)s"))

    return type(widget_class.__name__, (widget_class,), {"__init__": __init__})
