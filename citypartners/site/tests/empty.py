"""A database as `migrate` leaves it, for the tests of a new office's setup.

Every test database starts from the small test site (the root conftest.py); these tests need
what an office finds before it has anything: Wagtail's root, its welcome page and default
Site, the German locale and the root collection. ``migrated_database()`` flushes the small
site away inside a transaction that is rolled back at its end, as the demo's tests do, so
each module pays for it once and every other module finds the small site again.
"""

from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site


def clear_caches():
    # Wagtail keeps the sites' root paths in the cache, and Django the content types' ids:
    # the flush makes new content types, and the rollback brings the old ones back.
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


def _as_migrated():
    """What Wagtail's migrations create in an empty database."""
    de = Locale.objects.create(language_code="de")
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=de))
    welcome = root.add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home", locale=de)
    )
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    Collection.add_root(name="Root")


@contextmanager
def migrated_database():
    """Inside: the database as after `migrate`; after: the small test site again."""
    with transaction.atomic():
        call_command("flush", "--no-input", verbosity=0)
        clear_caches()
        _as_migrated()
        yield
        transaction.set_rollback(True)
    clear_caches()


def row_counts() -> dict[str, int]:
    """The number of rows of every model, by label: what a run that changes nothing keeps."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}
