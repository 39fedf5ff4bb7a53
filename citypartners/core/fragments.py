"""Rendered fragments (the maps, the timeline) built once per change, not once per request.

A fragment is stored in the page cache's store under a digest of *everything it shows*:
the caller passes the inputs (the points, labels, addresses, dates, titles, the language,
today's date where it matters) and the code that turns them into HTML is digested too. So a
fragment can never be stale: a change to what it shows is a new key, and a new release of
its template or builder is a new key. This is why it needs no purge and works the same with
the page cache switched off (PAGE_CACHE_ENABLED=0), unlike the tag-based page cache, whose
purges are only sent while it is on. Keys no longer asked for expire (PAGE_CACHE_SECONDS).

What must stay true: ``inputs`` holds every value the fragment's HTML depends on (anything
read from the database, the request, the language or the clock), as plain values whose
``repr`` is stable (strings, numbers, dates, tuples), never a lazy translation.
"""

import hashlib
import importlib
import inspect
import logging
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

import citypartners

logger = logging.getLogger(__name__)

PREFIX = "fr:"


@cache
def code_digest(*, templates: tuple = (), modules: tuple = ()) -> str:
    """A digest of the templates' and modules' source (per process; a release changes it)."""
    digest = hashlib.sha256(citypartners.__version__.encode())
    for name in templates:
        digest.update(get_template(name).template.source.encode())
    for name in modules:
        digest.update(inspect.getsource(importlib.import_module(name)).encode())
    return digest.hexdigest()[:16]


def fragment_key(name: str, inputs, *, code: str = "") -> str:
    """The cache key of fragment ``name`` showing ``inputs`` in the active language."""
    text = repr((get_language(), code, inputs))
    return f"{PREFIX}{name}:{hashlib.sha256(text.encode()).hexdigest()}"


def fragment(name: str, inputs, build, *, code: str = "") -> SafeString:
    """The HTML ``build()`` returns for ``inputs``, from the cache when it was built before.

    ``code`` is ``code_digest(...)`` of what ``build`` uses. A cache that fails is a
    fragment built now, never an error page.
    """
    key = fragment_key(name, inputs, code=code)
    store = caches[settings.PAGE_CACHE_ALIAS]
    try:
        found = store.get(key)
    except Exception:
        logger.exception("Fragment cache read failed")
        found = None
    if found is not None:
        return mark_safe(found)  # noqa: S308 (HTML this module stored from a template)
    html = str(build())
    try:
        store.set(key, html, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Fragment cache write failed")
    return mark_safe(html)  # noqa: S308 (rendered by a template, escaped there)
