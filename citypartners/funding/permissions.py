"""The owner rules for money: as for every owned record, except that another owner's line
is readable only where it is public (``is_public``), where other records are readable once
published. So a borough's editors see their borough's lines and the public ones; the
state's accounts (and superusers) every line.
"""

from django.db.models import Q
from wagtail.permissions import register_permission_policy

from citypartners.accounts.permissions import (
    ALL_OWNERS,
    READ_ACTIONS,
    OwnerPermissionPolicy,
    owner_scope,
)

from .models import BudgetLine


class BudgetLinePermissionPolicy(OwnerPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if action not in READ_ACTIONS:
            return super().user_has_permission_for_instance(user, action, instance)
        if not self.user_has_permission(user, action):
            return False
        scope = owner_scope(user)
        if scope == ALL_OWNERS or instance.is_public:
            return True
        return scope is not None and instance.owner_id == scope

    def narrow(self, user, actions, queryset):
        if not any(self.user_has_permission(user, action) for action in actions):
            return queryset.none()
        scope = owner_scope(user)
        if scope == ALL_OWNERS:
            return queryset
        readable = bool(READ_ACTIONS.intersection(actions))
        own = Q(owner=scope) if scope is not None else Q(pk__in=[])
        return queryset.filter(own | Q(is_public=True)) if readable else queryset.filter(own)


def register_policy():
    register_permission_policy(BudgetLine, BudgetLinePermissionPolicy(BudgetLine))
