"""The CSV tables of the open data: one file per entity, UTF-8, the same columns for export
and import (cities, partnerships, activities; projects and organisations are export only).

Every table holds exactly the records the public pages show (each entity's public selector),
and every cell goes through ``csv_cell()``: a spreadsheet never reads a cell as a formula.
The importer undoes that with ``csv_uncell()``, so a downloaded table imports unchanged."""

import csv
import datetime
import html
import re

from django.db.models import F, TextField, Value
from django.db.models.functions import Concat

from citypartners.activities.models import Activity
from citypartners.activities.selectors import activities_public
from citypartners.core.db import joined_related
from citypartners.organisations.models import Organisation
from citypartners.organisations.selectors import organisations_public
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.selectors import (
    cities_public,
    partnerships_public,
    public_partnership_q,
)
from citypartners.projects.models import Project
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


def _sorted(joined) -> str:
    """A list joined in the database (core.db.Joined), sorted: the same file every time."""
    return LIST_SEPARATOR.join(sorted(joined.split(LIST_SEPARATOR))) if joined else ""


# Rows are read from one query per table, a chunk at a time (a server-side cursor on
# PostgreSQL), the lists of linked records joined in the database: constant memory and a
# fixed number of queries whatever the number of rows.
CHUNK = 2000
# A streamed download's pieces: about this many bytes each.
BYTES = 65536


def _partnership_keys(model, owner_field):
    return joined_related(
        # Only links to public partnerships (partnerships.selectors.PUBLIC_PARTNERSHIP).
        model.partnerships.through.objects.filter(public_partnership_q("partnership")),
        owner_field,
        Concat(
            "partnership__owner__slug",
            Value(":"),
            "partnership__city__slug",
            output_field=TextField(),
        ),
        separator=LIST_SEPARATOR,
    )


def _focus_slugs(model, owner_field):
    return joined_related(
        model.focus_areas.through.objects.all(),
        owner_field,
        F("focusarea__slug"),
        separator=LIST_SEPARATOR,
    )


def _plain_rows(queryset):
    return queryset.select_related(None).prefetch_related(None)


def _queries():
    """Per table: the query of its values in COLUMNS order, and how each value becomes a
    cell (``_text``; ``_sorted`` for a joined list; ``rich_text_to_plain`` for rich text)."""
    text, joined, rich = _text, _sorted, rich_text_to_plain
    return {
        "cities": (
            cities_public().order_by("slug").values_list(*COLUMNS["cities"]),
            [text] * len(COLUMNS["cities"]),
        ),
        "partnerships": (
            partnerships_public()
            .order_by("owner__slug", "city__slug")
            .annotate(focus=_focus_slugs(Partnership, "partnership"))
            .values_list(
                "owner__slug", "city__slug", "kind", "since", "since_precision",
                "current_status", "current_status_since", "verified", "focus",
            ),
            [text] * 8 + [joined],
        ),
        "activities": (
            _plain_rows(activities_public())
            .order_by("slug")
            .annotate(
                keys=_partnership_keys(Activity, "activity"),
                focus=_focus_slugs(Activity, "activity"),
            )
            .values_list(
                "slug", "owner__slug", "title_de", "title_en", "kind__slug", "status",
                "all_day", "start_date", "start_time", "end_date", "end_time", "timezone",
                "place_de", "place_en", "keys", "focus", "registration_url",
                "description_de", "description_en",
            ),
            [text] * 14 + [joined, joined, text, rich, rich],
        ),
        "projects": (
            _plain_rows(projects_public())
            .order_by("slug")
            .annotate(
                keys=_partnership_keys(Project, "project"),
                focus=_focus_slugs(Project, "project"),
            )
            .values_list(
                "slug", "owner__slug", "title_de", "title_en", "status", "start_date",
                "end_date", "keys", "focus", "description_de", "description_en",
            ),
            [text] * 7 + [joined, joined, rich, rich],
        ),
        "organisations": (
            _plain_rows(organisations_public())
            .order_by("slug")
            .annotate(
                keys=_partnership_keys(Organisation, "organisation"),
                focus=_focus_slugs(Organisation, "organisation"),
            )
            .values_list(
                "slug", "owner__slug", "name", "type", "city__slug", "website", "keys",
                "focus", "description_de", "description_en",
            ),
            [text] * 6 + [joined, joined, rich, rich],
        ),
    }  # fmt: skip


def rows(entity: str):
    """The rows of one table, as lists of strings in COLUMNS order."""
    found, cells = _queries()[entity]
    for values in found.iterator(chunk_size=CHUNK):
        yield [cell(value) for cell, value in zip(cells, values, strict=True)]


class _Line:
    """A file-like target for csv.writer that hands back what was written."""

    def write(self, text):
        return text


def pieces(texts):
    """``texts`` joined into UTF-8 byte chunks of about BYTES each, for a streamed download."""
    buffer, size = [], 0
    for text in texts:
        buffer.append(text)
        size += len(text)
        if size >= BYTES:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    yield "".join(buffer).encode()


def _csv_lines(entity: str):
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow(COLUMNS[entity])
    for row in rows(entity):
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_chunks(entity: str):
    """The table as UTF-8 byte chunks, for a streamed download."""
    return pieces(_csv_lines(entity))


def csv_text(entity: str) -> str:
    """The whole table as text (the importer's tests, small tables)."""
    return b"".join(csv_chunks(entity)).decode()
