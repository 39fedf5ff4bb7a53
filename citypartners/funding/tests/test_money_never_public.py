"""Money never leaves the back office unless an editor marks a line as public: no public
page, feed, download or API answer shows an internal line's amount or note.

Generated from the site itself: the public pages are crawled from both home pages (every
link on the site's own host, each address once), and the API is asked for every operation
its OpenAPI description lists, the ones on one record with the records the lines are about.
No public outlet shows money yet; one that does must take its lines from
``funding.selectors.budget_lines_public`` and pass this test.
"""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from citypartners.activities.tests.factories import ActivityFactory
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import FocusArea, Partnership
from citypartners.projects.models import Project
from citypartners.projects.tests.factories import ProjectFactory

from .factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

AMOUNT = Decimal("7654321.09")
SECRETS = (
    "7.654.321,09",
    "7,654,321.09",
    "7654321.09",
    "7654321,09",
    "7 654 321",
    "Secret-Internal-Money",
    "Geheim-Internes-Geld",
)
MAX_PAGES = 600


@pytest.fixture(autouse=True)
def _no_throttle_memory():
    cache.clear()


@pytest.fixture
def money():
    """Internal lines on a partnership, on a public project and on a public activity of it."""
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    project = ProjectFactory(
        partnerships=[warsaw], status=Project.Status.RUNNING, slug="example-funded-project"
    )
    activity = ActivityFactory(partnerships=[warsaw], project=project, slug="example-funded")
    for extra in ({}, {"project": project}, {"project": project, "activity": activity}):
        BudgetLineFactory(
            partnership=warsaw,
            amount_planned=AMOUNT,
            amount_spent=AMOUNT,
            focus_area=FocusArea.objects.get(slug="climate"),
            note_de="Beispiel Geheim-Internes-Geld",
            note_en="Example Secret-Internal-Money",
            **extra,
        )
    return {"project": project, "activity": activity, "partnership": warsaw}


def _leaks(path, response):
    body = response.content.decode(errors="replace")
    return [f"{path} shows {secret!r}" for secret in SECRETS if secret in body]


def _links(response):
    if "html" not in response.get("Content-Type", ""):
        return []
    soup = BeautifulSoup(response.content, "html.parser")
    found = []
    for tag in soup.find_all(["a", "link"], href=True):
        parts = urlsplit(tag["href"])
        if parts.netloc or parts.query or not parts.path.startswith("/"):
            continue  # another host, or a variant of a list (its filters, its pages)
        if parts.path.startswith(("/admin", "/static", "/media", "/documents")):
            continue
        found.append(parts.path)
    return found


def test_no_public_page_feed_or_download_shows_an_internal_line(client, money):
    queue, seen, leaks = ["/de/", "/en/"], set(), []
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        leaks += _leaks(path, response)
        queue += [link for link in _links(response) if link not in seen]
    assert not leaks, "\n".join(leaks)
    # The crawl reached the pages where the money's records are shown, in both languages.
    for wanted in ("/en/warsaw/", "/de/warschau/", "/en/open-data/"):
        assert wanted in seen, wanted
    assert any(money["project"].slug in path for path in seen)
    assert any(money["activity"].slug in path for path in seen)
    assert len(seen) < MAX_PAGES, "the crawl stopped early: raise MAX_PAGES"


def test_no_api_answer_shows_an_internal_line(client, money):
    schema = client.get("/api/v1/openapi.json").json()
    # The record each operation on one record is asked about, by its collection's name.
    records = {
        "cities": "warsaw",
        "partnerships": money["partnership"].pk,
        "activities": money["activity"].slug,
        "projects": money["project"].slug,
        "organisations": Organisation.objects.order_by("pk").first().slug,
    }
    asked, leaks = [], []
    for route in schema["paths"]:
        path = route
        for name in re.findall(r"{(\w+)}", route):
            collection = route.split("{")[0].rstrip("/").rsplit("/", 1)[-1]
            assert collection in records, f"{route}: no value for {{{name}}}; add it here"
            path = path.replace(f"{{{name}}}", str(records[collection]))
        if not path.startswith("/api/"):
            path = "/api/v1" + path
        for lang in ("de", "en"):
            response = client.get(path, {"lang": lang})
            assert response.status_code == 200, (path, response.status_code)
            asked.append(path)
            leaks += _leaks(path, response)
    assert not leaks, "\n".join(leaks)
    assert len(set(asked)) == len(schema["paths"]) >= 10
