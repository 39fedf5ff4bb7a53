"""Template tags shared by all public pages: language switch, footer links, dates."""

import html

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeData
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy
from wagtail.models import Locale, Page

from citypartners.core.home_city import home_city
from citypartners.core.i18n import current_language
from citypartners.core.models import OfficeSettings
from citypartners.core.page_cache import instance_tag, tag
from citypartners.partnerships.models import PartnershipStatus

from .. import maps, sections
from .. import structured_data as jsonld

register = template.Library()

# Each language named in itself, so that a reader finds their own.
LANGUAGE_SELF_NAMES = {"de": "Deutsch", "en": "English"}


def _home_url(language_code: str) -> str:
    return f"/{language_code}/"


def page_translation_urls(page, request) -> dict[str, str]:
    """The URL of each live language version of `page`, keyed by language code.

    On a routable page's sub-route (an activity, a calendar month) the rest of the path and
    the query string are kept, so that the switch leads to the same view in the other language.
    """
    if page is None:
        return _view_translation_urls(request)
    own_url = page.get_url(request) or ""
    rest = ""
    if request is not None and own_url and request.path.startswith(own_url):
        rest = request.path[len(own_url) :]
        if request.GET:
            rest += "?" + request.GET.urlencode()
    # A routable page whose sub-routes read differently per language says how (a grant
    # report: foerderbericht/, grant-report/).
    in_language = getattr(page, "route_in_language", None)
    urls = {}
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        code = translation.locale.language_code
        own_rest = in_language(rest, code) if in_language and rest else rest
        urls[code] = translation.get_url(request) + own_rest
    return urls


def _view_translation_urls(request) -> dict[str, str]:
    """For views that are not Wagtail pages (search, 404): the same address in each language."""
    from django.urls import Resolver404, resolve, translate_url

    if request is None:
        return {}
    try:
        resolve(request.path)
    except Resolver404:
        return {}
    path = request.get_full_path()
    return {code: translate_url(path, code) for code, _name in settings.LANGUAGES}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the same page in the other languages, or to their home page if it has none."""
    urls = context.get("translation_urls") or {}
    current = current_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        links.append(
            {
                "code": code,
                "name": LANGUAGE_SELF_NAMES.get(code, code),
                "url": urls.get(code) or _home_url(code),
            }
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def translation_urls(context):
    """Computed once per page and put into the context for the head and the switch."""
    return page_translation_urls(context.get("page"), context.get("request"))


# Filters and sorting show the same records as the unfiltered list; the page number alone
# shows other records, so it is the one query parameter a canonical address keeps.
CANONICAL_QUERY_PARAMETERS = ("page",)


def indexable_url(url: str, request) -> str:
    """`url` as search engines should know it: absolute, without filters or sorting (the
    page number of a list is kept, except page 1, which is the list's own address)."""
    path, _sep, query = url.partition("?")
    kept = QueryDict(query, mutable=True)
    for key in list(kept):
        if key not in CANONICAL_QUERY_PARAMETERS:
            del kept[key]
    if kept.get("page") == "1":
        del kept["page"]
    if kept:
        path += "?" + kept.urlencode()
    return absolute_url(path, request)


@register.simple_tag(takes_context=True)
def seo_links(context):
    """The canonical address, the hreflang alternates and x-default (the office's default
    language, settings.LANGUAGE_CODE), all absolute, from the page's `translation_urls`."""
    request = context.get("request")
    urls = {
        code: indexable_url(url, request)
        for code, url in (context.get("translation_urls") or {}).items()
    }
    return {
        "canonical": urls.get(current_language(), ""),
        "alternates": [(code, urls[code]) for code, _name in settings.LANGUAGES if code in urls],
        "x_default": urls.get(settings.LANGUAGE_CODE, ""),
    }


# Open Graph names a language with its region.
OG_LOCALES = {"de": "de_DE", "en": "en_GB"}


def _shared_title(context) -> str:
    """What a link preview calls the page: the record shown, else the page's title."""
    for name, field in (("activity", "title"), ("project", "title"), ("organisation", "name")):
        record = context.get(name)
        if record is not None and getattr(record, field, None):
            return str(getattr(record, field))
    page = context.get("page")
    if page is not None:
        return page.seo_title or page.title
    return gettext("City partnerships")


@register.simple_tag(takes_context=True)
def share_data(context):
    """Open Graph and Twitter card data: title, address, languages and the share image (a
    partner city's own, drawn on the server, else the site's)."""
    request = context.get("request")
    partnership = context.get("partnership")
    if partnership is not None and getattr(context.get("page"), "partnership_id", None):
        image = reverse("share_city", kwargs={"pk": partnership.city_id})
    else:
        image = reverse("share_site")
    current = current_language()
    return {
        "title": _shared_title(context),
        "url": seo_links(context)["canonical"],
        "image": absolute_url(image, request),
        "locale": OG_LOCALES.get(current, current),
        "alternate_locales": [
            OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != current
        ],
        "type": "website",
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD: the office on the home page, an activity's Event on its
    page, a partner city's City on its page; nothing elsewhere."""
    page = context.get("page")
    if page is None:
        return ""
    request = context.get("request")
    kind = page.specific_class.__name__
    office = OfficeSettings.for_request(request)
    canonical = seo_links(context)["canonical"]
    if kind == "HomePage":
        return jsonld.script(jsonld.office(office, url=canonical))
    activity = context.get("activity")
    if kind == "ActivityIndexPage" and activity is not None:
        home = absolute_url(_home_url(current_language()), request)
        organizer = {"name": str(office.name), "url": home}
        return jsonld.script(jsonld.event(activity, url=canonical, organizer=organizer))
    partnership = context.get("partnership")
    if kind == "PartnerCityPage" and partnership is not None:
        return jsonld.script(jsonld.city(partnership.city, url=canonical))
    return ""


@register.filter
def absolute_url(url: str, request) -> str:
    """`url` with scheme and host: a search engine reads hreflang links only when absolute."""
    return request.build_absolute_uri(url) if request is not None and url else url


@register.filter
def description(rich_text: str, length: int = 160) -> str:
    """Rich text as a page's meta description: plain text, one line, at most `length`
    characters (search engines show about that many)."""
    text = " ".join(html.unescape(strip_tags(str(rich_text or ""))).split())
    return Truncator(text).chars(length)


# The footer pages also linked from every page's header, each with its icon.
HEADER_PAGES = ("easy_language_page", "sign_language_page")


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The office's footer pages (imprint, privacy, accessibility, easy language, sign
    language: OfficeSettings.FOOTER_FIELDS) in the active language, in two queries whatever
    the page; computed once in base.html for the footer and the header.

    ``links`` lists them for the footer; ``easy_language_page`` and ``sign_language_page``
    are the header's two (None where the office chose none, or it has no live version in
    this language). The pages are found through the office settings' links, which setup
    fills: a page keeps its id whatever its type or address becomes.
    """
    request = context["request"]
    office = OfficeSettings.for_request(request)
    chosen = {name: getattr(office, f"{name}_id") for name in OfficeSettings.FOOTER_FIELDS}
    found = {"links": [], **{name: None for name in HEADER_PAGES}}
    ids = [pk for pk in chosen.values() if pk]
    if not ids:
        return found
    page = context.get("page")
    if not isinstance(page, Page):
        page = None  # a view's "page" may be a page of results
    locale_id = page.locale_id if page is not None else Locale.get_active().pk
    keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    localized = {
        p.translation_key: p
        for p in Page.objects.live().filter(locale_id=locale_id, translation_key__in=keys.values())
    }
    for name, pk in chosen.items():
        target = localized.get(keys.get(pk))
        if target is not None:
            link = {"title": target.title, "url": target.get_url(request)}
            found["links"].append(link)
            if name in HEADER_PAGES:
                found[name] = link
            tag(instance_tag(Page, target.pk))  # its title is shown
    return found


# Search engines show about 160 characters and find much shorter descriptions too thin.
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 160
# Views that are not pages: their title for a generated description.
VIEW_TITLES = {
    "open_data": gettext_lazy("Open data"),
    "api_docs": gettext_lazy("Documentation of the interface"),
}


def _default_description(context) -> str:
    """A generated description per page type, for pages whose own text is missing or short."""
    home = home_city().name
    activity, project = context.get("activity"), context.get("project")
    organisation = context.get("organisation")
    if activity is not None:
        when = partner_date(activity.start_date, activity.date_precision)
        return gettext("%(title)s, %(date)s: an activity of the city partnerships of %(home)s.") % {
            "title": activity.title,
            "date": when,
            "home": home,
        }
    if project is not None:
        return gettext("%(title)s: a project of the city partnerships of %(home)s.") % {
            "title": project.title,
            "home": home,
        }
    if organisation is not None:
        return gettext(
            "%(name)s: an institution in the network of the city partnerships of %(home)s."
        ) % {"name": organisation.name, "home": home}
    page = context.get("page")
    if page is not None and page.specific_class.__name__ == "BoroughPage":
        return gettext(
            "Partner cities of %(borough)s, a borough of %(home)s: partnerships, activities "
            "and projects with cities around the world."
        ) % {"borough": page.borough.name, "home": home}
    if page is not None:
        title = page.title
    else:
        request = context.get("request")
        match = getattr(request, "resolver_match", None)
        title = VIEW_TITLES.get(getattr(match, "url_name", ""), gettext("City partnerships"))
    return gettext(
        "%(title)s – the city partnerships of %(home)s: partner cities, activities, projects "
        "and how to take part."
    ) % {"title": title, "home": home}


@register.simple_tag(takes_context=True)
def meta_description(context, text=""):
    """The page's meta description: its own text (the editor's, else from its content) when
    it is long enough, else that text followed by a generated one for its page type."""
    if isinstance(text, SafeData):
        text = html.unescape(str(text))  # {% firstof %} escaped it; it is escaped once, below
    text = " ".join(str(text or "").split())
    page = context.get("page")
    if text and text == getattr(page, "search_description", None):
        return text  # the editor's own words, as written
    if len(text) >= DESCRIPTION_MIN:
        return Truncator(text).chars(DESCRIPTION_MAX)
    default = _default_description(context)
    if text and not text.endswith((".", "!", "?")):
        text += "."
    return Truncator(f"{text} {default}".strip()).chars(DESCRIPTION_MAX)


@register.filter
def partner_date(value, precision="day"):
    """A date as precisely as it is known: a day, a month or only a year."""
    if not value:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


@register.filter
def iso_date(value, precision="day"):
    """The machine-readable form for <time datetime>, as precise as the date is known."""
    if not value:
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@register.filter
def status_label(value):
    """The translated name of a partnership status value such as "suspended"."""
    try:
        return PartnershipStatus.Status(value).label
    except ValueError:
        return ""


@register.filter
def source_host(value):
    """A short, readable label for a source address: its host name without "www."."""
    from urllib.parse import urlparse

    host = urlparse(value).netloc
    if host == "web.archive.org":
        return "web.archive.org (berlin.de)" if "berlin.de" in value else host
    return host.removeprefix("www.") or value


@register.simple_tag(takes_context=True)
def detail_url(context, section, record):
    """The address of `record` on its section page: {% detail_url activities_page activity %}."""
    return sections.detail_url(section, record, request=context.get("request")) or ""


@register.simple_tag
def map_figure(points, *, map_id, title, caption, home_name):
    """The figure of a map of partner cities (site.maps: rendered once per change)."""
    return maps.city_map_html(
        points, map_id=map_id, title=title, caption=caption, home_name=home_name
    )


@register.simple_tag
def timeline_figure(bars, *, timeline_id, title, caption):
    """The figure of a timeline of partnerships (site.maps: rendered once per change)."""
    return maps.timeline_html(bars, timeline_id=timeline_id, title=title, caption=caption)


# --- a text shown in the other language -----------------------------------------------------------
@register.filter
def lang(value):
    """A record's text (core.i18n.localized) as it is shown inline: where it is written in
    the other language only, inside ``<span lang="…">`` so that screen readers read it in its
    own language; otherwise the text itself (escaped as any other)."""
    if getattr(value, "is_fallback", False):
        return format_html('<span lang="{}">{}</span>', value.language, value)
    return value


@register.filter
def lang_attr(value):
    """For an element holding a record's longer text (a rich text): ` lang="…"` where the
    text is written in the other language only, else nothing."""
    if getattr(value, "is_fallback", False):
        return format_html(' lang="{}"', value.language)
    return ""


# Views that are not pages, for the breadcrumb trail: their title and the view above them.
VIEW_CRUMBS = {
    "search": (gettext_lazy("Search"), None),
    "open_data": (gettext_lazy("Open data"), None),
    "api_docs": (gettext_lazy("Documentation of the interface"), "open_data"),
}


def _menu_current(item_page, page, on_route) -> str | None:
    """aria-current for a menu entry: "page" on the section itself, "true" below it."""
    if page is None:
        return None
    if item_page.pk == page.pk:
        return "true" if on_route else "page"
    return "true" if page.path.startswith(item_page.path) else None


@register.simple_tag(takes_context=True)
def navigation(context):
    """The main and footer navigation's entries and the breadcrumb trail of the page shown.

    The menu: the overview, its partner cities (the overview's list: there is no index page
    of them), the overview's children the office shows in menus (in page-tree order), open
    data (a view, not a page) and the contact details at the foot of every page. One query
    (sections.navigation_pages); computed once in base.html for all three.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None  # a view's "page" may be a page of results
    locale_id = page.locale_id if page is not None else Locale.get_active().pk
    menu_pages, trail = sections.navigation_pages(locale_id=locale_id, page=page)
    home_url = _home_url(current_language())
    own_url = sections.page_url(page, request) if page is not None else None
    on_route = bool(page is not None and request is not None and own_url != request.path)
    url_name = getattr(getattr(request, "resolver_match", None), "url_name", None)
    on_city = page is not None and isinstance(page, sections.page_model("PartnerCityPage"))

    def entry(title, url, current=None):
        return {"title": title, "url": url, "current": current}

    is_home = page is not None and page.depth == 2 and not on_route
    menu = [
        entry(gettext("Overview"), home_url, "page" if is_home else None),
        entry(gettext("Partner cities"), home_url + "#cities-heading", "true" if on_city else None),
    ]
    for item in menu_pages:
        menu.append(
            entry(item.title, sections.page_url(item, request), _menu_current(item, page, on_route))
        )
    open_data = {"open_data": "page", "api_docs": "true"}.get(url_name) if page is None else None
    menu.append(entry(gettext("Open data"), reverse("open_data"), open_data))
    menu.append(entry(gettext("Contact"), "#contact-heading"))

    # The trail: every page below the overview; views name their place themselves.
    crumbs, current = [], None
    if page is not None and page.depth > 2:
        crumbs = [entry(p.title, sections.page_url(p, request)) for p in trail[:-1]]
        current = entry(page.title, own_url)
    elif page is None and url_name in VIEW_CRUMBS:
        title, above = VIEW_CRUMBS[url_name]
        crumbs = [entry(gettext("Overview"), home_url)]
        if above:
            crumbs.append(entry(VIEW_CRUMBS[above][0], reverse(above)))
        current = entry(title, request.path)
    if page is not None and not trail:
        current = None  # a preview of a page not yet in the tree
    return {"menu": menu, "crumbs": crumbs, "current": current, "on_route": on_route}
