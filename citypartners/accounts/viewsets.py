"""Viewset mixins for owned records: the owner rules and the visibility policy on every
screen of a snippet viewset, including its chooser.

An account sees in a list, a chooser or a chooser's results only the records it may see
(``visibility.visible``); a screen on one record it may not see or change answers 403; a
read-only screen (inspect, history, usage) shows another owner's record as published, its
revisions only to those who may see its drafts, and no link to a record or model that the
account may not see.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.models import IndexView, InspectView, RevisionsCompareView
from wagtail.admin.views.generic.preview import PreviewRevision
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import CopyView

from citypartners.core.admin_display import display_value
from citypartners.core.admin_lists import ListViewSetMixin, chooser_rows
from citypartners.core.choosers import SearchingChooserViewSet

from .visibility import (
    as_published,
    hidden_relation,
    linked_shown,
    may_see,
    may_see_drafts,
    visible,
)

# Views that only show a record (as published, to those who may not see its drafts); views
# of its revisions show drafts; every other view on one record needs "change".
READ_VIEWS = (InspectView, history.HistoryView, usage.UsageView)
REVISION_VIEWS = (RevisionsCompareView, PreviewRevision)
VIEW = "view"
VIEW_DRAFTS = "view_drafts"


class OwnerCheckedViewMixin:
    """Refuses a view on one record unless the owner rules allow it (403 otherwise)."""

    owner_check_action = "change"  # or VIEW, or VIEW_DRAFTS

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk", args[0] if args else None)
        if pk is not None and self.model is not None:
            instance = self.model._default_manager.filter(pk=unquote(str(pk))).first()
            if instance is not None and not self._allowed(request.user, instance):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _allowed(self, user, instance):
        if self.owner_check_action == VIEW_DRAFTS:
            return may_see_drafts(user, instance)
        return self._owner_policy.user_has_permission_for_instance(
            user, self.owner_check_action, instance
        )

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if self.owner_check_action == VIEW and not may_see_drafts(self.request.user, instance):
            return as_published(instance)
        return instance

    @cached_property
    def _owner_policy(self):
        return policy_registry.get_by_type(self.model)


class VisibleLinksInspectMixin:
    """The inspect view without links to what the account may not see: no field linking to
    a model it may not see (such as contact people), and of the others only visible records."""

    def get_fields(self):
        return [name for name in super().get_fields() if not self._hidden(name)]

    def _hidden(self, name):
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return hidden_relation(self.request.user, field)

    def get_field_display_value(self, field_name, field):
        if field is not None and not field.many_to_many:  # an empty value, a flag, a revision
            shown = display_value(getattr(self.object, field_name, ""))
            if shown is not None:
                return shown
        if field is None or not field.is_relation:
            return super().get_field_display_value(field_name, field)
        value = getattr(self.object, field_name)
        if isinstance(value, models.Manager):
            records = linked_shown(self.request.user, value.all())
            return ", ".join(str(record) for record in records) or "-"
        if linked_shown(self.request.user, value) is None:
            return "-"
        return super().get_field_display_value(field_name, field)


class VisibleChoiceMixin:
    """A chooser's views list, and return as chosen, only records the account may see."""

    def get_object_list(self, *args, **kwargs):
        rows = chooser_rows(super().get_object_list(*args, **kwargs))
        return visible(self.request.user, rows)

    def get_object(self, pk):
        instance = super().get_object(pk)
        if not may_see(self.request.user, instance):
            raise self.model_class.DoesNotExist  # answered as a 404, like a missing record
        return instance

    def get_objects(self, pks):
        return visible(self.request.user, super().get_objects(pks))


class VisibleChooserViewSet(SearchingChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(
            type(view_class.__name__, (VisibleChoiceMixin, view_class), {}), **kwargs
        )


class OwnedViewSetMixin(ListViewSetMixin):
    """For snippet viewsets of owned models: lists and choosers show what the account may
    see, every view on one record checks the owner, and the owner field offers only allowed
    owners (accounts.admin_forms). Lists in a fixed number of queries (core.admin_lists)."""

    inspect_view_enabled = True  # a read-only view of records the account may not change
    chooser_viewset_class = VisibleChooserViewSet

    def get_queryset(self, request):
        return self.owner_filter(request, super().get_queryset(request))

    def owner_filter(self, request, queryset):
        return visible(request.user, queryset)

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, IndexView):
            if issubclass(view_class, REVISION_VIEWS):
                action = VIEW_DRAFTS
            elif issubclass(view_class, READ_VIEWS):
                action = VIEW
            else:
                action = "change"
            bases = (OwnerCheckedViewMixin, view_class)
            if issubclass(view_class, InspectView):
                bases = (OwnerCheckedViewMixin, VisibleLinksInspectMixin, view_class)
            view_class = type(view_class.__name__, bases, {"owner_check_action": action})
        return super().construct_view(view_class, **kwargs)


class CreatorCheckedViewSetMixin:
    """For snippet viewsets of records everyone reads but only some may change (cities: see
    permissions.CreatorPermissionPolicy): every view that changes one record checks it (a
    copy makes a new record: "add" is enough). Its chooser shows the rows' status (drafts,
    review) without a query each."""

    chooser_viewset_class = VisibleChooserViewSet

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, (IndexView, CopyView, *READ_VIEWS, *REVISION_VIEWS)):
            view_class = type(view_class.__name__, (OwnerCheckedViewMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
