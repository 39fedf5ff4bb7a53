"""Who may do what with a record: the role's model permission, then the record's owner.

State accounts (and superusers) work on every owner's records. A borough account
changes only records its borough owns and sees other owners' records only once
they are published; records without an owner belong to the state.

What an account may *see* (also of records of other models, in any screen) is decided in
``visibility.py``; the viewset mixins that apply both are in ``viewsets.py``.
"""

from django.db.models import Q
from modelcluster.fields import ParentalKey
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

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
        return self.narrow(user, actions, self.model._default_manager.all())

    def narrow(self, user, actions, queryset):
        """``queryset`` narrowed to the records on which the account has one of ``actions``.

        It filters by ``owner`` and ``live`` only, so that a search backend can apply it too
        (a chooser's search): owned models that are searched declare both as FilterFields."""
        if not any(self.user_has_permission(user, action) for action in actions):
            return queryset.none()
        scope = owner_scope(user)
        if scope == ALL_OWNERS:
            return queryset
        readable = bool(READ_ACTIONS.intersection(actions))
        if readable and not any(f.name == "live" for f in self.model._meta.fields):
            return queryset
        if scope is None:
            return queryset.filter(live=True) if readable else queryset.none()
        own = Q(owner=scope)
        return queryset.filter(own | Q(live=True)) if readable else queryset.filter(own)

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
