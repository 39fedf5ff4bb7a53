"""Back-office lists in a number of queries that does not grow with their rows (issue 13).

What must stay true: a list fetches the records its columns link to with its rows (a join
for each foreign key named in ``list_display``), and a filter's choices of linked records
come with the records their names are made of (a partnership is named by its owner and
city), so that neither costs a query per row or per choice; a chooser's rows likewise, with
their status tag. The generated test (site/tests/test_back_office_query_counts.py) asks every
registered list and chooser with few and more rows and fails on a query per row.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Cast
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import DraftStateMixin, Revision, WorkflowMixin, WorkflowState


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


class ListViewSetMixin:
    """For a SnippetViewSet: its list with the records its columns link to, and filters
    named by ``ListFilterSet``."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return queryset.select_related(*listed_relations(self.model, self.list_display))

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(base_filterset_class=ListFilterSet, **kwargs)
