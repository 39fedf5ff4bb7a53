"""Crafted requests to every chooser of the back office (the snippet, image and document
choosers' "create", "chosen" and "chosen-multiple" views): a 4xx or a form error, never a
500. Generated from the URLconf, so a chooser added later is covered too."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

IDS = ["0", "999999", str(2**31), str(2**63), str(2**64), "abc", "1.5", "-1", "%00"]


def _chooser_urls():
    """(route, view name) of every chooser's create, chosen and chosen-multiple view."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "choose" in route:
                if pattern.name in {"create", "chosen", "chosen_multiple"}:
                    found.append(("/" + route, pattern.name))

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password="a long and careful passphrase"
    )
    client.force_login(admin)
    client.raise_request_exception = False  # collect every 500, not only the first
    return client


def _crafted_posts():
    return [
        {},
        {"title": "x" * 10_000, "name": "\x00", "slug": "../..", "owner": str(2**64)},
        {"owner": "abc", "city": str(2**63), "partnerships": ["abc", str(2**64)], "kind": "-1"},
        {"description_en": "not json", "description_de": "{", "body": "[]"},
        {"file": "not a file", "collection": str(2**64), "tags": "\r\n"},
    ]


def test_every_chooser_view_answers_crafted_requests_without_a_500(admin_client):
    urls = _chooser_urls()
    assert len([name for _route, name in urls if name == "create"]) >= 8
    failures = []
    for route, name in urls:
        if name == "chosen":
            for pk in IDS:
                url = route.replace("<str:pk>", pk)
                response = admin_client.get(url)
                if response.status_code >= 500:
                    failures.append((url, response.status_code))
        elif name == "chosen_multiple":
            for pk in IDS:
                response = admin_client.get(route, {"id": [pk, "1"]})
                if response.status_code >= 500:
                    failures.append((route, pk, response.status_code))
        else:
            for data in _crafted_posts():
                response = admin_client.post(route, data, HTTP_ACCEPT_LANGUAGE="en")
                if response.status_code >= 500:
                    failures.append((route, sorted(data), response.status_code))
                if "/snippets/" in route and response.status_code != 404:
                    failures.append(
                        (route, "snippet choosers create nothing", response.status_code)
                    )
    assert not failures, "\n".join(map(str, failures))
