"""The page cache purges exactly what an edit touches: after every kind of edit no public
address answers stale content, and addresses that do not show the changed thing stay cached.

Every public address in both languages (pages, routes, feeds, downloads, API answers) is
warmed, one edit is made through the service or Wagtail's own publishing, and then each
address still in the cache must answer exactly what it answers when rendered afresh.
"""

import datetime
import difflib
import re

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from wagtail.models import Page

from citypartners.activities.models import Activity
from citypartners.activities.services import activity_update
from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import contact_update
from citypartners.core import page_cache
from citypartners.core.models import OfficeSettings
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City, Partnership
from citypartners.partnerships.services import StatusData, city_update, partnership_history_add
from citypartners.projects.models import Project
from citypartners.site.models import PartnerCityPage, StandardPage

from .pages import all_public_urls

pytestmark = pytest.mark.django_db

MARK = "Zzqx"  # a word no page shows before the edit

FEEDS_AND_DATA = [
    "/de/feeds/activities.ics",
    "/en/feeds/activities.ics",
    "/de/feeds/activities.atom",
    "/en/feeds/activities.atom",
    "/de/feeds/city/warsaw.ics",
    "/en/feeds/city/tokyo.ics",
    "/opendata/cities.csv",
    "/opendata/activities.csv",
    "/opendata/organisations.csv",
    "/opendata/partner-cities.geojson",
    "/api/v1/cities/",
    "/api/v1/cities/warsaw/?lang=en",
    "/api/v1/partnerships/",
    "/api/v1/activities/?lang=en",
    "/api/v1/projects/",
    "/api/v1/organisations/",
]


@pytest.fixture
def cached_site(settings, client):
    """Page cache on; every public address warmed. Yields the addresses that were stored."""
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    stored = []
    for url in all_public_urls() + FEEDS_AND_DATA:
        response = client.get(url)
        if response.get(page_cache.HEADER) == "MISS":
            stored.append(url)
            assert client.get(url)[page_cache.HEADER] == "HIT", url
    yield stored
    page_cache.clear()


def is_cached(url) -> bool:
    member = page_cache._member(RequestFactory().get(url))
    return caches["pages"].get(page_cache._entry_key(member)) is not None


def fresh(client, settings, url) -> bytes:
    settings.PAGE_CACHE_ENABLED = False
    try:
        return client.get(url).content
    finally:
        settings.PAGE_CACHE_ENABLED = True


# Feeds stamp the moment they are made (iCalendar's DTSTAMP, Atom's dates of items never
# published through Wagtail): not content.
STAMPS = re.compile(rb"(DTSTAMP:\S+|<updated>[^<]*</updated>|<published>[^<]*</published>)")


def check_nothing_stale(client, settings, stored):
    """Every address still cached answers what a fresh rendering answers (a purged one is
    rendered afresh anyway); returns those still cached."""
    kept = [url for url in stored if is_cached(url)]
    for url in kept:
        cached, now = client.get(url), fresh(client, settings, url)
        assert cached[page_cache.HEADER] == "HIT", url
        old, new = STAMPS.sub(b"", cached.content), STAMPS.sub(b"", now)
        assert old == new, f"stale: {url}\n{_difference(old, new)}"
    return kept


def _difference(old: bytes, new: bytes) -> str:
    """The changed lines, so that a failure says what went stale."""
    lines = difflib.unified_diff(
        old.decode().splitlines(), new.decode().splitlines(), "cached", "fresh", n=1, lineterm=""
    )
    return "\n".join(list(lines)[:40])


def edit(django_capture_on_commit_callbacks, change):
    with django_capture_on_commit_callbacks(execute=True):
        change()


def showing(client, stored, text):
    return [url for url in stored if text in client.get(url).content.decode()]


# --- each kind of edit ----------------------------------------------------------------------
def _activity_title():
    activity = Activity.objects.get(title_en="Example: Tokyo climate seminar")
    activity_update(activity=activity, title_de=f"Klimaseminar {MARK}", title_en=f"Seminar {MARK}")


def _activity_unpublish():
    Activity.objects.get(title_en="Example: Tokyo climate seminar").unpublish()


def _activity_delete():
    Activity.objects.get(title_en="Example: Tokyo climate seminar").delete()


def _city_name():
    city_update(city=City.objects.get(slug="tokyo"), name_de=f"Tokio {MARK}", name_en=f"T {MARK}")


def _partnership_status():
    partnership_history_add(
        partnership=Partnership.objects.get(city__slug="tokyo"),
        statuses=[
            StatusData(
                status="suspended",
                valid_from=datetime.date(2025, 1, 1),
                reason_de=f"Grund {MARK}",
                reason_en=f"Reason {MARK}",
            )
        ],
    )


def _project_title():
    project = Project.objects.get(slug="example-heat-maps-berlin-tokyo")
    project.title_de = project.title_en = f"Hitzekarten {MARK}"
    project.save()


def _organisation_name():
    organisation = Organisation.objects.get(slug="example-tokyo-climate-institute")
    organisation.name = f"Institute {MARK}"
    organisation.save()


def _contact_role():
    person = ContactPerson.objects.get(name__startswith="Beispiel: Kenji")
    contact_update(person=person, role_de=f"Forscher {MARK}", role_en=f"Researcher {MARK}")


def _contact_withdraws_consent():
    person = ContactPerson.objects.get(name__startswith="Beispiel: Kenji")
    contact_update(person=person, consent_public=False)


def _contact_gives_consent():
    person = ContactPerson.objects.get(name__startswith="Beispiel: Mara")
    contact_update(person=person, consent_public=True, role_de=MARK, role_en=MARK)


def _page_publish():
    page = PartnerCityPage.objects.get(url_path__endswith="/warsaw/")
    page.body = f"<p>{MARK}</p>"
    page.save_revision().publish()


def _page_unpublish():
    StandardPage.objects.filter(locale__language_code="en").order_by("path").first().unpublish()


def _office_settings():
    office = OfficeSettings.objects.get()
    office.phone = f"+49 30 {MARK}"
    office.save()


# Pages about Warsaw and the overview, which show nothing of Tokyo's activities, projects,
# institutions or people.
WARSAW = ["/de/warschau/", "/en/warsaw/"]
WARSAW_AND_HOME = WARSAW + ["/de/", "/en/"]
# (edit, the text it shows or removes, addresses that must stay cached; None: every page
# shows what changed, so everything is purged)
EDITS = {
    "activity edited": (_activity_title, MARK, WARSAW_AND_HOME),
    "activity unpublished": (_activity_unpublish, "Tokyo climate seminar", WARSAW_AND_HOME),
    "activity deleted": (_activity_delete, "Tokyo climate seminar", WARSAW_AND_HOME),
    "city renamed": (_city_name, MARK, WARSAW),
    "partnership suspended": (_partnership_status, MARK, WARSAW),
    "project edited": (_project_title, MARK, WARSAW_AND_HOME),
    "organisation edited": (_organisation_name, MARK, WARSAW_AND_HOME),
    "contact person edited": (_contact_role, MARK, WARSAW_AND_HOME),
    "contact person withdraws consent": (_contact_withdraws_consent, "Kenji", WARSAW_AND_HOME),
    "contact person gives consent": (_contact_gives_consent, MARK, ["/de/tokio/", "/de/"]),
    "page published": (_page_publish, MARK, ["/de/tokio/", "/en/tokyo/"]),
    "page unpublished": (_page_unpublish, None, None),
    "office settings": (_office_settings, MARK, None),
}


@pytest.mark.parametrize("name", EDITS)
def test_after_each_kind_of_edit_no_address_is_stale_and_others_stay_cached(
    name, cached_site, client, settings, django_capture_on_commit_callbacks
):
    change, text, keep = EDITS[name]
    stored = cached_site
    assert len(stored) > 60  # pages, routes, feeds, downloads and API answers of both languages
    edit(django_capture_on_commit_callbacks, change)

    kept = check_nothing_stale(client, settings, stored)

    if text == MARK:
        assert showing(client, stored, MARK), "the edit shows somewhere"
    elif text is not None:
        assert not showing(client, stored, text), "what was removed is gone everywhere"
    if keep is None:
        assert not kept, "a change every page shows purges every page"
        return
    # Exact: pages that do not show the changed thing were not purged.
    imprint = _unrelated_page(stored)
    for url in [imprint, *keep]:
        assert url in stored and url in kept, f"{url} was purged, but does not show the change"
    assert len(kept) >= len(stored) // 3, (len(kept), len(stored))


def _unrelated_page(stored):
    """A standard page (the imprint, ...): it shows no record."""
    for page in StandardPage.objects.live().order_by("path"):
        if page.url in stored:
            return page.url
    raise AssertionError("no standard page cached")


def test_a_draft_is_never_shown_nor_cached(
    cached_site, client, settings, django_capture_on_commit_callbacks
):
    activity = Activity.objects.get(title_en="Example: Tokyo climate seminar")
    activity.title_de = activity.title_en = f"Entwurf {MARK}"
    edit(django_capture_on_commit_callbacks, lambda: activity.save_revision())

    check_nothing_stale(client, settings, cached_site)
    assert not showing(client, cached_site, MARK)


def test_a_person_without_consent_never_appears(cached_site, client):
    for url in cached_site:
        assert "Mara Intern" not in client.get(url).content.decode(), url


def test_each_address_answers_in_its_own_language(cached_site, client):
    for url in cached_site:
        response = client.get(url)
        assert response[page_cache.HEADER] == "HIT"
        if url.startswith(("/de/", "/en/")) and "text/html" in response["Content-Type"]:
            assert f'<html lang="{url[1:3]}"' in response.content.decode(), url


def test_the_api_answers_in_the_language_asked_for_from_the_cache(settings, client):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    for _ in range(2):
        german = client.get("/api/v1/cities/warsaw/", HTTP_ACCEPT_LANGUAGE="de")
        english = client.get("/api/v1/cities/warsaw/", HTTP_ACCEPT_LANGUAGE="en")
        assert german["Content-Language"] == "de" and "Warschau" in german.content.decode()
        assert english["Content-Language"] == "en" and "Warschau" not in english.json()["name"]
    assert english[page_cache.HEADER] == "HIT"


def test_a_cached_api_answer_still_counts_against_the_clients_throttle(settings, client):
    settings.PAGE_CACHE_ENABLED = True
    settings.API_RATE_LIMIT = "3/m"
    caches["default"].clear()
    page_cache.clear()
    answers = [client.get("/api/v1/cities/").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]


def test_signed_in_readers_forms_and_the_back_office_are_never_cached(settings, client, admin_user):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    get_involved = Page.objects.get(
        content_type__model="getinvolvedpage", locale__language_code="de"
    )
    for _ in range(2):  # a page with a CSRF token sets a cookie: not stored
        response = client.get(get_involved.url)
        assert page_cache.HEADER not in response and "private" in response["Cache-Control"]
    client.force_login(admin_user)
    for url in ["/de/impressum/", "/admin/"]:
        response = client.get(url)
        assert page_cache.HEADER not in response
    assert "no-store" in client.get("/admin/")["Cache-Control"]
    assert not is_cached("/de/impressum/")


def test_cached_answers_are_public_for_shared_caches_with_a_bounded_life(cached_site, client):
    response = client.get(cached_site[0])
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "max-age=0" in control
    assert "Set-Cookie" not in response
