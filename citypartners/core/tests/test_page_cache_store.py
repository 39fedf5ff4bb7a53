"""The page cache's storing rules, without a site: what is kept, what never is."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from citypartners.core import page_cache


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    yield
    page_cache.clear()


def _middleware(render):
    return page_cache.PageCacheMiddleware(render)


def _rendered(text="hello", tags=()):
    def render(request):
        page_cache.tag(*tags)
        return HttpResponse(text)

    return render


def test_an_anonymous_answer_is_kept_and_then_served_from_the_cache():
    middleware = _middleware(_rendered(tags=["x:1"]))
    first = middleware(RequestFactory().get("/de/seite/"))
    second = middleware(RequestFactory().get("/de/seite/"))
    assert (first[page_cache.HEADER], second[page_cache.HEADER]) == ("MISS", "HIT")
    assert second.content == b"hello"


def test_a_purge_of_one_tag_removes_only_the_answers_carrying_it():
    _middleware(_rendered(tags=["x:1"]))(RequestFactory().get("/de/a/"))
    _middleware(_rendered(tags=["x:2"]))(RequestFactory().get("/de/b/"))
    urls = page_cache.purge_tags(["x:1"])
    assert urls == ["http://testserver/de/a/"]
    again = _middleware(_rendered(tags=["x:2"]))
    assert again(RequestFactory().get("/de/b/"))[page_cache.HEADER] == "HIT"
    assert again(RequestFactory().get("/de/a/"))[page_cache.HEADER] == "MISS"


def test_an_answer_whose_record_changed_while_it_rendered_is_not_kept():
    def render(request):
        page_cache.tag("x:1")
        page_cache.purge_tags(["x:1"])  # an editor's commit, in the middle of the rendering
        return HttpResponse("old")

    _middleware(render)(RequestFactory().get("/de/a/"))
    fresh = _middleware(_rendered("new"))(RequestFactory().get("/de/a/"))
    assert fresh.content == b"new"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
    ],
)
def test_readers_with_a_session_or_a_message_are_neither_served_nor_stored(request_kwargs):
    middleware = _middleware(_rendered())
    middleware(RequestFactory().get("/de/a/"))
    answer = middleware(RequestFactory().get("/de/a/", **request_kwargs))
    assert page_cache.HEADER not in answer


def test_answers_that_set_a_cookie_or_are_not_200_are_not_kept():
    def with_cookie(request):
        response = HttpResponse("x")
        response.set_cookie("csrftoken", "t")
        return response

    for render in (with_cookie, lambda request: HttpResponse("gone", status=404)):
        answer = _middleware(render)(RequestFactory().get("/de/a/"))
        assert page_cache.HEADER not in answer and "private" in answer["Cache-Control"]


def test_the_back_office_is_never_kept_by_anyone():
    answer = _middleware(_rendered())(RequestFactory().get("/admin/pages/"))
    assert "no-store" in answer["Cache-Control"] and page_cache.HEADER not in answer


def test_addresses_without_a_language_prefix_are_kept_per_language():
    def render(request):
        return HttpResponse(request.headers.get("Accept-Language", ""))

    middleware = _middleware(render)
    middleware(RequestFactory().get("/opendata/x.csv", HTTP_ACCEPT_LANGUAGE="en"))
    german = middleware(RequestFactory().get("/opendata/x.csv", HTTP_ACCEPT_LANGUAGE="de"))
    english = middleware(RequestFactory().get("/opendata/x.csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert (german.content, english.content) == (b"de", b"en")
    assert english[page_cache.HEADER] == "HIT"


def test_the_page_cache_shares_redis_under_its_own_prefix_so_purges_never_touch_a_limit():
    from citypartners.settings.environment import cache_settings

    caches = cache_settings("redis://127.0.0.1:6379/1")
    assert caches["pages"]["LOCATION"] == caches["default"]["LOCATION"]
    assert caches["pages"]["KEY_PREFIX"] != caches["default"]["KEY_PREFIX"]
    assert cache_settings("")["pages"]["BACKEND"].endswith("LocMemCache")
