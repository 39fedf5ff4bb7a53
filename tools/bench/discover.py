"""What the benchmark asks for, found in the database it runs against (Django must be set up).

Every public page type in both languages (from Wagtail's page models, so a new page type is
measured without a change here), the activity list (current, past, filtered) and calendar,
the detail views of activities, projects and organisations, search, the feeds, the open-data
downloads, every API list and one record of each (from the OpenAPI document), and the main
back-office lists. Where a type has several pages, the busiest is taken (the partner city
with the most activities, the project and the institution with the most activities), since
the goals are about the slow end, and since a record whose lists are all filled asks for the
same queries at every size: an empty list skips the queries of its rows' related records, so
comparing a full record at one size with a sparse one at another would measure the data's
shape, not its size. A partner city page is measured at both places in the tree (below the
overview, and below a borough): Wagtail finds a page one level at a time, so each level of
depth adds its own queries whatever the size.

Each entry: {"group", "name", "url"} and "auth": True for the back office.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, get_page_models

from citypartners.activities.selectors import activities_current, activities_public
from citypartners.opendata.api import api
from citypartners.organisations.selectors import organisations_public
from citypartners.partnerships.models import City, FocusArea
from citypartners.partnerships.selectors import cities_public
from citypartners.projects.models import Project
from citypartners.projects.selectors import projects_public
from citypartners.site.sections import route_url

# The back office's main lists: snippet list views by app label and model name.
BACK_OFFICE_LISTS = [
    ("partnerships", "partnership"),
    ("activities", "activity"),
    ("organisations", "organisation"),
    ("projects", "project"),
]


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def site_page_models() -> list:
    """The project's page types (not Wagtail's own root Page)."""
    return [m for m in get_page_models() if m.__module__.startswith("citypartners.")]


def busiest_city():
    """The partner city with the most public activities (the heaviest city page), or the
    first public city when none has any."""
    return (
        cities_public()
        .annotate(
            busy=Count(
                "partnerships__activities",
                filter=Q(
                    partnerships__activities__live=True,
                    partnerships__activities__is_public=True,
                ),
            )
        )
        .order_by("-busy", "name_en", "pk")
        .first()
    )


_PUBLIC_ACTIVITY = Q(activities__live=True, activities__is_public=True)


def _busiest_city_page(pages, *, below_borough: bool):
    """The partner city page below the overview (the state's) or below a borough's page
    whose lists are filled (an activity to come, a project) and which has the most public
    activities."""
    overview_depth = pages.order_by("depth").values_list("depth", flat=True).first()
    if overview_depth is None:
        return None
    if below_borough:
        pages = pages.filter(depth__gt=overview_depth)
    else:
        pages = pages.filter(depth=overview_depth)
    partnership = OuterRef("partnership_id")
    return (
        pages.annotate(
            upcoming=Exists(
                activities_current(activities_public()).filter(partnerships=partnership)
            ),
            # the city page lists running and done projects (projects.partnership_network)
            project=Exists(
                projects_public().filter(
                    partnerships=partnership,
                    status__in=[Project.Status.RUNNING, Project.Status.DONE],
                )
            ),
            busy=Count(
                "partnership__activities",
                filter=Q(
                    partnership__activities__live=True,
                    partnership__activities__is_public=True,
                ),
            ),
        )
        .order_by("-upcoming", "-project", "-busy", "path")
        .first()
    )


def city_pages(code: str) -> list[tuple[str, object]]:
    """The partner city pages measured in a language, by entry name: below the overview
    (None when there is none) and below a borough (only where a borough has city pages of
    its own, as generated data has; the demo's boroughs list theirs on their own page)."""
    model = next(m for m in site_page_models() if m.__name__ == "PartnerCityPage")
    pages = model.objects.live().filter(locale__language_code=code)
    found = [(f"{model.__name__} ({code})", _busiest_city_page(pages, below_borough=False))]
    below = _busiest_city_page(pages, below_borough=True)
    if below is not None:
        found.append((f"{model.__name__} below a borough ({code})", below))
    return found


def page_entries() -> list[dict]:
    """One live page of each page type in each language (a partner city page twice: below
    the overview and below a borough); a type without a page in a language is an entry with
    an error (reported, not measured)."""
    entries = []
    for model in site_page_models():
        for code in languages():
            if model.__name__ == "PartnerCityPage":
                found = city_pages(code)
            else:
                pages = model.objects.live().filter(locale__language_code=code)
                found = [(f"{model.__name__} ({code})", pages.order_by("path").first())]
            for name, page in found:
                if page is None:
                    entries.append({"group": "page", "name": name, "url": "", "error": "none"})
                else:
                    entries.append({"group": "page", "name": name, "url": page.url})
    return entries


def _section(model_name: str, code: str):
    model = next(m for m in site_page_models() if m.__name__ == model_name)
    return model.objects.live().filter(locale__language_code=code).order_by("path").first()


def view_entries(city=None) -> list[dict]:
    """The routes of the section pages and the views outside the page tree."""
    entries = []
    activity = activities_public().order_by("-starts_at", "pk").first()
    project = (
        projects_public()
        .annotate(busy=Count("activities", filter=_PUBLIC_ACTIVITY))
        .order_by("-busy", "pk")
        .first()
    )
    organisation = (
        organisations_public()
        .annotate(busy=Count("activities", filter=_PUBLIC_ACTIVITY))
        .order_by("-busy", "pk")
        .first()
    )
    for code in languages():
        index = _section("ActivityIndexPage", code)
        if index is not None:
            entries += [
                {
                    "group": "activities",
                    "name": f"list, past ({code})",
                    "url": f"{index.url}?period=past",
                },
                {
                    "group": "activities",
                    "name": f"calendar ({code})",
                    "url": index.calendar_url(),
                },
            ]
            if city is not None:
                entries.append(
                    {
                        "group": "activities",
                        "name": f"list of one city ({code})",
                        "url": f"{index.url}?city={city.slug}",
                    }
                )
            if activity is not None:
                entries.append(
                    {
                        "group": "activities",
                        "name": f"activity ({code})",
                        "url": route_url(index, "detail", slug=activity.slug),
                    }
                )
        for model_name, record, label in [
            ("ProjectIndexPage", project, "project"),
            ("OrganisationIndexPage", organisation, "organisation"),
        ]:
            index = _section(model_name, code)
            if index is not None and record is not None:
                entries.append(
                    {
                        "group": "detail",
                        "name": f"{label} ({code})",
                        "url": route_url(index, "detail", slug=record.slug),
                    }
                )
        with translation.override(code):
            if city is not None:
                term = getattr(city, f"name_{code}") or city.name_en
                entries.append(
                    {
                        "group": "search",
                        "name": f"search for a city ({code})",
                        "url": f"{reverse('search')}?{urlencode({'q': term})}",
                    }
                )
            focus = FocusArea.objects.order_by("pk").first()
            if focus is not None:
                term = getattr(focus, f"name_{code}", "") or focus.slug
                entries.append(
                    {
                        "group": "search",
                        "name": f"search for a word ({code})",
                        "url": f"{reverse('search')}?{urlencode({'q': term})}",
                    }
                )
            entries.append(
                {
                    "group": "open data",
                    "name": f"open data page ({code})",
                    "url": reverse("open_data"),
                }
            )
    return entries


def feed_entries(city=None) -> list[dict]:
    """The Atom feed and the iCalendar feeds (all, one city, one focus area, one activity),
    in German (the English ones run the same code)."""
    entries = []
    focus = FocusArea.objects.annotate(busy=Count("activities")).order_by("-busy", "pk").first()
    activity = activities_public().order_by("-starts_at", "pk").first()
    with translation.override(languages()[0]):
        entries.append({"group": "feeds", "name": "Atom", "url": reverse("feeds:atom")})
        entries.append({"group": "feeds", "name": "iCal, all", "url": reverse("feeds:ical_all")})
        if city is not None:
            url = reverse("feeds:ical_city", kwargs={"slug": city.slug})
            entries.append({"group": "feeds", "name": "iCal, one city", "url": url})
        if focus is not None:
            url = reverse("feeds:ical_focus", kwargs={"slug": focus.slug})
            entries.append({"group": "feeds", "name": "iCal, one focus area", "url": url})
        if activity is not None:
            url = reverse("feeds:ical_one", kwargs={"slug": activity.slug})
            entries.append({"group": "feeds", "name": "iCal, one activity", "url": url})
    return entries


def download_entries() -> list[dict]:
    entries = []
    for entity in ("cities", "partnerships", "activities", "projects", "organisations"):
        url = reverse("opendata_csv", kwargs={"entity": entity})
        entries.append({"group": "downloads", "name": f"{entity}.csv", "url": url})
    entries.append({"group": "downloads", "name": "GeoJSON", "url": reverse("opendata_geojson")})
    entries.append(
        {"group": "downloads", "name": "catalogue (DCAT)", "url": reverse("opendata_catalogue")}
    )
    return entries


def _detail_parameter(path: str, first: dict) -> str | None:
    """The value for a detail path's one parameter from the list's first record:
    {slug} takes its slug, {..._id} its id."""
    parameter = path[path.index("{") + 1 : path.index("}")]
    value = first.get("slug") if parameter == "slug" else first.get("id")
    return None if value is None else path.replace("{" + parameter + "}", str(value))


def api_entries(client: Client | None = None) -> list[dict]:
    """Each list of the OpenAPI document and one record of each (the list's first), and
    the document itself. `client` asks the lists (a test client by default)."""
    client = client or Client()
    document = api.get_openapi_schema()
    paths = list(document["paths"])
    entries = [{"group": "api", "name": "OpenAPI document", "url": reverse("api-v1:openapi-json")}]
    for path in paths:
        if "{" in path:
            continue
        entries.append({"group": "api", "name": f"list {path}", "url": path})
        details = [p for p in paths if p.startswith(path) and "{" in p]
        if not details:
            continue
        results = client.get(path, secure=True).json().get("results") or []
        url = _detail_parameter(details[0], results[0]) if results else None
        if url is None:
            entries.append(
                {"group": "api", "name": f"one {details[0]}", "url": "", "error": "none"}
            )
        else:
            entries.append({"group": "api", "name": f"one {details[0]}", "url": url})
    return entries


def back_office_entries() -> list[dict]:
    """The dashboard, the main snippet lists and the page explorer at the overview."""
    entries = [{"group": "back office", "name": "dashboard", "url": reverse("wagtailadmin_home")}]
    for app_label, model_name in BACK_OFFICE_LISTS:
        url = reverse(f"wagtailsnippets_{app_label}_{model_name}:list")
        entries.append({"group": "back office", "name": f"{model_name} list", "url": url})
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is not None:
        url = reverse("wagtailadmin_explore", args=[home.pk])
        entries.append({"group": "back office", "name": "page explorer", "url": url})
    for entry in entries:
        entry["auth"] = True
    return entries


def discover(client: Client | None = None) -> list[dict]:
    """Everything the benchmark measures, in the order of the report."""
    city = busiest_city()
    return (
        page_entries()
        + view_entries(city)
        + feed_entries(city)
        + download_entries()
        + api_entries(client)
        + back_office_entries()
    )


def city_count() -> int:
    return City.objects.count()
