"""Django's Redis cache, failing soft: a Redis that is down or slow costs speed, never a page.

Wagtail keeps each site's root paths in the default cache, the page cache keeps answers in
"pages", and the rate limits count there. With Django's own RedisCache every one of those
reads raises once Redis is gone, so every public page answered 500 although the database was
fine. Here a Redis error is logged (at most once a minute per process) and the call behaves
as a cache that holds nothing: reads miss, writes are dropped, counters start again from
zero, so per-client rate limits let requests through while Redis is down (the login lockout
lives in the database and is not affected). ``/readyz`` still fails (core/health.py), naming
the error, so that the operator learns of it.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

QUIET_SECONDS = 60


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls never raise a Redis error (see the module docstring)."""

    last_error: str = ""
    _last_logged: float = 0.0

    def _soft(self, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except RedisError as error:
            self._failed(call.__name__, error)
            return fallback

    def _failed(self, operation: str, error: Exception) -> None:
        self.last_error = f"{type(error).__name__}: {error}"
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= QUIET_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.error(
                "Redis cache unavailable (%s failed: %s); serving without it",
                operation,
                self.last_error,
            )

    def add(self, key, value, timeout=None, version=None):
        return self._soft(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._soft(default, super().get, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._soft(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._soft(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._soft({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._soft(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read counts from nothing: the limit lets the request pass.
        return self._soft(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=None, version=None):
        return self._soft(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._soft(None, super().delete_many, keys, version)

    def clear(self):
        return self._soft(False, super().clear)
