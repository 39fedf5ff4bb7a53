"""The public pages of the demo site, one of each page type, in both languages."""

from django.conf import settings
from wagtail.models import Page, get_page_models

from citypartners.activities.models import Activity
from citypartners.site.models import (
    AccessibilityPage,
    ActivityIndexPage,
    GetInvolvedPage,
    OrganisationIndexPage,
    ProjectIndexPage,
)

# Every public page type of the project, from the page models: a new type is checked without a
# change here (each site the tests build must hold one live page of it).
PAGE_TYPES = [
    model._meta.model_name
    for model in get_page_models()
    if model.__module__.startswith("citypartners.")
]


def one_page_of_each_type():
    """(type, German URL, English URL) for one live page of each public page type."""
    found = []
    for model_name in PAGE_TYPES:
        page = (
            Page.objects.live()
            .filter(content_type__model=model_name, locale__language_code="de")
            .order_by("path")
            .first()
        )
        english = page.get_translation(
            page.get_translations().filter(locale__language_code="en").get().locale
        )
        found.append((model_name, page.url, english.url))
    return found


def page_of_each_model_in_each_language():
    """The URL of one live page of every page type (PAGE_TYPES), in each language."""
    urls = []
    for model in get_page_models():
        if not model.__module__.startswith("citypartners."):
            continue
        for code, _name in settings.LANGUAGES:
            page = model.objects.live().filter(locale__language_code=code).order_by("path").first()
            assert page is not None, f"no live {model.__name__} in {code}: add one to the site"
            urls.append(page.url)
    return urls


def activity_view_urls():
    """Views that are not pages (calendar, an activity, a project, an organisation, search)."""

    activity = Activity.objects.filter(live=True, is_public=True).order_by("pk").first()
    urls = []
    for index in ActivityIndexPage.objects.live().order_by("locale__language_code"):
        urls.append(index.url + index.reverse_subpage(index.calendar_route()))
        urls.append(index.url + index.reverse_subpage("detail", args=[activity.slug]))

    for model, slug in [
        (ProjectIndexPage, "example-school-gardens-berlin-paris"),
        (OrganisationIndexPage, "example-gymnasium-berlin"),
    ]:
        for index in model.objects.live().order_by("locale__language_code"):
            urls.append(index.url + index.reverse_subpage("detail", args=[slug]))

    for model in (GetInvolvedPage, AccessibilityPage):  # the confirmation pages
        for page in model.objects.live().order_by("locale__language_code"):
            urls.append(page.url + page.reverse_subpage(page.thanks_route()))
    return urls + [
        "/de/suche/",
        "/en/search/",
        "/de/suche/?q=Warschau",
        "/en/search/?q=Warsaw",
        "/de/offene-daten/",
        "/en/open-data/",
        "/de/offene-daten/api/",
        "/en/open-data/api/",
    ]


def all_public_urls():
    pages = [page.url for page in Page.objects.live().filter(depth__gt=1).order_by("path")]
    return pages + activity_view_urls()
