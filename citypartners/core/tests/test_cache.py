"""The shared cache as production runs it: a real Redis, and what happens when it is gone.

A Redis server is started for these tests (Debian's redis-server, which .ci/run installs).
"""

import json
import logging
import shutil
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from citypartners.core import page_cache
from citypartners.settings.environment import cache_settings

pytestmark = pytest.mark.django_db

DEAD = "redis://127.0.0.1:9/0"  # the discard port: connection refused at once


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is needed (apt-get install redis-server)")
    sock = tmp_path_factory.mktemp("redis") / "redis.sock"
    process = subprocess.Popen(
        [server, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if sock.exists():
            break
        time.sleep(0.05)
    yield f"unix://{sock}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_caches(settings, redis_url):
    settings.CACHES = cache_settings(redis_url, key_prefix="test")
    settings.PAGE_CACHE_ENABLED = True
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


def _page(text, tags):
    def render(request):
        from django.http import HttpResponse  # noqa: PLC0415

        page_cache.tag(*tags)
        return HttpResponse(text)

    return page_cache.PageCacheMiddleware(render)


def test_with_redis_the_page_cache_keeps_answers_and_a_purge_removes_exactly_its_tags(
    redis_caches,
):
    _page("a", ["x:1"])(RequestFactory().get("/de/a/"))
    _page("b", ["x:2"])(RequestFactory().get("/de/b/"))
    assert _page("?", [])(RequestFactory().get("/de/a/"))[page_cache.HEADER] == "HIT"

    purged = page_cache.purge_tags(["x:1"])

    assert purged == ["http://testserver/de/a/"]
    assert _page("a2", [])(RequestFactory().get("/de/a/")).content == b"a2"
    assert _page("?", [])(RequestFactory().get("/de/b/")).content == b"b"


def test_with_redis_the_site_answers_and_caches_pages(redis_caches, client):
    assert client.get("/de/")[page_cache.HEADER] == "MISS"
    assert client.get("/de/")[page_cache.HEADER] == "HIT"
    assert client.get("/readyz").status_code == 200


def test_with_redis_down_every_kind_of_answer_still_comes_and_readyz_says_why(
    client, settings, caplog
):
    settings.CACHES = cache_settings(DEAD)
    settings.PAGE_CACHE_ENABLED = True
    caplog.set_level(logging.ERROR, logger="citypartners.core.cache")
    for url in ["/de/", "/en/", "/api/v1/cities/", "/opendata/cities.csv"]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
        assert response.get(page_cache.HEADER) != "HIT", url  # nothing could be kept
    assert "Redis cache unavailable" in caplog.text

    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert json.loads(ready.content)["cache"] == "failing"


def test_with_redis_down_a_counter_lets_the_request_through(settings):
    settings.CACHES = cache_settings(DEAD)
    cache = caches["default"]
    assert cache.add("limit", 0, 60) is False
    assert cache.incr("limit") == 1
    assert cache.get("limit", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
