"""Drafts of partnerships and cities stay in the back office: no public address (pages,
routes, feeds, downloads, API answers, in both languages, cached or not) shows a draft change
or a city not yet published, and publishing purges what shows the record.
"""

import datetime

import pytest

from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership, PartnershipStatus
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FoundingDocumentFactory,
    PartnershipFactory,
)

from . import test_page_cache
from .test_page_cache import MARK, check_nothing_stale, edit, showing

pytestmark = pytest.mark.django_db

cached_site = test_page_cache.cached_site  # the fixture: every public address warmed


def test_a_partnerships_draft_never_shows_and_its_publication_purges_every_page_showing_it(
    cached_site, client, settings, django_capture_on_commit_callbacks
):
    tokyo = Partnership.objects.get(city__slug="tokyo", owner__kind="state")
    suspended = PartnershipStatus(
        status="suspended",
        valid_from=datetime.date(2025, 1, 1),
        reason_de=f"Grund {MARK}",
        reason_en=f"Reason {MARK}",
    )
    tokyo.status_history = [*tokyo.status_history.all(), suspended]
    edit(django_capture_on_commit_callbacks, lambda: tokyo.save_revision())

    check_nothing_stale(client, settings, cached_site)
    assert not showing(client, cached_site, MARK), "a draft shows nowhere"

    revision = Partnership.objects.get(pk=tokyo.pk).latest_revision
    edit(django_capture_on_commit_callbacks, lambda: revision.publish())

    check_nothing_stale(client, settings, cached_site)
    shown = showing(client, cached_site, MARK)
    assert "/de/tokio/" in shown and "/en/tokyo/" in shown


def _draft_city():
    """A city not yet published, with a published partnership of the state (which the
    public sees only with its city) and a borough's draft partnership."""
    city = CityFactory(
        slug="zzqx-town",
        name_de=f"Stadt {MARK}",
        name_en=f"Town {MARK}",
        country_code="FR",
        latitude="48.1",
        longitude="2.1",
        live=False,
    )
    live = PartnershipFactory(owner=Owner.objects.get(slug="land-berlin"), city=city)
    FoundingDocumentFactory(partnership=live, is_shown=True)
    draft = PartnershipFactory(owner=Owner.objects.get(slug="mitte"), city=city, live=False)
    FoundingDocumentFactory(partnership=draft, is_shown=True)
    return city


@pytest.fixture
def draft_city():
    """Made before the addresses are warmed (the page cache is off until then)."""
    return _draft_city()


def test_a_city_not_yet_published_and_its_partnerships_appear_nowhere(
    cached_site, client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        city = _draft_city()

    check_nothing_stale(client, settings, cached_site)
    assert not showing(client, cached_site, MARK)
    for url in (
        f"/api/v1/cities/{city.slug}/",
        f"/de/feeds/city/{city.slug}.ics",
        f"/en/feeds/city/{city.slug}.ics",
    ):
        assert client.get(url).status_code == 404, url
    # Search repeats the words searched for: the city's names must not be among its results.
    for url in ("/de/suche/?q=Zzqx", "/en/search/?q=Zzqx", "/api/v1/cities/?country=FR"):
        html = client.get(url).content.decode()
        assert f"Stadt {MARK}" not in html and f"Town {MARK}" not in html, url


def test_publishing_a_city_purges_the_pages_that_list_its_partnerships(
    draft_city, cached_site, client, settings, django_capture_on_commit_callbacks
):
    assert not showing(client, cached_site, MARK)
    with django_capture_on_commit_callbacks(execute=True):
        draft_city.save_revision().publish()

    check_nothing_stale(client, settings, cached_site)
    shown = showing(client, cached_site, MARK)
    assert "/de/" in shown and "/en/" in shown  # the state's partner cities on the home page
    assert client.get(f"/api/v1/cities/{draft_city.slug}/").status_code == 200
    assert f"Town {MARK}" in client.get("/opendata/cities.csv").content.decode()
