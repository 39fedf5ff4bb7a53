"""Every back-office URL from the URL configuration, with arguments filled for real records.

The permission matrix test (test_permission_matrix.py) asks each role for each of these. A
URL whose route names a model (Wagtail's bulk actions, wagtail-localize's snippet API) is
asked once for every model it serves, and a bulk action once for every action registered
for the model (``model_urls``).
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.snippets.models import get_snippet_models


@dataclass(frozen=True)
class AdminUrl:
    route: str
    name: str  # "namespace:name", or the route for unnamed patterns
    params: tuple[str, ...]
    # For a URL asked once per model: "app_label.model_name", and the values of the route's
    # model (and action) parameters.
    model: str = ""
    fixed: tuple[tuple[str, str], ...] = ()

    @property
    def namespace(self):
        return self.name.rsplit(":", 1)[0] if ":" in self.name else ""

    @property
    def view(self):
        return self.name.rsplit(":", 1)[-1]

    @property
    def model_key(self):
        """ "app_model" as in the snippet URL namespaces, for a URL asked once per model."""
        return self.model.replace(".", "_")


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def admin_urls() -> list[AdminUrl]:
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if not route.startswith("admin/"):
                    continue
                name = pattern.name
                name = f"{namespace}:{name}" if namespace and name else (name or route)
                params = tuple(a or b for a, b in _PARAM.findall(route))
                found.setdefault((route, name), AdminUrl(route, name, params))

    walk(get_resolver().url_patterns, "", None)
    return list(found.values())


def fill(route: str, values: dict) -> str:
    """The route with each parameter replaced by its value (both path and regex syntax)."""

    def one(match):
        return str(values[match.group(1) or match.group(2)])

    path = re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", one, route)
    return "/" + path.replace("^", "").replace("\\.", ".").replace("$", "")


# Routes that name a model, asked once per model they serve (and per action for bulk actions).
MODEL_ROUTES = {
    "wagtail_bulk_action",
    "wagtail_localize:snippets_api_listing",
    "wagtail_localize:snippets_api_detail",
}


def _bulk_actions():
    bulk_action_registry.get_bulk_actions_for_model("", "")  # scans the hooks once
    return sorted(
        (app_label, model_name, action)
        for app_label, models in bulk_action_registry.actions.items()
        for model_name, actions in models.items()
        for action in actions
    )


def model_urls(url: AdminUrl) -> list[AdminUrl]:
    """The URL once for each model (and bulk action) it serves, named
    "name[app_label.model_name]" or "name[app_label.model_name:action]"."""
    if url.name == "wagtail_bulk_action":
        return [
            AdminUrl(
                url.route,
                f"{url.name}[{app}.{model}:{action}]",
                url.params,
                f"{app}.{model}",
                (("app_label", app), ("model_name", model), ("action", action)),
            )
            for app, model, action in _bulk_actions()
        ]
    return [
        AdminUrl(
            url.route,
            f"{url.name}[{meta.label_lower}]",
            url.params,
            meta.label_lower,
            (("app_label", meta.app_label), ("model_name", meta.model_name)),
        )
        for meta in sorted((m._meta for m in get_snippet_models()), key=lambda m: m.label_lower)
    ]


def matrix_urls() -> list[AdminUrl]:
    """``admin_urls``, with each route that names a model expanded by ``model_urls``."""
    urls = []
    for url in admin_urls():
        urls.extend(model_urls(url) if url.name in MODEL_ROUTES else [url])
    return urls
