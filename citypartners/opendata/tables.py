"""The CSV tables of the open data: one file per entity, UTF-8, the same columns for export
and import (cities, partnerships, activities; projects and organisations are export only).

Every table holds exactly the records the public pages show (each entity's public selector),
and every cell goes through ``csv_cell()``: a spreadsheet never reads a cell as a formula.
The importer undoes that with ``csv_uncell()``, so a downloaded table imports unchanged."""

import csv
import datetime
import html
import io
import re

from citypartners.activities.models import Activity
from citypartners.activities.selectors import activities_public
from citypartners.organisations.selectors import organisations_public
from citypartners.partnerships.selectors import cities_public, partnerships_public
from citypartners.projects.selectors import projects_public

COLUMNS = {
    "cities": [
        "slug",
        "name_de",
        "name_en",
        "name_local",
        "country_code",
        "latitude",
        "longitude",
        "geonames_id",
        "wikidata_id",
    ],
    "partnerships": [
        "owner",
        "city",
        "kind",
        "since",
        "since_precision",
        "status",
        "status_since",
        "verified",
        "focus_areas",
    ],
    "activities": [
        "slug",
        "owner",
        "title_de",
        "title_en",
        "kind",
        "status",
        "all_day",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "timezone",
        "place_de",
        "place_en",
        "partnerships",
        "focus_areas",
        "registration_url",
        "description_de",
        "description_en",
    ],
    "projects": [
        "slug",
        "owner",
        "title_de",
        "title_en",
        "status",
        "start_date",
        "end_date",
        "partnerships",
        "focus_areas",
        "description_de",
        "description_en",
    ],
    "organisations": [
        "slug",
        "owner",
        "name",
        "type",
        "city",
        "website",
        "partnerships",
        "focus_areas",
        "description_de",
        "description_en",
    ],
}
LIST_SEPARATOR = "|"

# What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def csv_cell(value: str) -> str:
    """The value with an apostrophe in front if a spreadsheet could run it as a formula.

    Plain numbers (a negative longitude) stay as they are: no formula looks like one. A value
    that already starts with apostrophes before a formula character gets one more, so that
    ``csv_uncell()`` gives back exactly the original.
    """
    if _NUMBER.fullmatch(value):
        return value
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_uncell(value: str) -> str:
    """Undo ``csv_cell()``: the importer reads every cell through this."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def rich_text_to_plain(value: str) -> str:
    """Paragraphs of rich text as plain text, one blank line between them."""
    if not value:
        return ""
    text = re.sub(r"<br\s*/?>", "\n", value)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _slugs(items):
    return LIST_SEPARATOR.join(sorted(item.slug for item in items))


def _partnership_keys(partnerships):
    return LIST_SEPARATOR.join(sorted(f"{p.owner.slug}:{p.city.slug}" for p in partnerships))


# An activity's columns as stored, in COLUMNS["activities"] order; the links are added.
_ACTIVITY_FIELDS = (
    "slug",
    "owner__slug",
    "title_de",
    "title_en",
    "kind__slug",
    "status",
    "all_day",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "timezone",
    "place_de",
    "place_en",
    "registration_url",
    "description_de",
    "description_en",
)


def _activity_rows():
    """The activities' rows from plain values in three queries, not model instances:
    building each activity with its partnerships, cities and owners cost about 0.3 ms a
    row (6 s for 18,000 activities)."""
    public = activities_public().select_related(None).prefetch_related(None).order_by()
    ids = public.values("pk")
    partnerships, focus_areas = {}, {}
    links = Activity.partnerships.through.objects.filter(activity_id__in=ids)
    for activity_id, owner, city in links.values_list(
        "activity_id", "partnership__owner__slug", "partnership__city__slug"
    ):
        partnerships.setdefault(activity_id, []).append(f"{owner}:{city}")
    areas = Activity.focus_areas.through.objects.filter(activity_id__in=ids)
    for activity_id, slug in areas.values_list("activity_id", "focusarea__slug"):
        focus_areas.setdefault(activity_id, []).append(slug)
    for pk, *values in public.order_by("slug").values_list("pk", *_ACTIVITY_FIELDS):
        row = dict(zip(_ACTIVITY_FIELDS, values, strict=True))
        yield [
            row["slug"],
            row["owner__slug"] or "",
            row["title_de"],
            row["title_en"],
            row["kind__slug"],
            row["status"],
            _text(row["all_day"]),
            _text(row["start_date"]),
            _text(row["start_time"]),
            _text(row["end_date"]),
            _text(row["end_time"]),
            row["timezone"],
            row["place_de"],
            row["place_en"],
            LIST_SEPARATOR.join(sorted(partnerships.get(pk, ()))),
            LIST_SEPARATOR.join(sorted(focus_areas.get(pk, ()))),
            row["registration_url"],
            rich_text_to_plain(row["description_de"]),
            rich_text_to_plain(row["description_en"]),
        ]


def rows(entity: str):
    """The rows of one table, as lists of strings in COLUMNS order."""
    if entity == "cities":
        for city in cities_public().order_by("slug"):
            yield [_text(getattr(city, column)) for column in COLUMNS["cities"]]
    elif entity == "partnerships":
        queryset = partnerships_public().prefetch_related("focus_areas")
        for p in queryset.order_by("owner__slug", "city__slug"):
            yield [
                p.owner.slug,
                p.city.slug,
                p.kind,
                _text(p.since),
                p.since_precision or "",
                p.current_status or "",
                _text(p.current_status_since),
                _text(p.verified),
                _slugs(p.focus_areas.all()),
            ]
    elif entity == "activities":
        yield from _activity_rows()
    elif entity == "projects":
        queryset = projects_public().select_related("owner").prefetch_related("partnerships__owner")
        for p in queryset.order_by("slug"):
            yield [
                p.slug,
                p.owner.slug if p.owner_id else "",
                p.title_de,
                p.title_en,
                p.status,
                _text(p.start_date),
                _text(p.end_date),
                _partnership_keys(p.partnerships.all()),
                _slugs(p.focus_areas.all()),
                rich_text_to_plain(p.description_de),
                rich_text_to_plain(p.description_en),
            ]
    elif entity == "organisations":
        queryset = (
            organisations_public()
            .select_related("owner")
            .prefetch_related("focus_areas", "partnerships__owner", "partnerships__city")
        )
        for o in queryset.order_by("slug"):
            yield [
                o.slug,
                o.owner.slug if o.owner_id else "",
                o.name,
                o.type,
                o.city.slug,
                o.website,
                _partnership_keys(o.partnerships.all()),
                _slugs(o.focus_areas.all()),
                rich_text_to_plain(o.description_de),
                rich_text_to_plain(o.description_en),
            ]
    else:
        raise KeyError(entity)


def csv_text(entity: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS[entity])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows(entity))
    return out.getvalue()
