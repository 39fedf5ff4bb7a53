"""Writes of the core app: accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

EDITORS_GROUP = "Editors"

# What an editor may do: the partnership data, pages (through page permissions) and the admin.
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        (app, f"{action}_{model}")
        for app, model in [
            ("partnerships", "partnership"),
            ("partnerships", "city"),
            ("partnerships", "authority"),
            ("partnerships", "focusarea"),
            ("core", "officesettings"),
            ("activities", "activity"),
            ("activities", "activitykind"),
            ("organisations", "organisation"),
            ("projects", "project"),
            ("projects", "proposal"),
        ]
        for action in ("add", "change", "delete", "view")
    ],
    ("activities", "publish_activity"),
    ("activities", "lock_activity"),
    ("activities", "unlock_activity"),
    ("home", "view_accessibilityfeedback"),
]


CONTACT_STEWARDS_GROUP = "Contact data stewards"

# Personal data: only this group sees and edits contact people (issue 5 adds more roles).
CONTACT_STEWARD_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[("contacts", f"{action}_contactperson") for action in ("add", "change", "delete", "view")],
]


def _grant(group: Group, permissions) -> None:
    for app_label, codename in permissions:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


@transaction.atomic
def contact_stewards_group_ensure() -> Group:
    """The group of people allowed to see and edit contact people's personal data."""
    group, _created = Group.objects.get_or_create(name=CONTACT_STEWARDS_GROUP)
    _grant(group, CONTACT_STEWARD_PERMISSIONS)
    return group


@transaction.atomic
def editors_group_ensure() -> Group:
    """The editors' group with its model and page permissions."""
    from wagtail.models import GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    _grant(group, EDITOR_PERMISSIONS)
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    return group


@transaction.atomic
def editor_create(*, email: str, password: str, superuser: bool = False):
    """Create an editor account with a checked e-mail address and password."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(
            _("“%(email)s” is not a valid e-mail address.") % {"email": email}
        ) from error
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(_("An account for %(email)s exists already.") % {"email": email})
    user = User(username=email, email=email, is_staff=superuser, is_superuser=superuser)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    if not superuser:
        user.groups.add(editors_group_ensure())
    return user
