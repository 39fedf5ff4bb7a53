"""Addresses for search engines, browsers and link previews: sitemap.xml, robots.txt,
favicon.ico and the share images."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from citypartners.activities.models import Activity
from citypartners.core.home_city import home_city
from citypartners.core.models import OfficeSettings
from citypartners.core.page_cache import list_tag, tag
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City
from citypartners.projects.models import Project

from . import share_images
from .sitemaps import sitemaps


def _tag_lists() -> None:
    # A sitemap lists pages and records: any of them appearing or going changes it.
    tag(*(list_tag(m) for m in ("page", Activity, City, Organisation, Project)))


def sitemap_index(request):
    """The sitemap index: every page of every section of the sitemap."""
    _tag_lists()
    return sitemap_views.index(request, sitemaps(request), sitemap_url_name="sitemap_section")


def sitemap_section(request, section):
    """One page (``?p=``) of one section of the sitemap, with absolute URLs and dates."""
    _tag_lists()
    return sitemap_views.sitemap(request, sitemaps(request), section=section)


def robots_txt(request):
    """Everything may be read but the back office and search results (the search page's
    addresses with a question: the empty search form may be read); the sitemap is named."""
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path}?" for path in search_paths),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon_ico(request):
    """The icon browsers and crawlers ask for at /favicon.ico (pages name the SVG one)."""
    # The source file (finders), not the collected one: it exists before collectstatic too.
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        response = HttpResponse(icon.read(), content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response


SHARE_IMAGE_MAX_AGE = 24 * 3600  # a day: a renamed city or office shows within one


def _png(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="image/png")
    patch_cache_control(response, public=True, max_age=SHARE_IMAGE_MAX_AGE)
    return response


def share_site(request):
    """The share image of every page without one of its own: the site's name and the office."""
    office = OfficeSettings.for_request(request)
    return _png(share_images.site_image(title=_("City partnerships"), subtitle=str(office.name)))


def share_city(request, pk: int):
    """A partner city's share image: its name and its place on the world map."""
    city = City.objects.filter(pk=pk, live=True).first()
    if city is None:
        raise Http404
    subtitle = _("Partner city of %(home)s") % {"home": home_city().name}
    return _png(
        share_images.city_image(
            name=str(city.name),
            subtitle=subtitle,
            longitude=city.longitude,
            latitude=city.latitude,
        )
    )


def print_origin_css(request):
    """The site's address for the print style sheet, which prints each link's address after
    it: links inside the site are written without it (site.css, "Print"). A style sheet
    rather than a script or an inline style, so that printing needs no JavaScript and the
    Content Security Policy stays as strict as it is."""
    origin = request.build_absolute_uri("/").rstrip("/")
    # A CSS string: the address is ours, but keep quotes and backslashes from ending it.
    quoted = origin.replace("\\", "\\\\").replace('"', '\\"')
    response = HttpResponse(
        f':root {{ --site-origin: "{quoted}"; }}\n', content_type="text/css; charset=utf-8"
    )
    patch_cache_control(response, public=True, max_age=86400)
    return response
