"""Permission gates for back-office endpoints that Wagtail opens to every admin account.

Wagtail's snippet choosers, its admin API and a few helper views only check that an account
may use the back office. Through them, an editor could list contact people or proposals
that the role must not see. Each gate below adds the permission the data needs; the
permission matrix test covers every URL.
"""

import re

from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
from wagtail.admin.auth import user_has_any_page_permission

from .roles import OWNED

MODEL_ACTIONS = ("add", "change", "delete", "view")


def _may_use_model(user, app_label, model):
    return any(user.has_perm(f"{app_label}.{action}_{model}") for action in MODEL_ACTIONS)


def _writes_content(user):
    """Pages or owned records: those who write text may link to pages and use media."""
    return user_has_any_page_permission(user) or any(
        user.has_perm(f"{app}.change_{model}") for app, model in OWNED
    )


def _media(kind):
    def check(user):
        if kind == "image":
            from wagtail.images.permissions import permission_policy
        else:
            from wagtail.documents.permissions import permission_policy
        return permission_policy.user_has_any_permission(user, ["add", "change", "choose"])

    return check


SNIPPET_CHOOSER = re.compile(r"^wagtailsnippetchoosers_(?P<app>[a-z0-9]+)_(?P<model>[a-z0-9]+)$")
LINK_CHOOSERS = ("external_link", "email_link", "phone_link", "anchor_link")
GATES = [
    (r"^wagtailadmin_api:images$|^wagtailimages_chooser$", _media("image")),
    (r"^wagtailadmin_api:documents$|^wagtaildocs_chooser$", _media("document")),
    (r"^wagtailadmin_api:pages$", _writes_content),
    (r"^wagtail_localize$|^wagtailadmin_pages$", user_has_any_page_permission),
    (r"^wagtailadmin_workflows$", lambda user: user.has_perm("wagtailcore.change_workflow")),
]


def _publishes_pages(user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_permission(user, "publish")


def gate_allows(user, match) -> bool:
    namespace = match.namespace
    if match.view_name == "wagtailadmin_pages:move_confirm":
        return _publishes_pages(user)  # Wagtail's confirmation page itself asks nothing
    if chooser := SNIPPET_CHOOSER.match(namespace):
        return _may_use_model(user, chooser["app"], chooser["model"])
    if match.url_name and match.url_name.startswith("wagtailadmin_choose_page"):
        if match.url_name.endswith(LINK_CHOOSERS):
            return True
        return _writes_content(user)
    if namespace == "wagtail_localize" and match.url_name == "javascript_catalog":
        return True
    for pattern, check in GATES:
        if re.search(pattern, namespace):
            return check(user)
    return True


class AdminGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.is_superuser
        ):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and not gate_allows(user, match):
                raise PermissionDenied
        return self.get_response(request)
