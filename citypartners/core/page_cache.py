"""The page cache: anonymous GETs of public pages, feeds, downloads and API answers, kept
until something they show changes.

While a response is rendered, a request-scoped collector gathers *tags* of what it shows:
every record loaded from the database (``post_init``) gives its instance tag
(``partnerships.partnership:12``), pages are tagged (``page:30``) where the site shows them
(the page served, the pages it links by title: not every page Wagtail's routing walks
through, or the home page would tag every page below it), and views that list records add
list tags (``list:activities.activity``, ``list:activities.activity:city:5``) through
``tag()``, because a list can gain a record it did not load. A stored response is indexed
under each of its tags (Redis sets; a per-process index with the local-memory cache), and
``purge_tags`` removes every stored response of the given tags, here and in the front cache
(Wagtail's frontend_cache, when WAGTAILFRONTENDCACHE names one). Which tags a change touches
is decided above, where the pages are known (citypartners.site.cache_purge).

What must stay true:
- Only anonymous readers are served or stored: GET/HEAD, no session or messages cookie, no
  back office, no preview. A response is stored only when it is a 200, sets no cookie (a
  page with a CSRF token sets the CSRF cookie, so forms are never stored), is not private,
  and none of its tags was purged while it was being rendered (no stale write after a purge).
- The key is the absolute URL; addresses without a language prefix (the API, downloads)
  add the language negotiated from Accept-Language, which is what they answer in.
- The cached answer of an API request still counts against the client's API throttle
  (``settings.PAGE_CACHE_THROTTLED``: the prefix and the throttles' factory, named by string
  as AXES_CLIENT_IP_CALLABLE is): a hit is cheap, but per-client limits stay what they are.
"""

import contextvars
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_init
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

ALL = "all"  # every stored response carries it: office settings, site structure
HEADER = "X-Cache"
# Headers of one answer only: never stored, never replayed.
PER_RESPONSE = {"set-cookie", "x-request-id", HEADER.lower()}
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/django-admin/", "/healthz", "/readyz")

_collector: contextvars.ContextVar = contextvars.ContextVar("page_cache_tags", default=None)


# --- Tags ------------------------------------------------------------------------------------
def instance_tag(model, pk) -> str:
    """The tag of one record: ``page:<id>`` for every page, else ``<app>.<model>:<id>``."""
    if getattr(model, "_page_cache_is_page", None) is None:
        from wagtail.models import Page  # noqa: PLC0415 (wagtail's models need the app registry)

        model._page_cache_is_page = issubclass(model, Page)
    if model._page_cache_is_page:
        return f"page:{pk}"
    return f"{model._meta.label_lower}:{pk}"


def list_tag(model, **scope) -> str:
    """The tag of a list of ``model``'s records, optionally of one scope (``city=5``)."""
    label = model if isinstance(model, str) else model._meta.label_lower
    parts = [f"list:{label}"] + [f"{name}:{value}" for name, value in sorted(scope.items())]
    return ":".join(parts)


def tag(*tags: str) -> None:
    """Add tags to the response being rendered (nothing outside a cached request)."""
    collected = _collector.get()
    if collected is not None:
        collected.update(tags)


@receiver(post_init, dispatch_uid="page_cache_record_loaded")
def _record_loaded(sender, instance, **kwargs):
    collected = _collector.get()
    if collected is not None and instance.pk is not None:
        name = instance_tag(sender, instance.pk)
        if not name.startswith("page:"):
            collected.add(name)


# --- Storage ---------------------------------------------------------------------------------
def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _timeout() -> int:
    return settings.PAGE_CACHE_SECONDS


def _entry_key(member: str) -> str:
    return "pc:e:" + hashlib.sha256(member.encode()).hexdigest()


def _tag_key(name: str) -> str:
    return "pc:t:" + name


def _purged_key(name: str) -> str:
    return "pc:p:" + name


class _LocalIndex:
    """Tag → members in this process, for the local-memory cache (itself per process)."""

    def __init__(self):
        self.sets: dict[str, set] = {}
        self.lock = threading.Lock()

    def add(self, tags, member):
        with self.lock:
            for name in tags:
                self.sets.setdefault(name, set()).add(member)

    def pop(self, tags) -> set:
        with self.lock:
            found = set()
            for name in tags:
                found |= self.sets.pop(name, set())
            return found

    def clear(self):
        with self.lock:
            self.sets.clear()


_local_index = _LocalIndex()


def _redis(cache):
    """The redis-py client behind Django's RedisCache, or None for another backend."""
    client = getattr(cache, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        return None
    return client.get_client(write=True)


def _index_add(cache, tags, member):
    client = _redis(cache)
    if client is None:
        _local_index.add(tags, member)
        return
    pipe = client.pipeline(transaction=False)
    for name in tags:
        key = cache.make_key(_tag_key(name))
        pipe.sadd(key, member)
        pipe.expire(key, _timeout() + 60)
    pipe.execute()


def _index_pop(cache, tags) -> set:
    client = _redis(cache)
    if client is None:
        return _local_index.pop(tags)
    keys = [cache.make_key(_tag_key(name)) for name in tags]
    pipe = client.pipeline(transaction=True)
    pipe.sunion(keys)
    pipe.delete(*keys)
    members, _deleted = pipe.execute()
    return {m.decode() if isinstance(m, bytes) else m for m in members}


def clear() -> None:
    """Forget every stored response (tests; the front cache is not told)."""
    _cache().clear()
    _local_index.clear()


def purge_tags(tags) -> list[str]:
    """Remove every stored response showing one of ``tags``, here and in the front cache.

    Returns the purged URLs. Marks the tags as purged now, so that a response rendered
    before the change and finished after it is not stored.
    """
    tags = sorted(set(tags))
    if not tags:
        return []
    cache = _cache()
    now = time.time()
    try:
        cache.set_many({_purged_key(name): now for name in tags}, _timeout())
        members = _index_pop(cache, tags)
        cache.delete_many([_entry_key(m) for m in members])
    except Exception:  # a dead cache must not fail the editor's save
        logger.exception("Page cache purge failed for %s", tags)
        members = set()
    urls = sorted({m.split("|", 1)[1] for m in members})
    _purge_front(urls)
    logger.info("Page cache purge", extra={"tags": tags[:20], "urls": len(urls)})
    return urls


def purge_tags_on_commit(tags) -> None:
    """``purge_tags`` once the current transaction is committed (at once outside one)."""
    tags = set(tags)
    transaction.on_commit(lambda: purge_tags(tags))


def _purge_front(urls):
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache  # noqa: PLC0415

    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("Front cache purge failed")


# --- Middleware ------------------------------------------------------------------------------
def _candidate(request) -> bool:
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(UNCACHED_PREFIXES):
        return False
    cookies = request.COOKIES
    # Signed-in people and those with a message waiting see their own page.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _member(request) -> str:
    """The stored response's identity: language (for unprefixed addresses) | absolute URL."""
    language = translation.get_language_from_request(request, check_path=True)
    return f"{language}|{request.build_absolute_uri()}"


class PageCacheMiddleware:
    """Serves and stores anonymous answers (see the module docstring); before the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _candidate(request):
            response = self.get_response(request)
            if request.path_info.startswith("/admin/"):
                # The back office is never kept by a browser or a shared cache.
                patch_cache_control(response, private=True, no_store=True)
            return response
        member = _member(request)
        cache = _cache()
        try:
            stored = cache.get(_entry_key(member))
        except Exception:
            logger.exception("Page cache read failed")
            stored = None
        if stored is not None:
            refused = self._throttled(request)
            if refused is not None:
                return refused
            return self._replay(request, stored)
        started = time.time()
        collected = {ALL}
        token = _collector.set(collected)
        try:
            response = self.get_response(request)
        finally:
            _collector.reset(token)
        if self._storable(request, response, collected):
            # Every anonymous reader without a session gets this answer, whatever cookies
            # they send (those with a session never get it): no Vary on Cookie.
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            vary = [v for v in vary if v.lower() != "cookie"]
            if vary:
                response["Vary"] = ", ".join(vary)
            elif response.has_header("Vary"):
                del response["Vary"]
            self._store(cache, member, response, collected, started)
            response[HEADER] = "MISS"
        elif not response.has_header("Cache-Control"):
            # Not the same for every reader (a form's token, a redirect by language, ...).
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _throttled(self, request):
        prefix, factory = settings.PAGE_CACHE_THROTTLED
        if not request.path_info.startswith(prefix):
            return None
        for throttle in import_string(factory)():
            if not throttle.allow_request(request):
                response = HttpResponse(
                    b'{"detail": "Too many requests."}',
                    status=429,
                    content_type="application/json",
                )
                response["Retry-After"] = str(int(throttle.wait() or 1))
                return response
        return None

    def _storable(self, request, response, collected) -> bool:
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if response.cookies or response.has_header("Set-Cookie"):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # it holds a CSRF token
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        control = response.get("Cache-Control", "").lower()
        return not any(word in control for word in ("private", "no-store", "no-cache"))

    def _store(self, cache, member, response, collected, started):
        tags = sorted(collected)
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
        headers = [(k, v) for k, v in response.items() if k.lower() not in PER_RESPONSE]
        entry = (response.status_code, headers, response.content)
        try:
            purged = cache.get_many([_purged_key(name) for name in tags])
            if any(when >= started for when in purged.values()):
                return  # something it shows changed while it was rendered
            _index_add(cache, tags, member)
            cache.set(_entry_key(member), entry, _timeout())
        except Exception:
            logger.exception("Page cache write failed")

    def _replay(self, request, entry):
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "HIT"
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        return conditional or response
