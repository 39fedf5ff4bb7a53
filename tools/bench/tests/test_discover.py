"""What the benchmark measures, found on the small test site: every page type in both
languages, and every URL it finds answers, the back office to the benchmark's account with
the second factor required as in production."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, override_settings

from bench import discover, office
from citypartners.partnerships.models import City
from citypartners.site.models import PartnerCityPage

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


def test_the_city_page_measured_is_that_of_the_city_with_the_most_activities():
    city = discover.busiest_city()
    busy = {
        c.pk: c.partnerships.filter(activities__live=True, activities__is_public=True).count()
        for c in City.objects.all()
    }
    assert busy[city.pk] == max(busy.values()) > 0
    page = PartnerCityPage.objects.live().get(partnership__city=city, locale__language_code="de")
    entries = {e["name"]: e["url"] for e in discover.page_entries(city)}
    assert entries["PartnerCityPage (de)"] == page.url
    assert any(e["url"].endswith(f"/city/{city.slug}.ics") for e in discover.feed_entries(city))


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
