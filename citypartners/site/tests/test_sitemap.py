"""sitemap.xml, robots.txt and favicon.ico: what search engines and browsers ask the site for."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from wagtail.models import Page, PageViewRestriction

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.organisations.models import Organisation
from citypartners.organisations.selectors import organisations_public
from citypartners.partnerships.models import Partnership
from citypartners.projects.models import Project
from citypartners.projects.selectors import projects_public
from citypartners.projects.tests.factories import ProjectFactory
from citypartners.site.models import (
    ActivityIndexPage,
    OrganisationIndexPage,
    PartnerCityPage,
    ProjectIndexPage,
    StandardPage,
)

from .pages import activity_view_urls

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://testserver"


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def _sitemap_entries(client) -> dict[str, str | None]:
    """Every URL the sitemap lists (through its index), with its lastmod."""
    entries = {}
    index = _xml(client, "/sitemap.xml")
    for sitemap in index.findall("sm:sitemap/sm:loc", NS):
        assert sitemap.text.startswith(f"{HOST}/sitemap-")
        for url in _xml(client, sitemap.text.removeprefix(HOST)).findall("sm:url", NS):
            loc = url.find("sm:loc", NS).text
            assert loc not in entries, loc
            lastmod = url.find("sm:lastmod", NS)
            entries[loc] = lastmod.text if lastmod is not None else None
    return entries


def _detail_urls(model, records) -> set[str]:
    urls = set()
    for index in model.objects.live():
        for record in records:
            urls.add(HOST + index.url + index.reverse_subpage("detail", args=[record.slug]))
    return urls


def test_the_sitemap_lists_every_public_page_and_record_page_of_both_languages(client):
    entries = _sitemap_entries(client)
    pages = {HOST + p.url for p in Page.objects.live().public().filter(depth__gt=1)}
    activities = Activity.objects.filter(live=True, is_public=True)
    projects = Project.objects.filter(status__in=["planned", "running", "done"])
    organisations = Organisation.objects.filter(city__live=True)
    assert activities.exists() and projects.exists() and organisations.exists()
    expected = (
        pages
        | _detail_urls(ActivityIndexPage, activities)
        | _detail_urls(ProjectIndexPage, projects)
        | _detail_urls(OrganisationIndexPage, organisations)
        | {HOST + url for url in activity_view_urls() if "open" in url or "offene" in url}
    )
    assert set(entries) == expected
    assert any(url.startswith(f"{HOST}/de/") for url in entries)
    assert any(url.startswith(f"{HOST}/en/") for url in entries)
    # Pages carry the date they were last published.
    home = Page.objects.live().filter(depth=2, locale__language_code="de").get()
    assert entries[HOST + home.url] == timezone.localdate(home.last_published_at).isoformat()


def test_every_url_the_sitemap_lists_answers_200(client):
    for url in _sitemap_entries(client):
        assert url.startswith(HOST)
        assert client.get(url.removeprefix(HOST)).status_code == 200, url


def test_nothing_internal_unpublished_proposed_or_restricted_is_in_the_sitemap(client):
    ActivityFactory(slug="internal-meeting", is_public=False)
    ActivityFactory(slug="draft-activity", live=False)
    ProjectFactory(slug="only-a-proposal", status=Project.Status.PROPOSED)
    ProjectFactory(slug="dropped-project", status=Project.Status.DROPPED)
    page = StandardPage.objects.live().filter(locale__language_code="de").first()
    unpublished_url = HOST + page.url
    page.unpublish()
    restricted = StandardPage.objects.live().filter(locale__language_code="en").first()
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    city_page = PartnerCityPage.objects.live().filter(locale__language_code="de").first()
    Partnership.objects.filter(pk=city_page.partnership_id).update(live=False)
    listed = " ".join(_sitemap_entries(client))
    assert f"{HOST}{city_page.url}" not in listed.split()  # it answers 404 now
    assert client.get(city_page.url).status_code == 404
    for slug in ("internal-meeting", "draft-activity", "only-a-proposal", "dropped-project"):
        assert f"/{slug}/" not in listed
    assert f"{HOST}{restricted.url}" not in listed
    assert unpublished_url not in listed.split()


def test_a_published_activity_carries_its_last_publication_date(client):
    activity = Activity.objects.filter(live=True, is_public=True).first()
    activity.save_revision().publish()
    activity.refresh_from_db()
    entries = _sitemap_entries(client)
    german = ActivityIndexPage.objects.live().get(locale__language_code="de")
    url = HOST + german.url + german.reverse_subpage("detail", args=[activity.slug])
    # The day in the office's time zone (near midnight it is not UTC's).
    assert entries[url] == timezone.localdate(activity.last_published_at).isoformat()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_page_of_the_sitemap_costs_the_same_queries_whatever_the_data_size(client):
    urls = ["/sitemap.xml", "/sitemap-pages.xml"] + [
        f"/sitemap-{kind}-{code}.xml"
        for kind in ("activities", "projects", "organisations")
        for code in ("de", "en")
    ]
    for url in urls:
        client.get(url)  # Wagtail's site lookup is cached after the first
    before = {url: _queries(client, url) for url in urls}
    for n in range(25):
        ActivityFactory(slug=f"more-{n}").save_revision().publish()
        ProjectFactory(slug=f"more-project-{n}")
    after = {url: _queries(client, url) for url in urls}
    assert after == before
    assert len(_xml(client, "/sitemap-activities-en.xml").findall("sm:url", NS)) > 25


def test_a_large_section_is_split_into_pages_named_by_the_index(client, monkeypatch):
    monkeypatch.setattr("citypartners.site.sitemaps.URLS_PER_SITEMAP", 2)
    monkeypatch.setattr("citypartners.site.sitemaps._RequestSitemap.limit", 2)
    for n in range(4):
        ActivityFactory(slug=f"paged-{n}")
    index = [loc.text for loc in _xml(client, "/sitemap.xml").findall("sm:sitemap/sm:loc", NS)]
    pages = [u for u in index if u.startswith(f"{HOST}/sitemap-activities-de.xml")]
    assert len(pages) >= 3 and f"{HOST}/sitemap-activities-de.xml?p=2" in pages
    seen = []
    for url in pages:
        seen += [u.find("sm:loc", NS).text for u in _xml(client, url.removeprefix(HOST))]
    assert len(seen) == len(set(seen)) == Activity.objects.filter(live=True, is_public=True).count()


def test_robots_txt_names_the_sitemap_and_keeps_out_of_admin_and_search_results(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /de/suche/?" in lines and "Disallow: /en/search/?" in lines
    assert not any(line.endswith(("/suche/", "/search/")) for line in lines)
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


def test_favicon_ico_is_an_icon_and_every_page_names_its_icons(client, tmp_path):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age" in response["Cache-Control"]
    path = tmp_path / "favicon.ico"
    path.write_bytes(response.content)
    with Image.open(path) as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
    html = client.get("/en/").content.decode()
    assert 'rel="icon" href="/favicon.ico"' in html
    assert 'rel="apple-touch-icon"' in html


def test_the_grant_reports_of_funded_public_activities_are_listed_in_both_languages(client):
    funding = {"funding_programme_de": "Beispielprogramm", "grant_agreement_number": "EX-1"}
    ActivityFactory(slug="funded-meeting", **funding)
    ActivityFactory(slug="funded-but-internal", is_public=False, **funding)
    entries = _sitemap_entries(client)
    reports = {url for url in entries if "foerderbericht" in url or "grant-report" in url}
    assert reports == {
        f"{HOST}/de/aktivitaeten/funded-meeting/foerderbericht/",
        f"{HOST}/en/activities/funded-meeting/grant-report/",
    }
    for url in reports:
        assert client.get(url.removeprefix(HOST)).status_code == 200, url


def test_the_search_form_may_be_indexed_and_its_results_may_not(client):
    assert b'name="robots"' not in client.get("/en/search/").content
    assert b'name="robots"' not in client.get("/de/suche/").content
    for url in ("/en/search/?q=Paris", "/de/suche/?q=Paris", "/de/suche/?q="):
        assert b'<meta name="robots" content="noindex">' in client.get(url).content, url


@pytest.mark.parametrize(
    ("records", "section"),
    [(projects_public, ProjectIndexPage), (organisations_public, OrganisationIndexPage)],
)
def test_a_project_and_an_organisation_page_carry_the_day_of_the_records_last_change(
    client, records, section
):
    long_ago = timezone.make_aware(datetime.datetime(2020, 3, 14, 12))
    records().model.objects.update(updated_at=long_ago)
    edited = records().order_by("pk").first()
    edited.save()  # an edit in the back office
    edited.refresh_from_db()
    entries = _sitemap_entries(client)
    all_records = list(records())
    assert len(all_records) > 1
    for index in section.objects.live():
        for record in all_records:
            url = HOST + index.url + index.reverse_subpage("detail", args=[record.slug])
            day = edited.updated_at if record.pk == edited.pk else long_ago
            assert entries[url] == timezone.localdate(day).isoformat(), url
