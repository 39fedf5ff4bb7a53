"""What the benchmark measures, found on the small test site: every page type in both
languages, and every URL it finds answers, the back office to the benchmark's account with
the second factor required as in production."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, override_settings

from bench import discover, office, shape
from citypartners.activities.selectors import activities_current, activities_public
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Project
from citypartners.projects.selectors import projects_public
from citypartners.site.models import BoroughPage, PartnerCityPage

pytestmark = pytest.mark.django_db


def test_every_page_type_is_measured_in_both_languages():
    entries = discover.discover()
    names = {entry["name"] for entry in entries if entry["group"] == "page"}
    for model in discover.site_page_models():
        for code in ("de", "en"):
            assert f"{model.__name__} ({code})" in names
    assert "PartnerCityPage (de)" in names and "HomePage (en)" in names


def test_each_group_of_the_issue_is_there():
    groups = {entry["group"] for entry in discover.discover()}
    assert {"page", "activities", "search", "feeds", "downloads", "api", "back office"} <= groups


def test_the_api_lists_and_one_record_of_each_come_from_the_openapi_document():
    urls = [entry["url"] for entry in discover.api_entries()]
    assert "/api/v1/openapi.json" in urls
    for name in ("cities", "partnerships", "activities", "projects", "organisations"):
        assert f"/api/v1/{name}/" in urls
        assert any(u.startswith(f"/api/v1/{name}/") and u != f"/api/v1/{name}/" for u in urls)
    assert not any("{" in url for url in urls)


def test_the_feeds_and_lists_of_one_city_are_those_of_the_city_with_the_most_activities():
    city = discover.busiest_city()
    busy = {
        c.pk: c.partnerships.filter(activities__live=True, activities__is_public=True).count()
        for c in City.objects.all()
    }
    assert busy[city.pk] == max(busy.values()) > 0
    assert any(e["url"].endswith(f"/city/{city.slug}.ics") for e in discover.feed_entries(city))


def _borough_city_page() -> PartnerCityPage:
    """A partner city page below a borough's page (generated data has them; the small site
    and the demo list a borough's cities on the borough's page)."""
    borough = BoroughPage.objects.filter(locale__language_code="de").order_by("path").first()
    partnership = Partnership.objects.filter(owner=borough.specific.borough).first()
    return borough.add_child(
        instance=PartnerCityPage(
            title=partnership.city.name_de, slug="city-of-a-borough", partnership=partnership
        )
    )


def _filled(page) -> tuple[bool, bool]:
    """Whether a city page lists an activity to come and a project."""
    partnership = page.partnership
    return (
        activities_current(activities_public()).filter(partnerships=partnership).exists(),
        projects_public().filter(partnerships=partnership, status__in=shape.SHOWN).exists(),
    )


def test_a_city_page_is_measured_below_the_overview_and_below_a_borough_with_its_lists_filled():
    """Of the pages at each place, one whose lists are filled comes first (an empty list
    skips queries, and the bench compares two sizes)."""
    _borough_city_page()
    pages = dict(discover.city_pages("de"))
    state_page = pages["PartnerCityPage (de)"]
    borough_page = pages["PartnerCityPage below a borough (de)"]
    assert state_page.depth < borough_page.depth
    assert isinstance(borough_page.get_parent().specific, BoroughPage)
    for chosen in (state_page, borough_page):
        alike = PartnerCityPage.objects.live().filter(
            locale__language_code="de", depth=chosen.depth
        )
        best = max(_filled(page) for page in alike)
        assert _filled(chosen) == best
    names = {e["name"] for e in discover.page_entries()}
    assert {"PartnerCityPage (de)", "PartnerCityPage below a borough (de)"} <= names
    assert "PartnerCityPage below a borough (en)" not in names  # none in English here


def test_the_measured_city_pages_get_a_project_where_they_show_none():
    _borough_city_page()
    Project.partnerships.through.objects.all().delete()  # no city page shows a project
    filled = shape.fill_city_page_lists()
    pages = dict(discover.city_pages("de"))
    assert set(filled) >= {page.url for page in pages.values()}
    for page in pages.values():
        assert _filled(page)[1]
    assert shape.fill_city_page_lists() == []


def test_every_url_found_answers_200():
    public = Client()
    entries = discover.discover(public)
    assert not [e for e in entries if e.get("error")]
    failed = []
    with override_settings(WAGTAIL_2FA_REQUIRED=True):
        back_office = Client()
        back_office.cookies[settings.SESSION_COOKIE_NAME] = office.signed_in_session()
        for entry in entries:
            client = back_office if entry.get("auth") else public
            status = client.get(entry["url"]).status_code
            if status != 200:
                failed.append((entry["url"], status))
    assert failed == []


@override_settings(WAGTAIL_2FA_REQUIRED=True)
def test_without_the_second_factor_in_the_session_the_back_office_asks_for_it():
    key = office.signed_in_session()
    session = SessionStore(key)
    del session["otp_device_id"]
    session.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    response = client.get(discover.back_office_entries()[0]["url"])
    assert response.status_code == 302
    assert "/admin/2fa/auth" in response["Location"]


def test_every_url_found_is_a_valid_address_even_for_names_with_spaces():
    city = discover.busiest_city()
    City.objects.filter(pk=city.pk).update(name_de="Casamassima (Beispiel)")
    entries = discover.discover(Client())
    for entry in entries:
        url = entry.get("url") or ""
        assert url.isascii() and " " not in url and url.isprintable(), url
    assert any("q=Casamassima+%28Beispiel%29" in (e.get("url") or "") for e in entries)


def test_lighthouse_measures_every_page_type_in_both_languages_and_its_own_views():
    """tools/lighthouse/discover.py builds on this module: run it, so a change here that
    breaks it fails a test (a changed signature once stopped `make lighthouse` at its start)."""
    path = Path(__file__).resolve().parents[2] / "lighthouse" / "discover.py"
    spec = importlib.util.spec_from_file_location("lighthouse_discover", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    entries = module.entries()
    assert not [entry for entry in entries if entry.get("error")]
    names = {entry["name"] for entry in entries}
    for model in discover.site_page_models():
        for code in ("de", "en"):
            assert f"{model.__name__} ({code})" in names
    for view in (*module.VIEWS, "search form"):
        for code in ("de", "en"):
            assert f"{view} ({code})" in names
    not_indexed = {entry["name"] for entry in entries if entry.get("not_indexed")}
    assert not_indexed == {"search for a city (de)", "search for a city (en)"}
