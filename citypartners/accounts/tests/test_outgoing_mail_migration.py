"""The data migration that gives the state's existing groups the outbox permissions."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from citypartners.accounts.roles import ROLES, STATE_EDITOR_PERMISSIONS
from citypartners.accounts.services import role_group

pytestmark = pytest.mark.django_db

migration = import_module("citypartners.accounts.migrations.0002_state_roles_read_outgoing_mail")
OUTBOX = {"view_outboxmessage", "resend_outboxmessage"}


def _codenames(group):
    return set(group.permissions.values_list("codename", flat=True))


def test_existing_state_groups_get_the_outbox_permissions_and_other_groups_do_not():
    groups = [role_group(slug) for slug in ("state-editor", "state-moderator", "reviewer")]
    for group in groups:  # as the groups were before the outbox
        group.permissions.remove(*group.permissions.filter(codename__in=OUTBOX))
    migration.state_roles_read_outgoing_mail(apps, schema_editor=None)
    editors, moderators, reviewers = (Group.objects.get(pk=g.pk) for g in groups)
    assert OUTBOX <= _codenames(editors) and OUTBOX <= _codenames(moderators)
    assert not OUTBOX & _codenames(reviewers)


def test_the_migration_names_the_groups_and_permissions_roles_py_names():
    assert {ROLES["state-editor"].group, ROLES["state-moderator"].group} == set(migration.GROUPS)
    assert {("mail", codename) for codename in migration.PERMISSIONS} <= set(
        STATE_EDITOR_PERMISSIONS
    )
