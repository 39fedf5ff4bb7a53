"""Where records live on the public site: section pages, detail addresses, the pages of
partnerships and boroughs, each found in a fixed number of queries.

A section is a routable index page (activities, projects, organisations, ...); one of its
records lives at the address its ``detail`` route gives for the record's slug. Every link
to a record is built here (``detail_url``), never by joining strings.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page

from citypartners.core.page_cache import instance_tag, tag
from citypartners.partnerships import selectors as partnership_selectors


def page_model(name: str):
    """A page model of this app by its name.

    Page models link to each other both ways (a city page links the activities section, an
    activity links its city pages), so they are named here, as string foreign keys are,
    rather than imported.
    """
    return apps.get_model("site", name)


def section_pages(*, locale_id: int, names) -> dict:
    """The first live page of each named page model in a locale, keyed by name, in one query."""
    models = {name: page_model(name) for name in names}
    types = {ContentType.objects.get_for_model(model).pk: name for name, model in models.items()}
    found = {}
    pages = Page.objects.live().filter(locale_id=locale_id, content_type_id__in=types)
    for page in pages.order_by("path"):
        found.setdefault(types[page.content_type_id], page)
    _shown(found.values())
    return found


def _shown(pages) -> None:
    """Tag the answer being rendered with the pages it links (core.page_cache)."""
    tag(*(instance_tag(Page, page.pk) for page in pages))


def section_urls(*, request, locale_id: int, names) -> dict:
    """The address of the live page of each named page model in a locale, in one query."""
    return {
        name: page.get_url(request)
        for name, page in section_pages(locale_id=locale_id, names=names).items()
    }


def section_page(*, locale_id: int, name: str):
    """The live page of one section in a locale, or None."""
    return section_pages(locale_id=locale_id, names=[name]).get(name)


def page_url(page, request=None) -> str | None:
    """``page.get_url(request)``, worked out once per page instance, request and language.

    A list links every row through the same section page (an activity list, a feed), and
    Wagtail's get_url costs a site lookup and a reverse each time. The memo sits on the
    instance (loaded per request) and is used only for the very same request object and
    the same path.
    """
    key = (translation.get_language(), page.url_path)
    memo = page.__dict__.get("_url_memo")
    if memo is not None and memo[0] is request and memo[1] == key:
        return memo[2]
    url = page.get_url(request)
    page.__dict__["_url_memo"] = (request, key, url)
    return url


def route_url(page, name: str, *, request=None, **kwargs) -> str | None:
    """The address of one of a routable page's routes (as Wagtail's ``routablepageurl``
    tag gives it), or None when the page has no address."""
    base = page_url(page, request)
    if base is None:
        return None
    # The page's class holds its routes; `page` may be a plain Page of that class.
    return base + page.specific_class.get_resolver().reverse(name, **kwargs)


def detail_url(section, record, *, request=None) -> str | None:
    """The address of `record` (anything with a slug) on its section page's ``detail``
    route, or None when the site has no such section."""
    if section is None:
        return None
    return route_url(section, "detail", request=request, slug=record.slug)


def partner_city_pages(*, locale_id: int, partnership_ids) -> dict:
    """The live city page of each partnership in one locale, keyed by partnership id."""
    pages = (
        page_model("PartnerCityPage")
        .objects.live()
        .filter(locale_id=locale_id, partnership_id__in=list(partnership_ids))
    )
    found = {page.partnership_id: page for page in pages}
    _shown(found.values())
    return found


def borough_pages(*, locale_id: int) -> dict:
    """The live borough page of each borough in one locale, keyed by owner id."""
    found = {
        page.borough_id: page
        for page in page_model("BoroughPage").objects.live().filter(locale_id=locale_id)
    }
    _shown(found.values())
    return found


def with_page_urls(rows, *, request, locale_id: int) -> list:
    """Give each partnership in `rows` its `page_url` (its city page) or None."""
    pages = partner_city_pages(locale_id=locale_id, partnership_ids=[p.pk for p in rows])
    for row in rows:
        page = pages.get(row.pk)
        row.page_url = page.get_url(request) if page else None
    return rows


def partnership_rows(*, request, locale_id: int, **filters) -> list:
    """Partnerships (filtered as `partnership_list`) with the address of their city page."""
    rows = partnership_selectors.partnership_list(**filters)
    return with_page_urls(rows, request=request, locale_id=locale_id)


def state_partnership_rows(*, request, locale_id: int) -> list:
    """The state's partnerships for the overview, with the address of their city page."""
    rows = partnership_selectors.state_partnership_list()
    return with_page_urls(rows, request=request, locale_id=locale_id)


def navigation_pages(*, locale_id: int, page=None) -> tuple[list, list]:
    """The main navigation's pages and the breadcrumb trail's, in one query.

    The navigation: the live children of the overview in `locale_id` that the office marked
    "Show in menus" (the page's Promote tab), in page-tree order. The trail: the live
    ancestors of `page` from the overview down, `page` itself last. Ancestor paths are read
    from the tree path itself (treebeard's fixed-width steps), so both lists cost one query.
    """
    step = Page.steplen
    # Depth 1 is the tree's root, depth 2 the overview of each language.
    trail_paths = []
    if page is not None:
        trail_paths = [page.path[:end] for end in range(2 * step, len(page.path) + 1, step)]
    menu = Q(locale_id=locale_id, depth=3, show_in_menus=True)
    found = list(
        Page.objects.live()
        .filter(menu | Q(path__in=trail_paths))
        .select_related("locale")  # get_url reads each page's language
        .order_by("path")
    )
    in_menu = [p for p in found if p.depth == 3 and p.show_in_menus and p.locale_id == locale_id]
    trail = [p for p in found if p.path in trail_paths]
    _shown([*in_menu, *trail])
    return in_menu, trail
