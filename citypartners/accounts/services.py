"""Writes of accounts: the role groups, the review workflow and new back-office accounts.

``roles_sync`` makes the database say what ``roles.py`` says; it runs after every
``migrate`` (apps.py), in ``setup_site`` and when the demo is loaded, so a fresh install and
an existing one both have it. Everything here is idempotent.
"""

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
from .roles import REVIEW, ROLES, WAGTAIL_DEFAULT_WORKFLOW, Role


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
    # No page tree yet (a database emptied by ``flush``): the next sync gives them.
    for codename in role.page_permissions if root is not None else ():
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


def borough_pages(owner: Owner) -> list:
    """The pages of a borough (each language's), found through the page types' foreign key
    named ``borough`` to the owner: the page types live above this app."""
    from wagtail.models import Page

    pages = []
    for field in Owner._meta.get_fields():
        model = field.related_model
        if (
            field.one_to_many
            and field.auto_created
            and model is not None
            and issubclass(model, Page)
            and field.remote_field.name == "borough"
        ):
            pages.extend(model.objects.filter(borough=owner))
    return pages


def borough_group_name(role: Role, owner: Owner) -> str:
    return f"{role.group}: {owner.slug}"


@transaction.atomic
def borough_page_group_ensure(role: Role, owner: Owner) -> Group | None:
    """The group that gives ``role``'s accounts of the borough ``owner`` their page rights on
    the borough's own page and below; None for a role without such rights."""
    from wagtail.models import GroupPagePermission

    if not role.borough_page_permissions or owner.kind != Owner.Kind.BOROUGH:
        return None
    group, _created = Group.objects.get_or_create(name=borough_group_name(role, owner))
    GroupPagePermission.objects.filter(group=group).delete()
    for page in borough_pages(owner):
        for codename in role.borough_page_permissions:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=_permission("wagtailcore", codename)
            )
    return group


@transaction.atomic
def review_workflow_ensure():
    """The office's workflow (roles.REVIEW): its approval task with the approving role's
    group, on the whole page tree and on every reviewed snippet model. Wagtail's default
    workflow, whose group is empty, is switched off once nothing waits in it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import (
        GroupApprovalTask,
        Page,
        Workflow,
        WorkflowContentType,
        WorkflowPage,
        WorkflowState,
        WorkflowTask,
    )

    approvers = role_group_ensure(ROLES[REVIEW.approvers])
    workflow, _created = Workflow.objects.get_or_create(
        name=REVIEW.workflow, defaults={"active": True}
    )
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=REVIEW.task).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW.task)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([approvers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for app_label, model in REVIEW.models:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).first()
    if default is not None and default != workflow:
        waiting = WorkflowState.objects.filter(
            workflow=default, status=WorkflowState.STATUS_IN_PROGRESS
        ).exists()
        used = (
            WorkflowPage.objects.filter(workflow=default).exists()
            or WorkflowContentType.objects.filter(workflow=default).exists()
        )
        if not waiting and not used:
            default.deactivate()
    return workflow


@transaction.atomic
def roles_sync() -> None:
    """Every role's group, every borough's page group and the review workflow, as roles.py
    says; borough accounts are put into their borough's page group."""
    for role in ROLES.values():
        group = role_group_ensure(role)
        if not role.borough_page_permissions:
            continue
        for owner in Owner.objects.filter(kind=Owner.Kind.BOROUGH):
            borough_group = borough_page_group_ensure(role, owner)
            accounts = get_user_model().objects.filter(groups=group, membership__owner=owner)
            borough_group.user_set.add(*accounts)
    review_workflow_ensure()


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
        borough_group = borough_page_group_ensure(role_definition, owner)
        if borough_group is not None:
            user.groups.add(borough_group)
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
