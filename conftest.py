"""Shared fixtures: the small test site built once per test database, media in a temp folder.

The small site (citypartners/site/tests/small_site.py) is built from the factories registered
here. Only the tests about the Berlin demo itself load the demo (citypartners/demo/tests/).
"""

import sqlite3

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client as DjangoClient
from pytest_factoryboy import register

from citypartners.activities.tests.factories import ActivityFactory, ActivityKindFactory
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.core.home_city import home_city_forget
from citypartners.mail.backends import OUTBOX_BACKEND
from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FocusAreaFactory,
    FoundingDocumentFactory,
    OwnerFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)
from citypartners.projects.tests.factories import ProjectFactory, ProjectOrganisationFactory
from citypartners.site.tests.small_site import build_small_site

for _factory in (
    OwnerFactory,
    CityFactory,
    FocusAreaFactory,
    PartnershipFactory,
    FoundingDocumentFactory,
    PartnershipStatusFactory,
    ActivityKindFactory,
    ActivityFactory,
    OrganisationFactory,
    ContactPersonFactory,
    ProjectFactory,
    ProjectOrganisationFactory,
):
    register(_factory)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def _mail_through_the_outbox(django_test_environment):
    """Django's test set-up puts its in-memory backend into EMAIL_BACKEND; put the outbox
    back, as in every environment. What it delivers still lands in django.core.mail.outbox
    (MAIL_DELIVERY_BACKEND in settings/test.py), once the transaction is committed."""
    from django.conf import settings

    settings.EMAIL_BACKEND = OUTBOX_BACKEND


class ReadingClient(DjangoClient):
    """Django's test client, reading a streamed answer (a CSV download) to its end within the
    request: its queries are counted where the request is (query-count tests), and its body
    is ``response.content`` (and ``.text``, ``.json()``) as for any other answer.
    ``response.streaming`` stays true."""

    def request(self, **request):
        response = super().request(**request)
        if response.streaming:
            body = b"".join(response.streaming_content)
            response.streaming_content = [body]
            response.__class__ = type(
                "Read" + type(response).__name__,
                (type(response),),
                # .text decoded when asked for (a binary download has none)
                {"content": body, "text": property(lambda r: r.content.decode(r.charset))},
            )
        return response


@pytest.fixture
def client():
    return ReadingClient()


@pytest.fixture
def admin_client(admin_user):
    reading = ReadingClient()
    reading.force_login(admin_user)
    return reading


@pytest.fixture(autouse=True)
def _process_caches_afresh():
    """Each test starts with empty caches: the home city (the office settings' value, kept
    per process), Wagtail's site root paths, rate-limit counters and the page cache all live
    in this process's memory, and what a rolled-back test left there must not reach the next
    test (a stale root path answered 404s; a stale page would pass for a cache defect)."""
    from citypartners.core import page_cache  # noqa: PLC0415 (needs the app registry)

    home_city_forget()
    for cache in caches.all():
        cache.clear()
    page_cache.clear()  # its tag index too
    yield
    home_city_forget()


# A copy of the SQLite test database (held in memory) taken right after the small site is
# built; a transactional test restores it in milliseconds instead of building the site again.
_snapshot = {}


def _snapshot_take():
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    _snapshot["sqlite"] = copy


def _snapshot_restore() -> bool:
    copy = _snapshot.get("sqlite")
    if copy is None:
        return False
    connection.ensure_connection()
    copy.backup(connection.connection)
    # The flush gave content types new ids and Wagtail cached the site's root paths: forget
    # both, the restored database has its own.
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()
    return True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the small site; each test's changes are rolled back."""

    with django_db_blocker.unblock():
        call_command("compile_catalogues", verbosity=0)
        build_small_site()
        _snapshot_take()


@pytest.fixture
def small_site(transactional_db):
    """For tests that need committed data (a live server, backups): the small site again in
    the database that the previous transactional test flushed (the first one still finds the
    site built in django_db_setup): on SQLite from the snapshot, elsewhere built anew.
    pytest-django runs such tests after all others, so the flush at their end takes the data
    from no ordinary test."""

    if not Owner.objects.exists() and not _snapshot_restore():
        build_small_site()
