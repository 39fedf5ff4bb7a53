"""`load_demo_data` loads the demo into an empty site once: run again (as `make run` does on
every start) it loads nothing, so what an editor deleted stays deleted; --reset says what it
deletes, asks, and loads afresh.

The demo is loaded once for this module, through the command, into a database as `migrate`
leaves it (in a transaction rolled back after the module's last test).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry, Page

from citypartners.activities.models import Activity
from citypartners.demo.services import LOAD_ACTION
from citypartners.partnerships.models import Partnership
from citypartners.site.tests.empty import clear_caches, migrated_database, row_counts

pytestmark = pytest.mark.django_db


def load_demo_data(*options) -> str:
    out = io.StringIO()
    call_command("load_demo_data", "--language=en", *options, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def first_load(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), migrated_database():
        yield load_demo_data()


@pytest.fixture(autouse=True)
def _forget_reset_content_types():
    yield
    # The reset's flush made new content types, which the test's rollback takes back.
    clear_caches()


def _spandau_luton():
    return Partnership.objects.get(owner__slug="spandau", city__name_en="Luton")


def test_the_first_load_says_what_it_made(first_load):
    assert first_load.startswith("Demo data loaded: activities: 47, budget lines: 7, cities: 149")
    assert "partnerships: 149" in first_load
    assert ModelLogEntry.objects.filter(action=LOAD_ACTION).count() == 1


def test_run_again_after_deletions_it_brings_nothing_back():
    _spandau_luton().delete()
    Activity.objects.filter(title_en__startswith="Example: ").first().delete()
    before = row_counts()
    out = load_demo_data()
    assert "is not loaded again, so nothing deleted since comes back" in out
    assert row_counts() == before
    assert not Partnership.objects.filter(owner__slug="spandau", city__name_en="Luton").exists()
    assert Activity.objects.count() == 46


def test_a_site_with_content_but_no_record_of_a_load_gets_nothing_either():
    # A database loaded before loads were recorded, or an office's own site.
    ModelLogEntry.objects.filter(action=LOAD_ACTION).delete()
    _spandau_luton().delete()
    before = row_counts()
    # Every page the demo made (the easy-language topics too), Wagtail's welcome page not.
    pages = Page.objects.filter(depth__gt=1).exclude(content_type__model="page").count()
    assert pages > 90
    out = load_demo_data()
    assert out.startswith(f"The site has content already (pages: {pages}, owners: 13, ")
    assert "the demo data is loaded only into an empty site" in out
    assert row_counts() == before


def test_reset_says_what_it_deletes_and_a_no_deletes_nothing(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    before = row_counts()
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was deleted."):
        call_command("load_demo_data", "--reset", "--language=en", stdout=out)
    assert "--reset deletes every page, partnership, city, owner" in out.getvalue()
    assert "every account" in out.getvalue()
    assert row_counts() == before


def test_reset_deletes_everything_and_loads_the_demo_afresh():
    _spandau_luton().delete()
    get_user_model().objects.create_user("someone@example.org")
    out = load_demo_data("--reset", "--no-input")
    assert "Demo data loaded: activities: 47, budget lines: 7, cities: 149" in out
    assert _spandau_luton()  # the demo's partnership is back
    assert not get_user_model().objects.exists()  # and, as it said, the account is gone
    assert ModelLogEntry.objects.filter(action=LOAD_ACTION).count() == 1
