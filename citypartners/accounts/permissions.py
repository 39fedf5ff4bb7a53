"""Who may do what with a record: the role's model permission, then the record's owner.

State accounts (and superusers) work on every owner's records. A borough account
changes only records its borough owns and sees other owners' records only once
they are published; records without an owner belong to the state.

Reference records that an owner adds for its own use (cities: ``created_by_owner``) are
everyone's to read; a borough account changes one its borough added until a record of
another owner links to it (``CreatorPermissionPolicy``).

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


def account_owner_id(user):
    """The id of the owner an account works for (its membership), None without one."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user).values_list("owner_id", flat=True).first()


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


CREATOR_FIELD = "created_by_owner"


class CreatorPermissionPolicy(ModelPermissionPolicy):
    """Model permissions narrowed, for borough accounts, to the records their borough added
    (``created_by_owner``) and that no other owner's record links to yet: a city a borough
    added is its own to correct until another owner's partnership (or institution) is in
    it, whose pages would then change too. Reading is not narrowed."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in READ_ACTIONS:
            return True
        scope = owner_scope(user)
        if scope == ALL_OWNERS:
            return True
        if scope is None or getattr(instance, f"{CREATOR_FIELD}_id") != scope:
            return False
        return not self.model._default_manager.filter(
            pk=instance.pk, pk__in=self._used_by_others(scope)
        ).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not any(self.user_has_permission(user, action) for action in actions):
            return queryset.none()
        scope = owner_scope(user)
        if scope == ALL_OWNERS or READ_ACTIONS.intersection(actions):
            return queryset
        if scope is None:
            return queryset.none()
        return queryset.filter(**{f"{CREATOR_FIELD}_id": scope}).exclude(
            pk__in=self._used_by_others(scope)
        )

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def _used_by_others(self, scope):
        """The pks of records that an owned record of another owner (or of the state, whose
        records may have no owner) links to."""
        used = []
        for model in owned_models():
            for field in model._meta.concrete_fields:
                if field.many_to_one and field.related_model is self.model:
                    rows = model._default_manager.exclude(owner_id=scope).exclude(
                        **{f"{field.name}_id": None}
                    )
                    used.append(rows.values(f"{field.name}_id"))
        return _union(self.model, used)


def _union(model, subqueries):
    """The pks of ``model`` found in any of the ``subqueries`` (each a values() of one
    column), as one condition the database evaluates."""
    condition = Q(pk__in=[])
    for rows in subqueries:
        condition |= Q(pk__in=rows)
    return model._default_manager.filter(condition).values("pk")


def creator_models():
    """Every model with a ``created_by_owner`` that is an Owner (found as owned_models)."""
    return [
        field.related_model
        for field in Owner._meta.get_fields(include_hidden=True)
        if field.is_relation
        and field.auto_created
        and not field.concrete
        and field.remote_field.name == CREATOR_FIELD
    ]


def register_policies():
    for model in owned_models():
        register_permission_policy(model, OwnerPermissionPolicy(model))
    for model in creator_models():
        register_permission_policy(model, CreatorPermissionPolicy(model))
