"""Keyset pagination for the API's lists: a page continues *after* the last record of the
previous one, found by the values the list is ordered by, so that a deep page costs what the
first does (an OFFSET makes the database walk every row before it).

A cursor is opaque to clients: base64url of JSON ``[list, value, ...]``, the values of the
list's ordering fields of the last record given (the last is always the primary key, so the
order is total). What must stay true: a cursor read back is checked field by field (each
value through its field's ``to_python``), so a crafted one is a ``BadCursor``, never a 500;
NULLs sort as the database sorts them (largest on PostgreSQL, smallest on SQLite), so
walking with cursors gives every record exactly once, in the order of ``offset`` pages.
"""

import base64
import binascii
import datetime
import decimal
import json

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import Q

MAX_LENGTH = 500  # characters of a cursor; far above any we give


class BadCursor(ValueError):
    """The cursor is not one this list gave."""


def ordering(queryset) -> list[tuple[str, bool]]:
    """The list's ordering as (field, descending), ending with the primary key."""
    names = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    found = []
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"Keyset pagination needs orderings by name, not {name!r}")
        descending = name.startswith("-")
        found.append((name.lstrip("-"), descending))
    if not found or found[-1][0] not in ("pk", queryset.model._meta.pk.name):
        raise TypeError("Keyset pagination needs the primary key as the last ordering")
    return found


def _field(queryset, name):
    if name == "pk":
        return queryset.model._meta.pk
    annotation = queryset.query.annotations.get(name)
    if annotation is not None:
        return annotation.output_field
    try:
        return queryset.model._meta.get_field(name)
    except FieldDoesNotExist:
        raise TypeError(f"Keyset pagination cannot order by {name!r}") from None


def _nullable(queryset, name) -> bool:
    return name in queryset.query.annotations or getattr(_field(queryset, name), "null", False)


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def encode(queryset, label: str, record) -> str:
    """The cursor of the page after ``record`` in ``queryset``'s order."""
    values = [_plain(getattr(record, name)) for name, _descending in ordering(queryset)]
    text = json.dumps([label, *values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(queryset, label: str, cursor: str) -> list:
    """The ordering values in ``cursor``, typed; BadCursor when it is not one of this list."""
    if len(cursor) > MAX_LENGTH:
        raise BadCursor(cursor)
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        data = json.loads(text)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor(cursor) from None
    fields = ordering(queryset)
    if not isinstance(data, list) or len(data) != len(fields) + 1 or data[0] != label:
        raise BadCursor(cursor)
    values = []
    for (name, _descending), value in zip(fields, data[1:], strict=True):
        if value is None:
            if not _nullable(queryset, name):
                raise BadCursor(cursor)
            values.append(None)
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise BadCursor(cursor)
        try:
            typed = _field(queryset, name).to_python(value)
            # A value the database cannot compare (an integer beyond its range) is no cursor.
            _field(queryset, name).get_db_prep_value(typed, connections[queryset.db])
        except (ValidationError, TypeError, ValueError, OverflowError):
            raise BadCursor(cursor) from None
        if isinstance(typed, int) and not -(2**63) <= typed < 2**63:
            raise BadCursor(cursor)
        values.append(typed)
    return values


def _beyond(queryset, name, descending, value) -> Q | None:
    """Rows whose ``name`` comes strictly after ``value`` in the list's order (None: none)."""
    nulls_largest = connections[queryset.db].features.nulls_order_largest
    nullable = _nullable(queryset, name)
    is_null = Q(**{f"{name}__isnull": True})
    if value is None:
        # NULL is the largest (or smallest) value: after it come the non-NULLs or nothing.
        return ~is_null if nulls_largest == descending else None
    beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
    if nullable and nulls_largest != descending:
        beyond |= is_null  # the NULLs come after every value
    return beyond


def after(queryset, values):
    """``queryset`` from the row after the one whose ordering values are ``values``."""
    condition = None
    equal = Q()
    for (name, descending), value in zip(ordering(queryset), values, strict=True):
        beyond = _beyond(queryset, name, descending, value)
        if beyond is not None:
            condition = equal & beyond if condition is None else condition | (equal & beyond)
        equal &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    return queryset.none() if condition is None else queryset.filter(condition)
