"""The open data API: every endpoint and filter, bad parameters, pages, languages, caching,
rate limits, and never any personal data."""

import json

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.models import ContactPerson
from citypartners.core.clients import client_address
from citypartners.opendata.api import api
from citypartners.partnerships.models import Partnership
from citypartners.projects.models import Proposal

pytestmark = pytest.mark.django_db

LISTS = ["cities", "partnerships", "activities", "projects", "organisations"]


@pytest.fixture(autouse=True)
def _no_throttle_memory():
    cache.clear()


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def _all(client, url, **params):
    """Every record of a list, following the `next` links."""
    page = _get(client, url, limit=7, **params)
    results = list(page["results"])
    while page["next"]:
        response = client.get(page["next"])
        assert response.status_code == 200
        page = response.json()
        results += page["results"]
    return results


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_through_all_its_records(client, name):
    first = _get(client, f"/api/v1/{name}/", limit=3)
    assert first["count"] > 0 and first["previous"] is None
    everything = _all(client, f"/api/v1/{name}/")
    assert len(everything) == first["count"]
    key = "id" if name == "partnerships" else "slug"
    assert len({row[key] for row in everything}) == first["count"]
    second = _get(client, f"/api/v1/{name}/", limit=1, offset=1)
    assert second["previous"] and second["results"][0] == everything[1]


@pytest.mark.parametrize("name", LISTS)
def test_every_record_has_its_own_address(client, name):
    rows = _get(client, f"/api/v1/{name}/", limit=5)["results"]
    for row in rows:
        key = row["id"] if name == "partnerships" else row["slug"]
        assert _get(client, f"/api/v1/{name}/{key}/") == row
    missing = client.get(f"/api/v1/{name}/999999/")
    assert missing.status_code == 404 and "detail" in missing.json()


def test_partnership_has_history_and_documents(client):
    moscow = Partnership.objects.get(owner__slug="land-berlin", city__slug="moscow")
    data = _get(client, f"/api/v1/partnerships/{moscow.pk}/", lang="en")
    assert data["status"] == "suspended" and data["status_since"] == "2022-02-24"
    assert [s["status"] for s in data["status_history"]][-1] == "suspended"
    assert data["founding_documents"] and data["since"]
    jakarta = Partnership.objects.get(owner__slug="land-berlin", city__slug="jakarta")
    documents = _get(client, f"/api/v1/partnerships/{jakarta.pk}/")["founding_documents"]
    assert len(documents) == 2 and sum(d["is_shown"] for d in documents) == 1


def _slugs(row):
    return [f["slug"] for f in row["focus_areas"]]


FILTERS = [
    ("partnerships", {"owner": "mitte"}, lambda r: r["owner"]["slug"] == "mitte"),
    ("partnerships", {"city": "paris"}, lambda r: r["city"]["slug"] == "paris"),
    ("partnerships", {"focus_area": "culture"}, lambda r: "culture" in _slugs(r)),
    ("partnerships", {"status": "suspended"}, lambda r: r["status"] == "suspended"),
    ("partnerships", {"kind": "partnership"}, lambda r: r["kind"] == "partnership"),
    (
        "partnerships",
        {"since_from": "1990-01-01", "since_to": "1999-12-31"},
        lambda r: "1990-01-01" <= (r["since"] or "") <= "1999-12-31",
    ),
    ("activities", {"city": "tokyo"}, lambda r: "tokyo" in r["city_slugs"]),
    ("activities", {"owner": "land-berlin"}, lambda r: r["owner"] == "land-berlin"),
    ("activities", {"focus_area": "culture"}, lambda r: "culture" in _slugs(r)),
    ("activities", {"kind": "official-visit"}, lambda r: r["kind"]["slug"] == "official-visit"),
    ("activities", {"status": "done"}, lambda r: r["status"] == "done"),
    (
        "activities",
        {"date_from": "2000-01-01", "date_to": "2009-12-31"},
        lambda r: r["ends_at"] >= "2000" and r["starts_at"] < "2010",
    ),
    ("cities", {"owner": "mitte"}, lambda r: r["partnership_ids"]),
    ("cities", {"country": "pl"}, lambda r: r["country_code"] == "PL"),
    ("projects", {"city": "tokyo"}, lambda r: r["partnership_ids"]),
    ("projects", {"status": "done"}, lambda r: r["status"] == "done"),
    ("projects", {"owner": "land-berlin"}, lambda r: r["owner"] == "land-berlin"),
    ("projects", {"focus_area": "climate"}, lambda r: "climate" in _slugs(r)),
    ("organisations", {"type": "school"}, lambda r: r["type"] == "school"),
    ("organisations", {"city": "berlin"}, lambda r: r["city"] == "berlin"),
    ("organisations", {"owner": "land-berlin"}, lambda r: r["owner"] == "land-berlin"),
    ("organisations", {"focus_area": "climate"}, lambda r: "climate" in _slugs(r)),
]


@pytest.mark.parametrize("name,params,check", FILTERS)
def test_every_filter_keeps_exactly_the_matching_records(client, name, params, check):
    rows = _all(client, f"/api/v1/{name}/", **params)
    assert rows, f"{name} {params} found nothing"
    assert all(check(row) for row in rows)
    # Nothing that matches was left out (where the row itself shows what the filter sees).
    if name not in ("cities", "projects"):
        left_out = [r for r in _all(client, f"/api/v1/{name}/") if r not in rows and check(r)]
        assert not left_out


BAD = [
    ("partnerships", {"limit": "0"}, "limit"),
    ("partnerships", {"limit": "201"}, "limit"),
    ("partnerships", {"limit": "many"}, "limit"),
    ("partnerships", {"offset": "-1"}, "offset"),
    ("partnerships", {"since_from": "31.12.2020"}, "since_from"),
    ("partnerships", {"status": "asleep"}, "status"),
    ("activities", {"date_from": "2020-02-30"}, "date_from"),
    ("activities", {"lang": "fr"}, "lang"),
    ("cities", {"country": "Germany"}, "country"),
    ("organisations", {"type": "pub"}, "type"),
]


@pytest.mark.parametrize("name,params,word", BAD)
def test_bad_parameters_get_400_with_a_message(client, name, params, word):
    response = client.get(f"/api/v1/{name}/", params)
    assert response.status_code == 400
    assert word in response.json()["detail"]


UNKNOWN = [
    ("partnerships", {"owner": "atlantis"}, "atlantis"),
    ("partnerships", {"city": "atlantis"}, "atlantis"),
    ("activities", {"date_from": "2021-01-01", "date_to": "2020-01-01"}, "date_to"),
    ("activities", {"kind": "party"}, "party"),
    ("activities", {"city": "atlantis"}, "atlantis"),
    ("projects", {"focus_area": "nothing"}, "nothing"),
    ("cities", {"owner": "nobody"}, "nobody"),
    ("organisations", {"city": "atlantis"}, "atlantis"),
]


@pytest.mark.parametrize("name,params,word", UNKNOWN)
def test_well_formed_filters_that_match_nothing_say_why(client, name, params, word):
    page = _get(client, f"/api/v1/{name}/", **params)
    assert page["count"] == 0 and page["results"] == []
    assert word in " ".join(page["notes"])


def test_language_from_the_parameter_or_the_header(client):
    activity = Activity.objects.filter(live=True, is_public=True).first()
    url = f"/api/v1/activities/{activity.slug}/"
    assert client.get(url, {"lang": "en"}).json()["title"] == activity.title_en
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert german.json()["title"] == activity.title_de and german["Content-Language"] == "de"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert english.json()["title"] == activity.title_en and english["Content-Language"] == "en"
    paris = client.get("/api/v1/cities/paris/", {"lang": "en"}).json()
    assert paris["country"] == "France"


def test_unchanged_responses_are_not_sent_twice(client):
    first = client.get("/api/v1/partnerships/", {"limit": 5})
    again = client.get("/api/v1/partnerships/", {"limit": 5}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_drafts_and_internal_activities_stay_out(client):
    draft = ActivityFactory(live=False, title_en="Example: hidden draft")
    internal = ActivityFactory(is_public=False, title_en="Example: internal meeting")
    slugs = {row["slug"] for row in _all(client, "/api/v1/activities/")}
    assert draft.slug not in slugs and internal.slug not in slugs
    assert client.get(f"/api/v1/activities/{draft.slug}/").status_code == 404


def test_anonymous_clients_get_429_beyond_the_rate_limit(client, settings):
    settings.API_RATE_LIMIT = "3/m"
    codes = [client.get("/api/v1/cities/", {"limit": 1}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/cities/")
    assert response.status_code == 429 and response.json()["detail"]


def test_no_personal_data_anywhere_in_the_api(client):
    people = list(ContactPerson.objects.all())
    proposals = list(Proposal.objects.all())
    assert people
    needles = [p.name for p in people] + [p.email for p in people if p.email]
    needles += [p.phone for p in people if getattr(p, "phone", "")]
    needles += [p.email for p in proposals] + [p.name for p in proposals]
    seen = [client.get("/api/v1/openapi.json").content.decode()]
    for name in LISTS:
        for lang in ("de", "en"):
            rows = _all(client, f"/api/v1/{name}/", lang=lang)
            seen.append(json.dumps(rows, ensure_ascii=False))
            for row in rows:
                key = row["id"] if name == "partnerships" else row["slug"]
                seen.append(client.get(f"/api/v1/{name}/{key}/", {"lang": lang}).content.decode())
    text = "\n".join(seen)
    assert len(text) > 50_000
    leaked = [needle for needle in needles if needle and needle in text]
    assert not leaked, leaked
    assert "contact" not in client.get("/api/v1/openapi.json").content.decode().lower()


@pytest.mark.parametrize("name", LISTS)
def test_a_full_page_runs_a_fixed_number_of_queries(client, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(f"/api/v1/{name}/", {"limit": 200})


@pytest.mark.parametrize(
    "url",
    ["/api/v1/cities/a%00b/", "/api/v1/partnerships/?owner=%00", "/api/v1/cities/?country=D%00"],
)
def test_a_nul_character_matches_nothing_instead_of_failing(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.json()["count"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ],
)
def test_the_extreme_dates_work_as_open_ends(client, params):
    response = client.get("/api/v1/activities/", params)
    assert response.status_code == 200
    assert response.json()["count"] == client.get("/api/v1/activities/").json()["count"]


def test_extreme_founding_dates_filter_too(client):
    response = client.get(
        "/api/v1/partnerships/", {"since_from": "0001-01-01", "since_to": "9999-12-31"}
    )
    assert response.status_code == 200


def test_the_429_cannot_be_bypassed_with_new_x_forwarded_for_values(client, settings):
    settings.API_RATE_LIMIT = "3/m"
    for proxies in (0, 1):
        cache.clear()
        settings.TRUSTED_PROXY_COUNT = proxies
        codes = [
            client.get(
                "/api/v1/cities/",
                {"limit": 1},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5",
            ).status_code
            for n in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429], proxies


def test_behind_a_proxy_each_client_has_its_own_api_limit(client, settings):
    settings.API_RATE_LIMIT = "2/m"
    settings.TRUSTED_PROXY_COUNT = 1

    def get(address):
        return client.get(
            "/api/v1/cities/", {"limit": 1}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address
        ).status_code

    assert [get("203.0.113.5") for _ in range(3)] == [200, 200, 429]
    assert get("198.51.100.20") == 200


def test_every_api_throttle_keys_on_client_address(settings):
    from ninja.throttling import BaseThrottle

    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/api/v1/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.9, 203.0.113.5"
    )
    throttles = list(api.throttle)
    for _, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                throttles += operation.throttle_objects
    assert throttles
    for throttle in throttles:
        assert isinstance(throttle, BaseThrottle)
        assert throttle.get_ident(request) == client_address(request)
