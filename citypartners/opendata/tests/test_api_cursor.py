"""Deep pages of the API: the `next` links carry a cursor (keyset pagination) that walks
every record exactly once, in the list's order; `offset` is bounded with a 400 that says
what to do instead; a cursor the API did not give is a 400, never a 500."""

import base64
import datetime
import json

import pytest
from django.core.cache import cache

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.core import pagination
from citypartners.opendata.api import MAX_OFFSET
from citypartners.owners.models import Owner
from citypartners.partnerships.tests.factories import CityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "cities": "slug",
    "partnerships": "id",
    "activities": "slug",
    "projects": "slug",
    "organisations": "slug",
}


@pytest.fixture(autouse=True)
def _no_throttle_memory():
    cache.clear()


def _get(client, url, params=None, **headers):
    response = client.get(url, params or {}, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def _walk(client, name, limit):
    """Every record's key, following the `next` links; and the cursor of each link."""
    page = _get(client, f"/api/v1/{name}/", {"limit": limit})
    keys, cursors = [], []
    while True:
        keys += [row[LISTS[name]] for row in page["results"]]
        if not page["next"]:
            return keys, cursors
        assert "offset=" not in page["next"] and "cursor=" in page["next"]
        cursors.append(page["next"].split("cursor=")[1].split("&")[0])
        page = _get(client, page["next"])
        assert page["offset"] is None and page["previous"] is None


@pytest.fixture
def more_records():
    """Enough activities for several pages, two starting at the same moment (the order's
    tie-break), and a partnership with no date at all (NULL in the order)."""
    state = Owner.objects.get(kind=Owner.Kind.STATE)
    for index in range(9):
        ActivityFactory(start_date=datetime.date(2031, 5, 1) + datetime.timedelta(days=index // 3))
    PartnershipFactory(owner=state, city=CityFactory(slug="undated", name_en="Undated"))


@pytest.mark.usefixtures("more_records")
@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("limit", [1, 3])
def test_the_cursor_walks_every_record_exactly_once_in_order(client, name, limit):
    everything = _get(client, f"/api/v1/{name}/", {"limit": 200})
    expected = [row[LISTS[name]] for row in everything["results"]]
    assert len(expected) == everything["count"] > 0
    walked, _cursors = _walk(client, name, limit)
    assert walked == expected


@pytest.mark.usefixtures("more_records")
def test_a_record_added_while_walking_neither_repeats_nor_skips_the_others(client):
    first = _get(client, "/api/v1/activities/", {"limit": 3})
    seen = [row["slug"] for row in first["results"]]
    earliest = Activity.objects.order_by("starts_at").first()
    ActivityFactory(start_date=earliest.start_date - datetime.timedelta(days=1))
    page = first
    while page["next"]:
        page = _get(client, page["next"])
        seen += [row["slug"] for row in page["results"]]
    assert len(seen) == len(set(seen)) == first["count"]


@pytest.mark.usefixtures("more_records")
def test_an_undated_partnership_is_reached_by_the_cursor(client):
    walked, _cursors = _walk(client, "partnerships", 1)
    undated = _get(client, "/api/v1/partnerships/", {"city": "undated"})["results"][0]
    assert undated["since"] is None and walked.count(undated["id"]) == 1


def test_an_offset_past_the_bound_is_a_400_saying_to_follow_the_next_links(client):
    assert _get(client, "/api/v1/activities/", {"offset": MAX_OFFSET})["results"] == []
    response = client.get("/api/v1/activities/", {"offset": MAX_OFFSET + 1, "lang": "en"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("offset: at most 10,000.")
    assert "“next” links" in detail and "cursor" in detail
    german = client.get(
        "/api/v1/cities/", {"offset": MAX_OFFSET + 1}, HTTP_ACCEPT_LANGUAGE="de"
    ).json()["detail"]
    assert german.startswith("offset:") and "10.000" in german


def _cursor(*values):
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


@pytest.mark.usefixtures("more_records")
@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "%%%",
        "x" * 600,
        _cursor("activity"),
        _cursor("city", "Paris", 1),  # another list's
        _cursor("activity", "not a time", 1),
        _cursor("activity", "2031-05-01T10:00:00+00:00", "one"),
        _cursor("activity", "2031-05-01T10:00:00+00:00", 2**70),
        _cursor("activity", None, 1),  # starts_at is never NULL
        _cursor("activity", ["2031"], 1),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_cursor_the_api_did_not_give_is_a_400(client, cursor):
    response = client.get("/api/v1/activities/", {"cursor": cursor, "lang": "en"})
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith("cursor:")


@pytest.mark.usefixtures("more_records")
def test_cursor_and_offset_together_are_a_400(client):
    _walked, cursors = _walk(client, "activities", 2)
    response = client.get("/api/v1/activities/", {"cursor": cursors[0], "offset": 2})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("cursor:")


@pytest.mark.usefixtures("more_records")
def test_the_cursor_keeps_the_filters_of_the_link_it_came_from(client):
    page = _get(client, "/api/v1/activities/", {"limit": 1, "lang": "en", "status": "planned"})
    assert page["next"] and "status=planned" in page["next"] and "lang=en" in page["next"]


@pytest.mark.usefixtures("more_records")
def test_a_count_beyond_the_bound_says_it_is_not_exact_and_the_cursor_still_reaches_all(
    client, monkeypatch
):
    total = _get(client, "/api/v1/activities/", {"limit": 200})
    assert total["count_exact"] is True and total["count"] > 3
    monkeypatch.setattr(pagination, "MOST", 3)
    page = _get(client, "/api/v1/activities/", {"limit": 2})
    assert (page["count"], page["count_exact"]) == (3, False)
    walked, _cursors = _walk(client, "activities", 2)
    assert len(walked) == total["count"]
