"""Permission gates for back-office endpoints that Wagtail opens to every admin account.

Wagtail's snippet choosers, its admin API and a few helper views only check that an account
may use the back office. Through them, an editor could list contact people or proposals
that the role must not see. Each gate below adds the permission the data needs; a URL that
names a model (bulk actions, wagtail-localize's snippet API) needs the right to see that
model (``visibility.may_see_model``), and the page chooser answers only about pages the
account may see. The permission matrix test covers every URL.
"""

import re

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .roles import OWNED
from .visibility import may_see, may_see_all, may_see_model


def _writes_content(user):
    """Pages or owned records: those who write text may link to pages and use media."""
    return user_has_any_page_permission(user) or any(
        user.has_perm(f"{app}.change_{model}") for app, model in OWNED
    )


def _media(get_model):
    def check(user):
        policy = policy_registry.get_by_type(get_model())
        return policy.user_has_any_permission(user, ["add", "change", "choose"])

    return check


SNIPPET_CHOOSER = re.compile(r"^wagtailsnippetchoosers_(?P<app>[a-z0-9]+)_(?P<model>[a-z0-9]+)$")
LINK_CHOOSERS = ("external_link", "email_link", "phone_link", "anchor_link")
GATES = [
    (r"^wagtailadmin_api:images$|^wagtailimages_chooser$", _media(get_image_model)),
    (r"^wagtailadmin_api:documents$|^wagtaildocs_chooser$", _media(get_document_model)),
    (r"^wagtailadmin_api:pages$", _writes_content),
    (r"^wagtail_localize$|^wagtailadmin_pages$", user_has_any_page_permission),
    (r"^wagtailadmin_workflows$", lambda user: user.has_perm("wagtailcore.change_workflow")),
]


# Screens over the whole page tree (reports naming any page, its last editor and state; form
# submissions; translation tools): only for accounts with page rights on the whole tree, not
# for a borough's editors, whose rights are on their own borough's page (roles.py).
WHOLE_TREE_VIEWS = re.compile(
    r"^wagtailadmin_reports:(aging_pages|locked_pages|page_types_usage|workflow|workflow_tasks)"
    r"(_results)?$|^wagtailforms:|^wagtail_localize:"
)


# Route parameters that name a page: a page screen opens only on pages the account may see
# (an unpublished page outside a borough editor's own pages is not even named to them).
PAGE_KWARGS = ("parent_page_id", "page_id", "page_to_move_id", "destination_id")


def _pages_named_are_visible(user, match) -> bool:
    ids = [match.kwargs[name] for name in PAGE_KWARGS if name in match.kwargs]
    ids = [pk for pk in ids if str(pk).isdigit()]
    return all(may_see(user, page) for page in Page.objects.filter(pk__in=ids))


def _may_move(user, match) -> bool:
    """Wagtail's move confirmation asks nothing itself: the page must be movable there."""
    page = Page.objects.filter(pk=match.kwargs.get("page_to_move_id")).first()
    destination = Page.objects.filter(pk=match.kwargs.get("destination_id")).first()
    if page is None or destination is None:
        return True  # Wagtail answers 404
    return page.permissions_for_user(user).can_move_to(destination)


def _edits_the_whole_tree(user) -> bool:
    from wagtail.models import GroupPagePermission

    return GroupPagePermission.objects.filter(group__user=user, page__depth=1).exists()


def _publishes_pages(user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_permission(user, "publish")


# wagtail-localize's snippet API lists every record of the model it names, unfiltered.
LISTS_ALL_RECORDS = {
    "wagtail_localize:snippets_api_listing",
    "wagtail_localize:snippets_api_detail",
}


def _named_model(match):
    """The model a URL names in its route (app_label and model_name), if any."""
    app_label, model_name = match.kwargs.get("app_label"), match.kwargs.get("model_name")
    if not (app_label and model_name):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None  # the view answers 404


def _names_only_visible_pages(request, match) -> bool:
    """The page chooser shows the parent page it browses and the pages chosen by ?id=."""
    ids = [match.kwargs.get("parent_page_id")] + request.GET.getlist("id")
    ids = [pk for pk in ids if pk is not None and str(pk).isdigit()]
    return all(may_see(request.user, page) for page in Page.objects.filter(pk__in=ids))


def gate_allows(request, match) -> bool:
    user = request.user
    namespace = match.namespace
    if (model := _named_model(match)) is not None:
        if not may_see_model(user, model):
            return False
        if match.view_name in LISTS_ALL_RECORDS and not may_see_all(user, model):
            return False
    if match.view_name == "wagtailadmin_pages:move_confirm":
        # Wagtail's confirmation page itself asks nothing.
        return _publishes_pages(user) and _may_move(user, match)
    if match.view_name.startswith(("wagtailadmin_pages:", "wagtailadmin_explore")):
        if not _pages_named_are_visible(user, match):
            return False
    if chooser := SNIPPET_CHOOSER.match(namespace):
        return may_see_model(user, apps.get_model(chooser["app"], chooser["model"]))
    if match.url_name and match.url_name.startswith("wagtailadmin_choose_page"):
        if match.url_name.endswith(LINK_CHOOSERS):
            return True
        return _writes_content(user) and _names_only_visible_pages(request, match)
    if namespace == "wagtail_localize" and match.url_name == "javascript_catalog":
        return True
    if WHOLE_TREE_VIEWS.search(match.view_name) and not _edits_the_whole_tree(user):
        return False
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
            if match is not None and not gate_allows(request, match):
                raise PermissionDenied
        return self.get_response(request)


class AdminLanguageMiddleware:
    """Every back-office screen in the account's own language (issue 14, item 6).

    Wagtail switches to the account's preferred language only in its own admin views; the
    two-factor screens (wagtail_2fa) and other views under /admin/ kept the language of the
    request (German by default), so an English account read them in German."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not (request.path_info.startswith("/admin/") and user and user.is_authenticated):
            return self.get_response(request)
        # As Wagtail reads it (wagtail.admin.localization): the profile is then cached on the
        # user, and Wagtail's own views ask no second time.
        if not hasattr(user, "wagtail_userprofile"):
            return self.get_response(request)
        language = user.wagtail_userprofile.get_preferred_language()
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return self.get_response(request)
