"""Deployment checks of our own, shown by ``manage.py check --deploy`` beside Django's."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """The rate limits (proposals, feedback, password resets, the API) count in the default
    cache; in one process's memory every gunicorn worker counts for itself."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The default cache is not shared between processes: each worker keeps its own "
            "rate limits and cached pages.",
            hint="Set REDIS_URL (docs/production.md), e.g. redis://127.0.0.1:6379/0.",
            id="citypartners.W001",
        )
    ]
