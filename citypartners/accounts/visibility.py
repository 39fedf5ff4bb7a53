"""What a back-office account may see: one policy for every screen that shows a record.

Lists, choosers and their results, inspect, history, usage, revisions and their comparison,
previews, bulk-action confirmations, exports and the admin and localisation APIs follow it:

- A model's records, even by name, only with a permission on the model (add, change, delete
  or view). So contact people are named only to contact stewards, and the senders of
  proposals and accessibility feedback only to the state's staff: not in another record's
  inspect view, a bulk confirmation, a chooser or an API either.
- Pages: live ones for everyone who may link to pages (their titles are public); an
  unpublished one only for accounts with a permission on it (the state's on the whole tree,
  a borough's editors on their borough's page and below).
- Images and documents: with a permission on their collections.
- Owned records: another owner's only once published, and its drafts and unpublished
  changes only for accounts of the state and superusers (``permissions.owner_scope``).

The permission matrix (accounts/tests/test_permission_matrix.py) plants a record of each
kind and checks that no response of any back-office URL shows it to a role that may not see
it.
"""

from django.contrib.auth import get_user_model
from django.db import models
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.models import AbstractPage, DraftStateMixin, Revision, RevisionMixin
from wagtail.permissions import policy_registry

from .permissions import ALL_OWNERS, OwnerPermissionPolicy, owner_scope

MODEL_ACTIONS = ("add", "change", "delete", "view", "choose")  # "choose": images, documents


def may_see_model(user, model) -> bool:
    """Whether the account may see any record of ``model`` at all: a permission on the model
    (or, for images and documents, on a collection; for pages, on a page)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if issubclass(model, AbstractPage):
        return user_has_any_page_permission(user)
    return policy_registry.get_by_type(model).user_has_any_permission(user, MODEL_ACTIONS)


def _owner_policy(model):
    policy = policy_registry.get_by_type(model)
    return policy if isinstance(policy, OwnerPermissionPolicy) else None


PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock"]


def _page_policy():
    from wagtail.permission_policies.pages import PagePermissionPolicy  # noqa: PLC0415

    return PagePermissionPolicy()


def visible(user, queryset):
    """The records of ``queryset`` that the account may see."""
    model = queryset.model
    if issubclass(model, AbstractPage):
        if not may_see_model(user, model):
            return queryset.filter(live=True)
        if user.is_superuser:
            return queryset
        editable = _page_policy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)
        return queryset.filter(models.Q(live=True) | models.Q(pk__in=editable.values("pk")))
    if not may_see_model(user, model):
        return queryset.none()
    if policy := _owner_policy(model):
        return policy.narrow(user, ["view"], queryset)
    return queryset


def may_see(user, instance) -> bool:
    """Whether the account may see this record (its name, its fields)."""
    model = type(instance)
    if issubclass(model, AbstractPage):
        if instance.live or user.is_superuser:
            return True
        return may_see_model(user, model) and _page_policy().user_has_any_permission_for_instance(
            user, PAGE_ACTIONS, instance
        )
    if not may_see_model(user, model):
        return False
    if policy := _owner_policy(model):
        return policy.user_has_permission_for_instance(user, "view", instance)
    return True


def may_see_drafts(user, instance) -> bool:
    """Whether the account may see the record's unpublished state: drafts, revisions, an
    unpublished change's title. Only the owner's accounts and the state's (and superusers).
    Also for a record with revisions but no drafts (a budget line): its earlier versions
    may hold what was never public."""
    if not may_see(user, instance):
        return False
    if not isinstance(instance, RevisionMixin) or _owner_policy(type(instance)) is None:
        return True
    scope = owner_scope(user)
    return scope == ALL_OWNERS or (scope is not None and instance.owner_id == scope)


def as_published(instance):
    """The record as last published, for an account that may not see its drafts: its row
    (which holds the live version), with the live revision in place of the latest one, which
    Wagtail's screens use for the title."""
    if not isinstance(instance, DraftStateMixin) or instance.pk is None:
        return instance
    live = type(instance)._default_manager.get(pk=instance.pk)
    live.latest_revision = live.live_revision
    return live


def may_see_all(user, model) -> bool:
    """Whether the account sees every record of ``model`` (for screens that list them all
    unfiltered, such as wagtail-localize's snippet API)."""
    if not may_see_model(user, model):
        return False
    if issubclass(model, AbstractPage) or _owner_policy(model) is None:
        return True
    return owner_scope(user) == ALL_OWNERS


def _governed(model) -> bool:
    """Revisions and accounts are the back office's own bookkeeping, named in every history:
    a record's link to them (its latest revision, who locked it) is shown as Wagtail shows it."""
    return not issubclass(model, (Revision, get_user_model()))


def hidden_relation(user, field) -> bool:
    """Whether ``field`` links to a model the account may not see at all; then not even that
    such links exist is shown."""
    related = field.related_model if field.is_relation else None
    if not (isinstance(related, type) and issubclass(related, models.Model)):
        return False
    return _governed(related) and not may_see_model(user, related)


def linked_shown(user, value):
    """What of a relation's value the account may see: the visible records of a queryset,
    a linked record or None."""
    if isinstance(value, models.QuerySet):
        return visible(user, value) if _governed(value.model) else value
    if isinstance(value, models.Model) and _governed(type(value)) and not may_see(user, value):
        return None
    return value


def own_records(user, queryset):
    """The records of ``queryset`` the account's dashboard counts: a borough account's own
    borough's only (not the other owners' published ones it may read), every owner's for the
    state's accounts; for an account without an owner, what it may see."""
    if not may_see_model(user, queryset.model):
        return queryset.none()
    if _owner_policy(queryset.model) is None:
        return queryset
    scope = owner_scope(user)
    if scope == ALL_OWNERS:
        return queryset
    if scope is None:
        return visible(user, queryset)
    return queryset.filter(owner=scope)
