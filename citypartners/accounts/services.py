"""Writes of accounts: the role groups and new back-office accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from citypartners.owners.models import Owner
from citypartners.owners.selectors import state_owner

from .models import Membership
from .roles import ROLES, Role


def _permission(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def role_group_ensure(role: Role) -> Group:
    """The role's group with exactly the role's model, page and collection permissions."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=role.group)
    wanted = [p for p in (_permission(a, c) for a, c in role.permissions) if p is not None]
    group.permissions.set(wanted)
    root = Page.get_first_root_node()
    GroupPagePermission.objects.filter(group=group).delete()
    for codename in role.page_permissions:
        GroupPagePermission.objects.create(
            group=group, page=root, permission=_permission("wagtailcore", codename)
        )
    GroupCollectionPermission.objects.filter(group=group).delete()
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in role.media_permissions:
            permission = _permission(app_label, f"{action}_{model}")
            if permission is not None:
                GroupCollectionPermission.objects.create(
                    group=group, collection=collection, permission=permission
                )
    return group


def _owner(role: Role, slug: str | None):
    if not slug:
        if role.borough_only:
            raise ValidationError(_("A borough editor needs --owner with the borough."))
        owner = state_owner()
        if owner is None:
            raise ValidationError(_("There is no state owner yet; load the data first."))
        return owner
    owner = Owner.objects.filter(slug=slug).first()
    if owner is None:
        known = ", ".join(Owner.objects.values_list("slug", flat=True))
        raise ValidationError(
            _("There is no owner “%(slug)s”. Known: %(known)s.") % {"slug": slug, "known": known}
        )
    if role.borough_only and owner.kind != Owner.Kind.BOROUGH:
        raise ValidationError(_("A borough editor must belong to a borough."))
    if role.state_only and owner.kind != Owner.Kind.STATE:
        raise ValidationError(_("This role is for the state's own office only."))
    return owner


@transaction.atomic
def account_create(
    *,
    email: str,
    password: str,
    role: str | None = None,
    owner: str | None = None,
    superuser: bool = False,
    created_by=None,
    first_name: str = "",
    last_name: str = "",
):
    """A back-office account with a checked address and password, in one role's group.

    ``owner`` is an owner's slug; it decides whose records the account may change. The
    names are optional here (tests make accounts without); ``createuser`` asks for them,
    since Wagtail's account settings save nothing, a language change neither, while the
    account's names are empty.
    """
    if not superuser and role not in ROLES:
        raise ValidationError(
            _("Unknown group “%(role)s”. Choose one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(ROLES)}
        )
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
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        is_staff=superuser,
        is_superuser=superuser,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    role_definition = ROLES.get(role) if not superuser else None
    owner = _owner(role_definition or ROLES["state-moderator"], owner)
    user.save()
    Membership.objects.create(user=user, owner=owner)
    if role_definition is not None:
        user.groups.add(role_group_ensure(role_definition))
    log(
        instance=user,
        action="citypartners.account_create",
        user=created_by,
        data={"role": role or "superuser", "owner": owner.slug},
    )
    return user


def role_group(slug: str) -> Group:
    """The group of the role with this slug (``state-editor``, ``borough-editor``, ...)."""
    return role_group_ensure(ROLES[slug])
