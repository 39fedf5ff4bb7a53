"""Every back-office URL from the URL configuration, with arguments filled for real records.

The permission matrix test (test_permission_matrix.py) asks each role for each of these.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class AdminUrl:
    route: str
    name: str  # "namespace:name", or the route for unnamed patterns
    params: tuple[str, ...]

    @property
    def namespace(self):
        return self.name.rsplit(":", 1)[0] if ":" in self.name else ""

    @property
    def view(self):
        return self.name.rsplit(":", 1)[-1]


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
