"""Finding the site's section pages (activities, projects, get involved, ...) in a locale."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page


def section_urls(*, request, locale_id: int, models) -> dict:
    """The address of the live page of each model in a locale, all in one query.

    Sections are routable index pages: one of its items lives at the section's address
    followed by "<slug>/".
    """
    types = {ContentType.objects.get_for_model(model).pk: model for model in models}
    urls = {}
    pages = Page.objects.live().filter(locale_id=locale_id, content_type_id__in=types)
    for page in pages.order_by("path"):
        urls.setdefault(types[page.content_type_id], page.get_url(request))
    return urls
