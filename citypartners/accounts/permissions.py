"""Who may do what with a record: the role's model permission, then the record's owner.

State accounts (and superusers) work on every owner's records. A borough account
changes only records its borough owns and sees other owners' records only once
they are published; records without an owner belong to the state.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.models import IndexView, InspectView, RevisionsCompareView
from wagtail.admin.views.generic.preview import PreviewRevision
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from citypartners.owners.models import Owner

from .models import Membership

ALL_OWNERS = "all"
READ_ACTIONS = {"view"}


def owner_scope(user):
    """ALL_OWNERS for state accounts and superusers, else the borough's id.

    None: an account without an owner, which changes no owned record.
    """
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ALL_OWNERS
    cached = getattr(user, "_citypartners_scope", False)
    if cached is not False:
        return cached
    membership = Membership.objects.select_related("owner").filter(user=user).first()
    if membership is None:
        scope = None
    elif membership.owner.kind == "state":
        scope = ALL_OWNERS
    else:
        scope = membership.owner_id
    user._citypartners_scope = scope
    return scope


def _is_published(instance):
    return getattr(instance, "live", True)


class OwnerPermissionPolicy(ModelPermissionPolicy):
    """Model permissions narrowed by the record's owner (a field named ``owner``)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        scope = owner_scope(user)
        if scope == ALL_OWNERS:
            return True
        own = scope is not None and instance.owner_id == scope
        if action in READ_ACTIONS:
            return own or _is_published(instance)
        return own

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not any(self.user_has_permission(user, action) for action in actions):
            return queryset.none()
        scope = owner_scope(user)
        if scope == ALL_OWNERS:
            return queryset
        own = Q(owner_id=scope) if scope is not None else Q(pk__in=[])
        if READ_ACTIONS.intersection(actions):
            if any(f.name == "live" for f in self.model._meta.fields):
                return queryset.filter(own | Q(live=True))
            return queryset
        return queryset.filter(own)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


def owned_models():
    """Every model with an ``owner`` that is an Owner, found in the model registry, so that
    the apps above need not be named here (and a new owned model is covered at once)."""
    return [
        field.related_model
        for field in Owner._meta.get_fields(include_hidden=True)
        if field.is_relation
        and field.auto_created
        and not field.concrete
        and field.remote_field.name == "owner"
        and not issubclass(field.related_model, Membership)
    ]


def owned_link_fields(model):
    """The fields of ``model`` that link to an owned record (foreign keys and many-to-many
    fields, parental ones too), other than ``owner`` itself and a child's key to its parent:
    such a link shows on the linking owner's public pages, so it needs the other owner's
    consent."""
    owned = set(owned_models())
    return [
        field
        for field in model._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.many_to_many)
        and field.name != "owner"
        and field.related_model in owned
        and not isinstance(field, ParentalKey)
    ]


def register_policies():
    for model in owned_models():
        register_permission_policy(model, OwnerPermissionPolicy(model))


# Views that only show a record; every other view on one record needs "change".
READ_VIEWS = (
    InspectView,
    history.HistoryView,
    usage.UsageView,
    RevisionsCompareView,
    PreviewRevision,
)


class OwnerCheckedViewMixin:
    """Refuses a view on one record unless the owner rules allow it (403 otherwise)."""

    owner_check_action = "change"

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk", args[0] if args else None)
        if pk is not None and self.model is not None:
            from django.contrib.admin.utils import unquote

            instance = self.model._default_manager.filter(pk=unquote(str(pk))).first()
            if instance is not None and not self._owner_policy.user_has_permission_for_instance(
                request.user, self.owner_check_action, instance
            ):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def _owner_policy(self):
        return policy_registry.get_by_type(self.model)


class OwnedViewSetMixin:
    """For snippet viewsets of owned models: lists show what the account may see, every
    view on one record checks the owner, and the owner field offers only allowed owners."""

    inspect_view_enabled = True  # a read-only view of records the account may not change

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return self.owner_filter(request, queryset)

    def owner_filter(self, request, queryset):
        if owner_scope(request.user) == ALL_OWNERS:
            return queryset
        allowed = policy_registry.get_by_type(self.model).instances_user_has_permission_for(
            request.user, "view"
        )
        return queryset.filter(pk__in=allowed.values("pk"))

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, IndexView):
            action = "view" if issubclass(view_class, READ_VIEWS) else "change"
            view_class = type(
                view_class.__name__,
                (OwnerCheckedViewMixin, view_class),
                {"owner_check_action": action},
            )
        return super().construct_view(view_class, **kwargs)
