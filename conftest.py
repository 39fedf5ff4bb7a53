"""Shared fixtures: the Berlin demo data loaded once per test database, media in a temp folder."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the Berlin demo data; each test's changes are rolled back."""
    from citypartners.demo.loader import load_berlin

    with django_db_blocker.unblock():
        call_command("compile_catalogues", verbosity=0)
        load_berlin()


@pytest.fixture
def berlin_data(transactional_db):
    """For tests that need committed data (a live server): load it into the flushed database."""
    from citypartners.demo.loader import load_berlin

    load_berlin()
