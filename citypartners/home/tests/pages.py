"""The public pages of the demo site, one of each page type, in both languages."""

from wagtail.models import Page

PAGE_TYPES = [
    "homepage",
    "partnercitypage",
    "boroughindexpage",
    "boroughpage",
    "projectcooperationspage",
    "standardpage",
    "accessibilitypage",
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


def all_public_urls():
    return [page.url for page in Page.objects.live().filter(depth__gt=1).order_by("path")]
