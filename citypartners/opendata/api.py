"""The read-only open data API under /api/v1/ (django-ninja: typed schemas give the OpenAPI
description and keep every response to its declared fields)."""

import datetime
import functools
from typing import Literal

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import formats, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext, gettext_noop
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle
from wagtail.rich_text import expand_db_html

from citypartners.activities.models import ActivityKind
from citypartners.activities.selectors import activities_filtered, activities_public
from citypartners.core import pagination
from citypartners.core.clients import client_address
from citypartners.core.countries import country_name
from citypartners.core.page_cache import list_tag, tag
from citypartners.organisations.models import Organisation
from citypartners.organisations.selectors import organisations_public
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.partnerships.models.partnership import FoundingDocument, PartnershipStatus
from citypartners.partnerships.selectors import (
    cities_public,
    partnerships_public,
    partnerships_public_plain,
    public_partnership_q,
)
from citypartners.projects.models import ProjectOrganisation
from citypartners.projects.selectors import PUBLIC_STATUSES, projects_public

from . import cursors, openapi_texts, schemas

Lang = Literal["de", "en"]
MAX_LIMIT = 200
# An OFFSET makes the database walk every row before it, so deep pages are reached with a
# cursor instead (the `next` links carry one: opendata/cursors.py); a larger offset is a 400
# that says so, in the request's language.
MAX_OFFSET = 10_000
# Beyond what a database integer holds: an id past it is a 400 naming the parameter.
MAX_ID = 2**31 - 1

# A link to a partnership the public sees (selectors.PUBLIC_PARTNERSHIP, seen from a record).
PUBLIC_LINK = public_partnership_q("partnerships")


def _limit():
    return Query(50, ge=1, le=MAX_LIMIT, description=gettext_noop("Records per page"))


def _offset():
    return Query(
        0,
        ge=0,
        le=MAX_OFFSET,
        # The number is written out so that the catalogue can hold the sentence; a test
        # holds it to MAX_OFFSET.
        description=gettext_noop(
            "Records to skip, at most 10,000; for deeper pages follow the `next` "
            "links, which carry a `cursor`"
        ),
    )


def _cursor():
    return Query(
        None,
        max_length=cursors.MAX_LENGTH,
        description=gettext_noop(
            "Where the page starts: the value in a `next` link (opaque; it walks every "
            "record exactly once, however deep, and cannot be combined with `offset`)"
        ),
    )


class SettingsRateThrottle(AnonRateThrottle):
    """Requests per client address, as API_RATE_LIMIT says (read on every request).

    The client is ``client_address`` (trusted proxies only), not django-ninja's default,
    which keys on the whole X-Forwarded-For header a client can change at will.
    """

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request):
        rate = settings.API_RATE_LIMIT
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)


def api_throttles() -> list:
    """The API's per-client throttles; the page cache asks them before it answers an API
    request from the cache (settings.PAGE_CACHE_THROTTLED), so a hit still counts."""
    return [SettingsRateThrottle("1000/m")]


class OpenDataAPI(NinjaAPI):
    """The API, its OpenAPI description built once per process (it depends on the code
    alone, and building it took ~60 ms on every request for /api/v1/openapi.json), and
    translated once per language into the active one (opendata.openapi_texts)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        built = self.__dict__.setdefault("_openapi_schemas", {})
        if path_prefix not in built:
            built[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        language = translation.get_language() or settings.LANGUAGE_CODE
        key = (path_prefix, language)
        if key not in built:
            built[key] = openapi_texts.document_translated(built[path_prefix])
        return built[key]  # shared: callers only read it


def _document_in_asked_language(view):
    """/api/v1/openapi.json in the language asked for: `?lang=de|en`, else Accept-Language
    (the same rule as the API's data); the address stays the same for every language."""

    @functools.wraps(view)
    def in_language(request, *args, **kwargs):
        language = _asked_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return in_language


# Paragraphs of the API's description, each its own msgid (translated when served).
DESCRIPTION = "\n\n".join(
    (
        gettext_noop(
            "Partner cities, partnerships (with status history and founding documents), "
            "activities, projects and organisations of a city's international office: the "
            "state (the city itself) and its boroughs, each the `owner` of its records. "
            "Read-only; no personal data. Texts in German or English: `?lang=de|en` or the "
            "Accept-Language header; this description too, at the same address. Licence: "
            "see /api/v1/ and the Open data page."
        ),
        gettext_noop(
            "Pages: `limit` records each; follow the `next` link of a page for the one after "
            "it. `next` carries a `cursor` (keyset pagination: every record exactly once, in "
            "order, and a deep page as fast as the first). `offset` still works up to 10,000; "
            "beyond that it is a 400 saying to follow the `next` links."
        ),
        gettext_noop(
            "Changelog. 2026-11-30: the summaries and descriptions of this document are "
            "given in German or English, as asked. Lists page with a `cursor` in their `next` "
            "links; `offset` is at most 10,000 (a 400 with a message beyond it), `offset` in "
            "a page is null on a page reached by cursor, and `previous` is given on pages "
            "reached by `offset`. Earlier the same day: the API lists exactly what the public "
            "pages show: projects only when planned, running or done (`status=proposed` or "
            "`dropped` is now a 400; such a project's record is a 404). `description_html` "
            "is HTML a client can use (links and images expanded). Ids beyond the database's "
            "integers are a 400 naming the parameter. The `side` of a project's organisation "
            "is `home` (the office's own city) or `partner`; it was `berlin`. No field was "
            "renamed. The names used here are now also those of the back office, the "
            "commands and the CSV files: `owner` (the state or a borough keeping a record; "
            "formerly *authority* or *organisation* there) and `organisations` (the "
            "stakeholder institutions taking part)."
        ),
    )
)


api = OpenDataAPI(
    title="citypartners open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    docs_decorator=_document_in_asked_language,
    throttle=api_throttles(),
)

ERRORS = {400: schemas.Error, 429: schemas.Error}


@api.exception_handler(ValidationError)
def _bad_parameters(request, exc):
    parts = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        if where == "offset" and error.get("type") == "less_than_equal":
            parts.append(_offset_too_deep(request))
        else:
            parts.append(f"{where}: {error.get('msg')}")
    return api.create_response(request, {"detail": "; ".join(parts)}, status=400)


def _language(request, lang):
    return lang or translation.get_language_from_request(request)


def _asked_language(request):
    """The language of a request whose parameters did not validate."""
    lang = request.GET.get("lang")
    return _language(request, lang if lang in ("de", "en") else None)


def _offset_too_deep(request) -> str:
    with translation.override(_asked_language(request)):
        return gettext(
            "offset: at most %(most)s. For deeper pages follow the “next” links: they carry "
            "a cursor, which reaches every page as fast as the first."
        ) % {"most": formats.number_format(MAX_OFFSET, force_grouping=True)}


def _bad_cursor(request, lang) -> dict:
    with translation.override(lang):
        return {
            "detail": gettext(
                "cursor: not a cursor of this list. Use the value from a “next” link "
                "unchanged, or start again without it."
            )
        }


def _cursor_and_offset(request, lang) -> dict:
    with translation.override(lang):
        return {"detail": gettext("cursor: give either cursor or offset, not both.")}


def _page(request, response, queryset, serialize, *, limit, offset, lang, cursor=None):
    """One page of ``queryset``: from ``offset`` (bounded), or after ``cursor``; its
    ``next`` link always carries a cursor (keyset pagination: opendata/cursors.py)."""
    lang = _language(request, lang)
    response["Content-Language"] = lang
    tag(list_tag(queryset.model))  # any record may enter the list
    label = queryset.model._meta.model_name
    if cursor is not None:
        if offset:
            return Status(400, _cursor_and_offset(request, lang))
        try:
            start = cursors.decode(queryset, label, cursor)
        except cursors.BadCursor:
            return Status(400, _bad_cursor(request, lang))
        rows = list(cursors.after(queryset, start)[: limit + 1])
    else:
        rows = list(queryset[offset : offset + limit + 1])
    more, rows = len(rows) > limit, rows[:limit]
    # Counted no further than a public list pages (core.pagination): at a million records a
    # count of all of them on every page cost more than the page itself (issue 17).
    count, exact = pagination.bounded_count(queryset)
    with translation.override(lang):
        results = [serialize(row) for row in rows]
    base = request.build_absolute_uri(request.path)

    def link(**changes):
        params = request.GET.copy()
        for name in ("offset", "cursor"):
            params.pop(name, None)
        params["limit"] = limit
        params.update(changes)
        return f"{base}?{params.urlencode()}"

    following = link(cursor=cursors.encode(queryset, label, rows[-1])) if more else None
    previous = None
    if cursor is None and offset > 0:
        previous = link(offset=max(offset - limit, 0))
    return {
        "count": count,
        "count_exact": exact,
        "limit": limit,
        "offset": None if cursor is not None else offset,
        "next": following,
        "previous": previous,
        "language": lang,
        "notes": getattr(request, "api_notes", []),
        "results": results,
    }


def _note(request, text):
    request.api_notes = [*getattr(request, "api_notes", []), text]


def _usable(value: str) -> bool:
    """False for text no database field can hold (a NUL character): it matches nothing."""
    return "\x00" not in value


def _record(request, response, found, serialize, lang, missing):
    """One record in the asked language, or 404 with `missing` as the message."""
    if found is None:
        return Status(404, {"detail": missing})
    lang = _language(request, lang)
    response["Content-Language"] = lang
    with translation.override(lang):
        return serialize(found)


def _one(request, model, label, slug):
    """The record with this slug, or None with a note for the client."""
    found = model.objects.filter(slug=slug).first() if _usable(slug) else None
    if found is None:
        _note(request, f"There is no {label} “{slug}”, so nothing matches.")
    return found


def _narrow(request, queryset, field, model, label, slug, *conditions):
    """``queryset`` narrowed to the records linked through ``field`` to the one named by
    ``slug``; ``conditions`` apply to the same link (a public partnership: one join)."""
    found = _one(request, model, label, slug)
    if found is None:
        return queryset.none()
    return queryset.filter(*conditions, **{field: found})


def _named(items):
    return [{"slug": item.slug, "name": item.name} for item in items]


def _html(value: str) -> str:
    """Rich text as front-end HTML: real links and images, never Wagtail's internal
    ``linktype``/``embedtype`` markup. Every ``*_html`` field of a schema goes through here."""
    return expand_db_html(value or "")


def _number(value):
    return float(value) if value is not None else None


# --- cities ---------------------------------------------------------------------------


def _city(city):
    return {
        "slug": city.slug,
        "name": city.name,
        "name_de": city.name_de,
        "name_en": city.name_en,
        "name_local": city.name_local,
        "country_code": city.country_code,
        "country": country_name(city.country_code),
        "latitude": _number(city.latitude),
        "longitude": _number(city.longitude),
        "geonames_id": city.geonames_id,
        "wikidata_id": city.wikidata_id,
        "partnership_ids": sorted(p.pk for p in city.partnerships.all()),
        "summaries": [
            {
                "language": s.language,
                "direction": s.direction,
                "text": s.text,
                "is_example": s.is_example,
            }
            for s in city.summaries.all()
        ],
    }


def _cities(request=None, owner=None, country=None):
    queryset = cities_public()
    if owner:
        queryset = _narrow(
            request, queryset, "partnerships__owner", Owner, "owner", owner, PUBLIC_LINK
        )
    if country:
        if _usable(country):
            queryset = queryset.filter(country_code=country.upper())
        else:
            queryset = queryset.none()
    return (
        queryset.distinct()
        .prefetch_related(
            Prefetch("partnerships", queryset=partnerships_public_plain()), "summaries"
        )
        .order_by("name_en", "pk")
    )


@api.get(
    "/cities/",
    response={200: schemas.CityPage, **ERRORS},
    tags=["cities"],
    summary=gettext_noop("List partner cities"),
    description=gettext_noop("Partner cities: every city with at least one partnership."),
)
def cities(
    request: HttpRequest,
    response: HttpResponse,
    owner: str | None = Query(
        None, description=gettext_noop("Owner's slug, e.g. land-berlin or mitte")
    ),
    country: str | None = Query(
        None, min_length=2, max_length=2, description=gettext_noop("ISO code")
    ),
    lang: Lang | None = None,
    limit: int = _limit(),
    offset: int = _offset(),
    cursor: str | None = _cursor(),
):
    tag(list_tag(Partnership))  # a city is listed once it has a partnership
    return _page(
        request,
        response,
        _cities(request, owner, country),
        _city,
        limit=limit,
        offset=offset,
        cursor=cursor,
        lang=lang,
    )


@api.get(
    "/cities/{slug}/",
    response={200: schemas.City, 404: schemas.Error, **ERRORS},
    tags=["cities"],
    summary=gettext_noop("One partner city"),
)
def city(request: HttpRequest, response: HttpResponse, slug: str, lang: Lang | None = None):
    found = _cities().filter(slug=slug).first() if _usable(slug) else None
    if found is not None:
        tag(list_tag(Partnership, city=found.pk))  # its partnerships
    return _record(request, response, found, _city, lang, f"No partner city “{slug}”.")


# --- partnerships ---------------------------------------------------------------------

STATUSES = Literal["active", "dormant", "suspended", "ended"]
KINDS = Literal["partnership", "friendship", "project"]


def _partnership(p):
    return {
        "id": p.pk,
        "owner": {"slug": p.owner.slug, "name": p.owner.name, "kind": p.owner.kind},
        "city": {
            "slug": p.city.slug,
            "name": p.city.name,
            "country_code": p.city.country_code,
            "latitude": _number(p.city.latitude),
            "longitude": _number(p.city.longitude),
        },
        "kind": p.kind,
        "since": p.since,
        "since_precision": p.since_precision,
        "status": p.current_status,
        "status_since": p.current_status_since,
        "verified": p.verified,
        "focus_areas": _named(p.focus_areas.all()),
        "status_history": [
            {"status": s.status, "valid_from": s.valid_from, "reason": s.reason}
            for s in p.status_history.all()
        ],
        "founding_documents": [
            {
                "kind": d.kind,
                "date": d.date,
                "date_precision": d.date_precision,
                "note": d.note,
                "is_shown": d.is_shown,
            }
            for d in p.founding_documents.all()
        ],
    }


def _partnerships():
    return partnerships_public().prefetch_related(
        "focus_areas",
        Prefetch("status_history", queryset=PartnershipStatus.objects.order_by("valid_from", "pk")),
        Prefetch("founding_documents", queryset=FoundingDocument.objects.order_by("date", "pk")),
    )


@api.get(
    "/partnerships/",
    response={200: schemas.PartnershipPage, **ERRORS},
    tags=["partnerships"],
    summary=gettext_noop("List partnerships"),
    description=gettext_noop("Partnerships of the state and the boroughs, oldest first."),
)
def partnerships(
    request: HttpRequest,
    response: HttpResponse,
    owner: str | None = Query(None, description=gettext_noop("Owner's slug")),
    city: str | None = Query(None, description=gettext_noop("Partner city's slug")),
    focus_area: str | None = Query(None, description=gettext_noop("Focus area's slug")),
    status: STATUSES | None = Query(None, description=gettext_noop("The status in force today")),
    kind: KINDS | None = None,
    since_from: datetime.date | None = Query(None, description=gettext_noop("Begun on or after")),
    since_to: datetime.date | None = Query(None, description=gettext_noop("Begun on or before")),
    lang: Lang | None = None,
    limit: int = _limit(),
    offset: int = _offset(),
    cursor: str | None = _cursor(),
):
    queryset = _partnerships()
    if owner:
        queryset = _narrow(request, queryset, "owner", Owner, "owner", owner)
    if city:
        queryset = _narrow(request, queryset, "city", City, "city", city)
    if focus_area:
        queryset = _narrow(request, queryset, "focus_areas", FocusArea, "focus area", focus_area)
    if status:
        queryset = queryset.filter(current_status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if since_from:
        queryset = queryset.filter(since__gte=since_from)
    if since_to:
        queryset = queryset.filter(since__lte=since_to)
    return _page(
        request,
        response,
        queryset.order_by("since", "pk"),
        _partnership,
        limit=limit,
        offset=offset,
        cursor=cursor,
        lang=lang,
    )


@api.get(
    "/partnerships/{partnership_id}/",
    response={200: schemas.Partnership, 404: schemas.Error, **ERRORS},
    tags=["partnerships"],
    summary=gettext_noop("One partnership"),
)
def partnership(
    request: HttpRequest,
    response: HttpResponse,
    partnership_id: int = Path(..., ge=1, le=MAX_ID),
    lang: Lang | None = None,
):
    found = _partnerships().filter(pk=partnership_id).first()
    return _record(
        request, response, found, _partnership, lang, f"No partnership {partnership_id}."
    )


# --- activities -----------------------------------------------------------------------

ACTIVITY_STATUSES = Literal["planned", "running", "done", "cancelled"]


def _activity(a):
    return {
        "slug": a.slug,
        "owner": a.owner.slug if a.owner_id else None,
        "title": a.title,
        "description_html": _html(a.description),
        "kind": {"slug": a.kind.slug, "name": a.kind.name},
        "status": a.status,
        "all_day": a.all_day,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "timezone": a.timezone,
        "place": a.place,
        "partnership_ids": sorted(p.pk for p in a.partnerships.all()),
        "city_slugs": sorted({p.city.slug for p in a.partnerships.all()}),
        "focus_areas": _named(a.focus_areas.all()),
        "project": a.project.slug if a.project_id else None,
        "organisations": sorted(o.slug for o in a.organisations.all()),
        "registration_url": a.registration_url,
    }


def _with_links(activities):
    """What an activity's answer shows besides what activities_public() loads."""
    return activities.select_related("owner", "project").prefetch_related("organisations")


def _activities():
    return _with_links(activities_public())


@api.get(
    "/activities/",
    response={200: schemas.ActivityPage, **ERRORS},
    tags=["activities"],
    summary=gettext_noop("List activities"),
    description=gettext_noop("Published, public activities, soonest first."),
)
def activities(
    request: HttpRequest,
    response: HttpResponse,
    owner: str | None = Query(None, description=gettext_noop("Owner's slug")),
    city: str | None = Query(None, description=gettext_noop("Partner city's slug")),
    focus_area: str | None = Query(None, description=gettext_noop("Focus area's slug")),
    kind: str | None = Query(None, description=gettext_noop("Kind of activity's slug")),
    status: ACTIVITY_STATUSES | None = None,
    date_from: datetime.date | None = Query(
        None, description=gettext_noop("Ends on or after this day")
    ),
    date_to: datetime.date | None = Query(
        None, description=gettext_noop("Starts on or before this day")
    ),
    lang: Lang | None = None,
    limit: int = _limit(),
    offset: int = _offset(),
    cursor: str | None = _cursor(),
):
    found = {
        "city": _one(request, City, "city", city) if city else None,
        "focus_area": _one(request, FocusArea, "focus area", focus_area) if focus_area else None,
        "kind": _one(request, ActivityKind, "kind", kind) if kind else None,
    }
    queryset = activities_filtered(**found, date_from=date_from, date_to=date_to)
    if date_from and date_to and date_to < date_from:
        _note(request, "date_to lies before date_from, so nothing matches.")
        queryset = queryset.none()
    if any(
        found[name] is None
        for name, given in (("city", city), ("focus_area", focus_area), ("kind", kind))
        if given
    ):
        queryset = queryset.none()
    queryset = _with_links(queryset)
    if owner:
        queryset = _narrow(request, queryset, "owner", Owner, "owner", owner)
    if status:
        queryset = queryset.filter(status=status)
    return _page(
        request,
        response,
        queryset,
        _activity,
        limit=limit,
        offset=offset,
        cursor=cursor,
        lang=lang,
    )


@api.get(
    "/activities/{slug}/",
    response={200: schemas.Activity, 404: schemas.Error, **ERRORS},
    tags=["activities"],
    summary=gettext_noop("One activity"),
)
def activity(request: HttpRequest, response: HttpResponse, slug: str, lang: Lang | None = None):
    found = _activities().filter(slug=slug).first() if _usable(slug) else None
    return _record(request, response, found, _activity, lang, f"No published activity “{slug}”.")


# --- projects and organisations ---------------------------------------------------------

# Only the statuses the public sees: a filter on "proposed" or "dropped" is a bad request.
PROJECT_STATUSES = Literal[tuple(str(status) for status in PUBLIC_STATUSES)]


def _project(p):
    return {
        "slug": p.slug,
        "owner": p.owner.slug if p.owner_id else None,
        "title": p.title,
        "description_html": _html(p.description),
        "status": p.status,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "partnership_ids": sorted(x.pk for x in p.partnerships.all()),
        "focus_areas": _named(p.focus_areas.all()),
        "organisations": [
            {
                "slug": role.organisation.slug,
                "name": role.organisation.name,
                "side": role.side,
                "role": role.role,
            }
            for role in p.project_organisations.all()
        ],
    }


def _projects():
    return (
        projects_public()
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "project_organisations",
                queryset=ProjectOrganisation.objects.select_related("organisation"),
            ),
        )
        .order_by("title_en", "pk")
    )


@api.get(
    "/projects/",
    response={200: schemas.ProjectPage, **ERRORS},
    tags=["projects"],
    summary=gettext_noop("List projects"),
    description=gettext_noop(
        "Projects of the partnerships, as the public pages show them (no mere proposals, "
        "no dropped projects)."
    ),
)
def projects(
    request: HttpRequest,
    response: HttpResponse,
    owner: str | None = Query(None, description=gettext_noop("Owner's slug")),
    city: str | None = Query(None, description=gettext_noop("Partner city's slug")),
    focus_area: str | None = Query(None, description=gettext_noop("Focus area's slug")),
    status: PROJECT_STATUSES | None = None,
    lang: Lang | None = None,
    limit: int = _limit(),
    offset: int = _offset(),
    cursor: str | None = _cursor(),
):
    queryset = _projects()
    if owner:
        queryset = _narrow(request, queryset, "owner", Owner, "owner", owner)
    if city:
        queryset = _narrow(
            request, queryset, "partnerships__city", City, "city", city, PUBLIC_LINK
        ).distinct()
    if focus_area:
        queryset = _narrow(request, queryset, "focus_areas", FocusArea, "focus area", focus_area)
    if status:
        queryset = queryset.filter(status=status)
    return _page(
        request,
        response,
        queryset,
        _project,
        limit=limit,
        offset=offset,
        cursor=cursor,
        lang=lang,
    )


@api.get(
    "/projects/{slug}/",
    response={200: schemas.Project, 404: schemas.Error, **ERRORS},
    tags=["projects"],
    summary=gettext_noop("One project"),
)
def project(request: HttpRequest, response: HttpResponse, slug: str, lang: Lang | None = None):
    found = _projects().filter(slug=slug).first() if _usable(slug) else None
    return _record(request, response, found, _project, lang, f"No project “{slug}”.")


def _organisation(o):
    return {
        "slug": o.slug,
        "owner": o.owner.slug if o.owner_id else None,
        "name": o.name,
        "type": o.type,
        "city": o.city.slug,
        "website": o.website,
        "description_html": _html(o.description),
        "partnership_ids": sorted(p.pk for p in o.partnerships.all()),
        "focus_areas": _named(o.focus_areas.all()),
    }


def _organisations():
    return (
        organisations_public()
        .select_related("owner")
        .prefetch_related(
            Prefetch("partnerships", queryset=partnerships_public_plain()), "focus_areas"
        )
        .order_by("name", "pk")
    )


ORGANISATION_TYPES = Literal[tuple(value for value, _label in Organisation.Type.choices)]


@api.get(
    "/organisations/",
    response={200: schemas.OrganisationPage, **ERRORS},
    tags=["organisations"],
    summary=gettext_noop("List organisations"),
    description=gettext_noop(
        "Institutions through which the partnerships work, at home and in the partner cities."
    ),
)
def organisations(
    request: HttpRequest,
    response: HttpResponse,
    owner: str | None = Query(None, description=gettext_noop("Owner's slug")),
    city: str | None = Query(
        None, description=gettext_noop("The city the organisation is in (slug)")
    ),
    focus_area: str | None = Query(None, description=gettext_noop("Focus area's slug")),
    type: ORGANISATION_TYPES | None = None,
    lang: Lang | None = None,
    limit: int = _limit(),
    offset: int = _offset(),
    cursor: str | None = _cursor(),
):
    queryset = _organisations()
    if owner:
        queryset = _narrow(request, queryset, "owner", Owner, "owner", owner)
    if city:
        queryset = _narrow(request, queryset, "city", City, "city", city)
    if focus_area:
        queryset = _narrow(request, queryset, "focus_areas", FocusArea, "focus area", focus_area)
    if type:
        queryset = queryset.filter(type=type)
    return _page(
        request,
        response,
        queryset,
        _organisation,
        limit=limit,
        offset=offset,
        cursor=cursor,
        lang=lang,
    )


@api.get(
    "/organisations/{slug}/",
    response={200: schemas.Organisation, 404: schemas.Error, **ERRORS},
    tags=["organisations"],
    summary=gettext_noop("One organisation"),
)
def organisation(request: HttpRequest, response: HttpResponse, slug: str, lang: Lang | None = None):
    found = _organisations().filter(slug=slug).first() if _usable(slug) else None
    return _record(request, response, found, _organisation, lang, f"No organisation “{slug}”.")
