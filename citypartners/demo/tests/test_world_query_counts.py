"""Every public page type, the API, the feeds and the search run as many queries on a site ten
times larger: the same generator (generate_data) builds both, the large one at 10×.

The world-size bench (make bench) holds the full size to the same rule; this keeps it in
every test run at a size that builds in seconds.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page

from citypartners.activities.models import Activity
from citypartners.activities.services import activity_instants_recompute
from citypartners.contacts.models import ContactPerson
from citypartners.demo.generate import Sizes, data_generate
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import FocusArea, Partnership
from citypartners.projects.models import Project, ProjectOrganisation
from citypartners.site.models import (
    ActivityIndexPage,
    BoroughPage,
    OrganisationIndexPage,
    PartnerCityPage,
    ProjectIndexPage,
)
from citypartners.site.tests.pages import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_the_generated_site():
    """The generator replaces the whole site (then rolled back): the per-process caches
    (Wagtail's site root paths above all) must not carry its pages into the next test, which
    finds the small site again; otherwise its pages answer 404 (seen on PostgreSQL)."""
    yield
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


SMALL = Sizes(
    owners=3,
    cities=8,
    partnerships=12,
    activities=300,
    organisations=20,
    contacts=50,
    projects=8,
)
LARGE = SMALL.scaled(10)


def _busiest_city_page(lang: str) -> PartnerCityPage:
    """The state's city page (below the overview: a page's depth adds queries of its own)
    with most activities."""
    return (
        PartnerCityPage.objects.filter(locale__language_code=lang, depth=3)
        .annotate(n=Count("partnership__activities"))
        .order_by("-n", "path")
        .first()
    )


def _filled_project() -> Project:
    return Project.objects.order_by("pk").first()


def _fill_busiest_city_page():
    """Make sure every list on that page and on one project's page has rows at both sizes
    (an empty list skips the queries of its related records): an activity to come, a
    project running, an institution and a person shown, each taken from the generated ones.
    Parental relations are written through their tables (add() alone keeps them in memory)."""
    partnership = _busiest_city_page("de").partnership
    project = _filled_project()
    Project.objects.filter(pk=project.pk).update(status=Project.Status.RUNNING)
    activity = Activity.objects.filter(live=True, is_public=True).order_by("pk").first()
    Activity.objects.filter(pk=activity.pk).update(
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        end_date=None,
        project=project,
    )
    activity_instants_recompute(activities=[activity])
    organisation = Organisation.objects.order_by("pk").first()
    person = ContactPerson.objects.filter(consent_public=True).order_by("pk").first()
    for through, values in [
        (Activity.partnerships.through, {"activity_id": activity.pk}),
        (Project.partnerships.through, {"project_id": project.pk}),
        (Organisation.partnerships.through, {"organisation_id": organisation.pk}),
        (ContactPerson.partnerships.through, {"contactperson_id": person.pk}),
    ]:
        through.objects.get_or_create(partnership_id=partnership.pk, **values)
    Project.contacts.through.objects.get_or_create(
        project_id=project.pk, contactperson_id=person.pk
    )
    ProjectOrganisation.objects.get_or_create(
        project=project, organisation=organisation, defaults={"side": "partner"}
    )


# Page types the generated world holds no page of, each with the test that counts its queries
# as its data grows.
NOT_IN_THE_WORLD = {
    "annualreportpage": "site/tests/test_annual_reports.py: a year page at ten times the data",
}


def _route(model, lang: str, name: str = "", **kwargs) -> str:
    page = model.objects.live().get(locale__language_code=lang)
    return page.url + (page.reverse_subpage(name, kwargs=kwargs) if name else "")


def _urls() -> dict[str, str]:
    """One address of each public page type and view, chosen alike at both sizes: the
    record with the most around it, so that every list on its page has rows."""
    urls = {}
    for model_name in PAGE_TYPES:
        if model_name in NOT_IN_THE_WORLD:
            continue
        for lang in ("de", "en"):
            page = (
                Page.objects.live()
                .filter(content_type__model=model_name, locale__language_code=lang)
                .order_by("path")
                .first()
            )
            assert page is not None, f"the world has no live {model_name} in {lang}"
            urls[f"{model_name} {lang}"] = page.url
    for lang in ("de", "en"):
        city = _busiest_city_page(lang)
        urls[f"partnercitypage {lang}"] = city.url
        urls[f"partnercitypage archive {lang}"] = city.url + "?past=2"
        borough = (
            BoroughPage.objects.filter(locale__language_code=lang)
            .annotate(n=Count("borough__partnerships"))
            .order_by("-n", "pk")
            .first()
        )
        urls[f"boroughpage {lang}"] = borough.url
    activity = (
        Activity.objects.filter(live=True, is_public=True, project__isnull=False)
        .annotate(n=Count("partnerships"), o=Count("organisations"))
        .order_by("-n", "-o", "pk")
        .first()
    )
    project = _filled_project()
    organisation = (
        Organisation.objects.annotate(
            n=Count("contacts", filter=Q(contacts__consent_public=True)),
            a=Count("activities"),
        )
        .order_by("-n", "-a", "pk")
        .first()
    )
    city = _busiest_city_page("en").partnership.city
    area = FocusArea.objects.order_by("pk").first()
    month = activity.start_date.strftime("%Y-%m")
    for lang in ("de", "en"):
        urls[f"activity list {lang}"] = _route(ActivityIndexPage, lang)
        urls[f"activity list filtered {lang}"] = (
            _route(ActivityIndexPage, lang) + f"?city={city.slug}&focus={area.slug}&period=past"
        )
        urls[f"calendar {lang}"] = (
            _route(ActivityIndexPage, lang, f"calendar_{lang}") + f"?month={month}"
        )
        urls[f"activity {lang}"] = _route(ActivityIndexPage, lang, "detail", slug=activity.slug)
        urls[f"project {lang}"] = _route(ProjectIndexPage, lang, "detail", slug=project.slug)
        urls[f"organisation {lang}"] = _route(
            OrganisationIndexPage, lang, "detail", slug=organisation.slug
        )
        urls[f"organisation list page 2 {lang}"] = _route(OrganisationIndexPage, lang) + "?page=2"
    partnership = Partnership.objects.order_by("pk").first()
    urls |= {
        "search de": "/de/suche/?q=Beispiel",
        "search en": "/en/search/?q=example",
        "open data": "/en/open-data/",
        "feed all": "/de/feeds/activities.ics",
        "feed atom": "/en/feeds/activities.atom",
        "feed city": f"/de/feeds/city/{city.slug}.ics",
        "feed focus": f"/en/feeds/focus/{area.slug}.ics",
        "feed activity": f"/en/feeds/activity/{activity.slug}.ics",
        "api cities": "/api/v1/cities/",
        "api city": f"/api/v1/cities/{city.slug}/",
        "api partnerships": "/api/v1/partnerships/",
        "api partnership": f"/api/v1/partnerships/{partnership.pk}/",
        "api activities": "/api/v1/activities/",
        "api activity": f"/api/v1/activities/{activity.slug}/",
        "api projects": "/api/v1/projects/",
        "api project": f"/api/v1/projects/{project.slug}/",
        "api organisations": "/api/v1/organisations/",
        "api organisation": f"/api/v1/organisations/{organisation.slug}/",
        "csv activities": "/opendata/activities.csv",
        "csv partnerships": "/opendata/partnerships.csv",
        "geojson": "/opendata/partner-cities.geojson",
    }
    return urls


def _counts(client) -> dict[str, tuple[int, list[str]]]:
    """Each view's number of queries, and the queries (to say which ones grew)."""
    counts = {}
    for name, url in _urls().items():
        client.get(url)  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answers {response.status_code}"
        counts[name] = (len(queries), [q["sql"][:300] for q in queries])
    return counts


def _generate(sizes: Sizes):
    data_generate(sizes=sizes, seed=7, reset=True)
    assert Locale.objects.count() == 2
    _fill_busiest_city_page()


def test_every_public_view_runs_as_many_queries_at_ten_times_the_size(client):
    _generate(SMALL)
    small = _counts(client)
    assert Activity.objects.count() == SMALL.activities
    _generate(LARGE)
    assert Activity.objects.count() == LARGE.activities
    assert Owner.objects.count() == LARGE.owners
    assert PartnerCityPage.objects.count() == 2 * LARGE.cities
    large = _counts(client)
    for name in small:  # shown with pytest -s: the counts of the report
        print(f"{name:40} {small[name][0]:4} {large[name][0]:4}")
    grown = {
        name: (small[name][0], large[name][0]) for name in small if small[name][0] != large[name][0]
    }
    if grown:  # say which queries differ, for the first view that differs
        name = next(iter(grown))
        extra = [q for q in large[name][1] if q not in small[name][1]]
        missing = [q for q in small[name][1] if q not in large[name][1]]
        print(name, "only at 10×:", *extra, "only small:", *missing, sep="\n")
    assert not grown, f"queries (small, 10×) that grow with the data: {grown}"


def test_the_generated_data_is_marked_and_consistent():
    _generate(SMALL)
    today = datetime.date.today()
    assert not Activity.objects.exclude(title_de__startswith="Beispiel").exists()
    assert not Activity.objects.exclude(title_en__startswith="Example").exists()
    assert not Organisation.objects.exclude(name__contains="Beispiel").exists()
    # Most activities lie in the past, some are to come.
    upcoming = Activity.objects.filter(start_date__gt=today).count()
    assert 0 < upcoming < SMALL.activities / 4
    # Every partnership shows exactly one date as "partner since".
    shown = Partnership.objects.annotate(
        n=Count("founding_documents", filter=Q(founding_documents__is_shown=True))
    )
    assert set(shown.values_list("n", flat=True)) == {1}
    # City pages are linked translations, in a valid tree, with a live revision.
    for page in PartnerCityPage.objects.filter(locale__language_code="de"):
        english = page.get_translation(Locale.objects.get(language_code="en"))
        assert english.partnership_id == page.partnership_id
        assert page.live_revision_id and page.get_parent().specific_class.__name__ in (
            "HomePage",
            "BoroughPage",
        )
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_same_seed_gives_the_same_data():
    _generate(SMALL)
    first = list(Activity.objects.order_by("slug").values_list("slug", "title_en", "starts_at"))
    _generate(SMALL)
    again = list(Activity.objects.order_by("slug").values_list("slug", "title_en", "starts_at"))
    assert first == again
