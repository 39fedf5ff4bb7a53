"""Imports: CSV tables (cities, partnerships, activities) and Wikidata twin-town lists.

Every import first checks every row and reports each problem by row and column in plain
words; it writes only if there is none, and then all rows in one transaction. Importing the
same file twice changes nothing the second time.

An import plans, then writes through the services the back office uses (partnerships and
activities), so their rules, such as the one for a partnership's history, hold here too;
the plan checks a row with the same rule functions, to report a problem by its column.
"""

import csv
import datetime
import io
import re
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from citypartners.activities.models import Activity, ActivityKind
from citypartners.activities.services import activity_create, activity_update
from citypartners.core.countries import validate_country_code
from citypartners.core.text import plain_to_rich_text
from citypartners.owners.models import Owner
from citypartners.partnerships.models import (
    City,
    FocusArea,
    FoundingDocument,
    Partnership,
    PartnershipStatus,
)
from citypartners.partnerships.selectors import partnerships_annotated
from citypartners.partnerships.services import (
    DocumentData,
    StatusData,
    city_bulk_create,
    city_create,
    city_update,
    partnership_create,
    partnership_history_add,
    partnership_history_add_problems,
    partnership_update,
)

from .tables import COLUMNS, LIST_SEPARATOR, csv_uncell, rich_text_to_plain

IMPORTABLE = ("cities", "partnerships", "activities")
MAX_ROWS = 50_000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Problem:
    row: int  # 1 is the header line, data starts at 2; 0: the file as a whole
    column: str
    message: str

    def __str__(self):
        if self.row == 0:
            return self.message
        where = _("row %(row)d") % {"row": self.row}
        if self.column:
            where += ", " + _("column “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class Report:
    entity: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    def summary(self):
        if self.problems:
            return _("%(n)d problems; nothing was imported.") % {"n": len(self.problems)}
        if self.dry_run:
            return (
                _(
                    "%(rows)d rows checked, no problems: %(created)d would be new, %(updated)d "
                    "changed, %(unchanged)d stay as they are. Nothing was imported yet."
                )
                % self.__dict__
            )
        return (
            _(
                "%(rows)d rows imported: %(created)d new, %(updated)d changed, %(unchanged)d "
                "unchanged."
            )
            % self.__dict__
        )


class _Row:
    """One CSV row's values, each parsed with its problems noted against its column."""

    def __init__(self, number, values, problems):
        self.number, self.values, self.problems = number, values, problems

    def problem(self, column, message):
        self.problems.append(Problem(self.number, column, message))

    def problems_in(self, columns):
        """Whether this row already has a problem in one of `columns`."""
        return any(p.row == self.number and p.column in columns for p in self.problems)

    def text(self, column, *, required=False, max_length=None):
        value = (self.values.get(column) or "").strip()
        if required and not value:
            self.problem(column, _("is empty but required."))
        if max_length and len(value) > max_length:
            self.problem(column, _("is longer than %(n)d characters.") % {"n": max_length})
        return value

    def slug(self, column, *, required=True):
        value = self.text(column, required=required)
        if value and not SLUG.match(value):
            self.problem(
                column,
                _("“%(v)s” is not a slug (lower-case letters, digits and hyphens).") % {"v": value},
            )
        return value

    def choice(self, column, choices, *, required=True):
        value = self.text(column, required=required)
        if value and value not in choices:
            self.problem(
                column,
                _("“%(v)s” is not one of: %(choices)s.")
                % {"v": value, "choices": ", ".join(choices)},
            )
        return value

    def date(self, column, *, required=False):
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(column, _("“%(v)s” is not a date like 2024-05-31.") % {"v": value})
            return None

    def time(self, column):
        value = self.text(column)
        if not value:
            return None
        try:
            return datetime.time.fromisoformat(value)
        except ValueError:
            self.problem(column, _("“%(v)s” is not a time like 18:30.") % {"v": value})
            return None

    def flag(self, column):
        value = self.text(column)
        if value not in ("0", "1", ""):
            self.problem(column, _("“%(v)s” must be 1 (yes) or 0 (no).") % {"v": value})
        return value == "1"

    def decimal(self, column, low, high):
        value = self.text(column)
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.problem(column, _("“%(v)s” is not a number.") % {"v": value})
            return None
        if not low <= number <= high:
            self.problem(
                column,
                _("%(v)s lies outside %(low)s to %(high)s.")
                % {"v": value, "low": low, "high": high},
            )
            return None
        return number.quantize(Decimal("0.0001"))

    def integer(self, column):
        value = self.text(column)
        if not value:
            return None
        if not value.isdigit():
            self.problem(column, _("“%(v)s” is not a whole number.") % {"v": value})
            return None
        return int(value)

    def lookup(self, column, known: dict, label, *, required=True):
        value = self.text(column, required=required)
        if value and value not in known:
            self.problem(column, _("there is no %(what)s “%(v)s”.") % {"what": label, "v": value})
            return None
        return known.get(value)

    def lookups(self, column, known: dict, label):
        found = []
        for value in [v.strip() for v in self.text(column).split(LIST_SEPARATOR) if v.strip()]:
            if value not in known:
                self.problem(
                    column, _("there is no %(what)s “%(v)s”.") % {"what": label, "v": value}
                )
            else:
                found.append(known[value])
        return found


def _read(data: bytes, entity: str, report: Report):
    """The rows of the file as dicts, or None with the problem noted."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.problems.append(
            Problem(
                0,
                "",
                _(
                    "The file is not UTF-8 text (byte %(b)s at position %(p)d). "
                    "Save it as “CSV UTF-8” and try again."
                )
                % {"b": hex(data[error.start]), "p": error.start},
            )
        )
        return None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS[entity] if c not in header]
    unknown = [c for c in header if c not in COLUMNS[entity]]
    if missing:
        report.problems.append(
            Problem(1, "", _("These columns are missing: %(c)s.") % {"c": ", ".join(missing)})
        )
    if unknown:
        report.problems.append(
            Problem(1, "", _("These columns are unknown: %(c)s.") % {"c": ", ".join(unknown)})
        )
    if missing or unknown:
        return None
    try:
        # Cells as they were before csv_cell() protected them from spreadsheets.
        rows = [
            {key: csv_uncell(v) if isinstance(v, str) else v for key, v in row.items()}
            for row in reader
        ]
    except csv.Error as error:
        report.problems.append(Problem(0, "", _("The file is not valid CSV: %(e)s") % {"e": error}))
        return None
    if len(rows) > MAX_ROWS:
        report.problems.append(
            Problem(
                0,
                "",
                _("The file has %(n)d rows; at most %(max)d can be imported at once.")
                % {"n": len(rows), "max": MAX_ROWS},
            )
        )
        return None
    for number, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            report.problems.append(
                Problem(number, "", _("has a different number of fields than the header."))
            )
    return rows


# --- cities -------------------------------------------------------------------------------


def _plan_city(row: _Row, seen):
    slug = row.slug("slug")
    if slug in seen:
        row.problem("slug", _("“%(v)s” appears twice in the file.") % {"v": slug})
    seen.add(slug)
    country = row.text("country_code", required=True).upper()
    if country:
        try:
            validate_country_code(country)
        except ValidationError as error:
            row.problem("country_code", " ".join(error.messages))
    wikidata = row.text("wikidata_id")
    if wikidata and not re.match(r"^Q[1-9][0-9]*$", wikidata):
        row.problem("wikidata_id", _("“%(v)s” is not a Wikidata id like Q64.") % {"v": wikidata})
    return {
        "slug": slug,
        "name_de": row.text("name_de", required=True, max_length=200),
        "name_en": row.text("name_en", required=True, max_length=200),
        "name_local": row.text("name_local", max_length=200),
        "country_code": country,
        "latitude": row.decimal("latitude", -90, 90),
        "longitude": row.decimal("longitude", -180, 180),
        "geonames_id": row.integer("geonames_id"),
        "wikidata_id": wikidata or None,
    }


def _apply_cities(plans, report):
    """New cities in bulk (their values were checked row by row), changed ones one by one."""
    existing = {c.slug: c for c in City.objects.filter(slug__in=[p["slug"] for _n, p in plans])}
    for number, plan in plans:
        if plan["slug"] in existing:
            try:
                with transaction.atomic():
                    _apply_city(plan, report, existing[plan["slug"]])
            except ValidationError as error:
                report.problems.extend(Problem(number, "", m) for m in error.messages)
    created = city_bulk_create(
        cities=[plan for _number, plan in plans if plan["slug"] not in existing]
    )
    report.created += len(created)


def _check_unique_ids(row, plan, seen_ids, taken):
    for column in ("geonames_id", "wikidata_id"):
        value = plan[column]
        if value is None:
            continue
        if (column, value) in seen_ids:
            row.problem(column, _("“%(v)s” appears twice in the file.") % {"v": value})
        seen_ids.add((column, value))
        owner = taken[column].get(value)
        if owner is not None and owner != plan["slug"]:
            row.problem(
                column,
                _("“%(v)s” belongs to the city “%(city)s” already.") % {"v": value, "city": owner},
            )


def _apply_city(plan, report, city=None):
    city = city or City.objects.filter(slug=plan["slug"]).first()
    if city is None:
        city_create(**plan)
        report.created += 1
        return
    _city, changed = city_update(city=city, **plan)
    if changed:
        report.updated += 1
    else:
        report.unchanged += 1


# --- partnerships -------------------------------------------------------------------------


def _plan_partnership(row: _Row, seen, known):
    """The partnership's fields, and the founding document and status change the row adds
    to its history, checked against the history it has with the services' rule."""
    owner = row.lookup("owner", known["owners"], _("owner"))
    city = row.lookup("city", known["cities"], _("city"))
    key = (row.text("owner"), row.text("city"))
    if key in seen:
        row.problem("city", _("this owner and city appear twice in the file."))
    seen.add(key)
    since = row.date("since")
    precision = row.choice("since_precision", ["day", "month", "year"], required=bool(since))
    status = row.choice("status", [s.value for s in PartnershipStatus.Status], required=False)
    status_since = row.date("status_since", required=bool(status))
    plan = {
        "owner": owner,
        "city": city,
        "kind": row.choice("kind", [k.value for k in Partnership.Kind]),
        "verified": row.flag("verified"),
        "focus_areas": row.lookups("focus_areas", known["focus_areas"], _("focus area")),
        "documents": [],
        "statuses": [],
    }
    existing = known["partnerships_by_ids"].get((owner.pk, city.pk)) if owner and city else None
    plan["partnership"] = existing
    since_precision = precision or "day"
    if since and (
        existing is None or (existing.since, existing.since_precision) != (since, since_precision)
    ):
        plan["documents"].append(
            DocumentData(
                kind=FoundingDocument.Kind.DOCUMENT,
                date=since,
                date_precision=since_precision,
                is_shown=True,
                source=_("CSV import"),
            )
        )
    if status and status_since and not _status_known(existing, status, status_since):
        plan["statuses"].append(StatusData(status=status, valid_from=status_since))
    if not row.problems_in(("owner", "city", "since", "since_precision", "status_since")):
        problems = partnership_history_add_problems(
            partnership=existing, documents=plan["documents"], statuses=plan["statuses"]
        )
        for message in problems["documents"]:
            row.problem("since", message)
        for message in problems["statuses"]:
            row.problem("status_since", message)
    return plan


def _status_known(partnership, status, valid_from):
    """Whether the partnership's history has this change already: as the status in force
    (what the CSV download gives), or as a row of its own (a change still to come)."""
    if partnership is None:
        return False
    if (partnership.current_status, partnership.current_status_since) == (status, valid_from):
        return True
    return any(
        (change.status, change.valid_from) == (status, valid_from)
        for change in partnership.status_history.all()
    )


def _apply_partnership(plan, report):
    partnership = plan["partnership"]
    if partnership is None:
        partnership_create(
            owner=plan["owner"],
            city=plan["city"],
            kind=plan["kind"],
            verified=plan["verified"],
            focus_areas=plan["focus_areas"],
            documents=plan["documents"],
            statuses=plan["statuses"],
        )
        report.created += 1
        return
    _partnership, changed = partnership_update(
        partnership=partnership,
        kind=plan["kind"],
        verified=plan["verified"],
        focus_areas=plan["focus_areas"],
    )
    if plan["documents"] or plan["statuses"]:
        partnership_history_add(
            partnership=partnership, documents=plan["documents"], statuses=plan["statuses"]
        )
        changed = True
    if changed:
        report.updated += 1
    else:
        report.unchanged += 1


# --- activities ---------------------------------------------------------------------------


def _plan_activity(row: _Row, seen, known):
    slug = row.slug("slug")
    if slug in seen:
        row.problem("slug", _("“%(v)s” appears twice in the file.") % {"v": slug})
    seen.add(slug)
    zone = row.text("timezone", required=True)
    if zone:
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            row.problem(
                "timezone", _("“%(v)s” is not a time zone like Europe/Berlin.") % {"v": zone}
            )
    url = row.text("registration_url")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            row.problem("registration_url", _("“%(v)s” is not a web address.") % {"v": url})
    plan = {
        "slug": slug,
        "owner": row.lookup("owner", known["owners"], _("owner"), required=False),
        "title_de": row.text("title_de", required=True, max_length=200),
        "title_en": row.text("title_en", required=True, max_length=200),
        "kind": row.lookup("kind", known["kinds"], _("kind of activity")),
        "status": row.choice("status", [s.value for s in Activity.Status]),
        "all_day": row.flag("all_day"),
        "start_date": row.date("start_date", required=True),
        "start_time": row.time("start_time"),
        "end_date": row.date("end_date"),
        "end_time": row.time("end_time"),
        "timezone": zone,
        "place_de": row.text("place_de", max_length=200),
        "place_en": row.text("place_en", max_length=200),
        "registration_url": url,
        "description_de": row.text("description_de"),
        "description_en": row.text("description_en"),
        "partnerships": row.lookups(
            "partnerships", known["partnerships"], _("partnership (owner:city)")
        ),
        "focus_areas": row.lookups("focus_areas", known["focus_areas"], _("focus area")),
    }
    if not plan["partnerships"] and not row.text("partnerships"):
        row.problem("partnerships", _("is empty but required."))
    if plan["start_date"] and not row.problems_in(
        ("start_date", "end_date", "start_time", "end_time", "timezone", "kind", "status")
    ):
        trial = Activity(**_activity_fields(plan))
        try:
            trial.clean()
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    row.problem(column if column in COLUMNS["activities"] else "", message)
    return plan


def _activity_fields(plan):
    fields = {k: v for k, v in plan.items() if k not in ("partnerships", "focus_areas")}
    fields["description_de"] = plain_to_rich_text(plan["description_de"])
    fields["description_en"] = plain_to_rich_text(plan["description_en"])
    return fields


def _apply_activity(plan, report):
    activity = Activity.objects.filter(slug=plan["slug"]).first()
    fields = _activity_fields(plan)
    if activity is None:
        activity_create(
            partnerships=plan["partnerships"], focus_areas=plan["focus_areas"], **fields
        )
        report.created += 1
        return
    same = all(
        getattr(activity, k) == v for k, v in fields.items() if not k.startswith("description")
    ) and all(
        rich_text_to_plain(getattr(activity, k)) == plan[k]
        for k in ("description_de", "description_en")
    )
    same = same and {p.pk for p in activity.partnerships.all()} == {
        p.pk for p in plan["partnerships"]
    }
    same = same and {a.pk for a in activity.focus_areas.all()} == {
        a.pk for a in plan["focus_areas"]
    }
    if same:
        report.unchanged += 1
        return
    activity_update(
        activity=activity,
        partnerships=plan["partnerships"],
        focus_areas=plan["focus_areas"],
        **fields,
    )
    report.updated += 1


def _known(entity):
    partnerships = {
        f"{p.owner.slug}:{p.city.slug}": p
        for p in Partnership.objects.select_related("owner", "city")
    }
    known = {
        "owners": {a.slug: a for a in Owner.objects.all()},
        "cities": {c.slug: c for c in City.objects.all()},
        "focus_areas": {a.slug: a for a in FocusArea.objects.all()},
        "kinds": {k.slug: k for k in ActivityKind.objects.all()},
        "partnerships": partnerships,
    }
    if entity == "partnerships":
        # With their history, which the plan checks each row's additions against.
        known["partnerships_by_ids"] = {
            (p.owner_id, p.city_id): p
            for p in partnerships_annotated().prefetch_related(
                "founding_documents", "status_history", "focus_areas"
            )
        }
    return known


PLANNERS = {
    "cities": (lambda row, seen, known: _plan_city(row, seen), _apply_city),
    "partnerships": (_plan_partnership, _apply_partnership),
    "activities": (_plan_activity, _apply_activity),
}


def import_csv(entity: str, data: bytes, *, dry_run: bool) -> Report:
    """Check every row of a CSV table; unless `dry_run`, and only without problems, import
    all of them in one transaction."""
    if entity not in IMPORTABLE:
        raise ValueError(entity)
    report = Report(entity=entity, dry_run=dry_run)
    rows = _read(data, entity, report)
    if rows is None or report.problems:
        return report
    plan_row, apply_row = PLANNERS[entity]
    known = _known(entity)
    seen, seen_ids = set(), set()
    taken = {
        "geonames_id": dict(
            City.objects.exclude(geonames_id=None).values_list("geonames_id", "slug")
        ),
        "wikidata_id": dict(
            City.objects.exclude(wikidata_id=None).values_list("wikidata_id", "slug")
        ),
    }
    plans = []
    for number, values in enumerate(rows, start=2):
        row = _Row(number, values, report.problems)
        plan = plan_row(row, seen, known)
        if entity == "cities":
            _check_unique_ids(row, plan, seen_ids, taken)
        plans.append((number, plan))
    report.rows = len(plans)
    if report.problems:
        return report
    # Write inside one transaction; a dry run, or any refused row, rolls all of it back.
    try:
        with transaction.atomic():
            if entity == "cities":
                _apply_cities(plans, report)
            for number, plan in plans if entity != "cities" else ():
                try:
                    with transaction.atomic():
                        apply_row(plan, report)
                except ValidationError as error:
                    for message in error.messages:
                        report.problems.append(Problem(number, "", message))
            if dry_run or report.problems:
                raise _RollBack
    except _RollBack:
        if report.problems:
            report.created = report.updated = report.unchanged = 0
    return report


class _RollBack(Exception):
    pass


# --- Wikidata twin towns ------------------------------------------------------------------

WIKIDATA_ENTITY = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
POINT = re.compile(r"^Point\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)$")
WIKIDATA_QUERY = """SELECT DISTINCT ?twin ?labelDe ?labelEn ?countryCode ?geonames ?coord WHERE {
  wd:Q64 wdt:P190 ?twin .                      # Q64: Berlin; P190: twinned administrative body
  OPTIONAL { ?twin wdt:P17 ?country . ?country wdt:P297 ?countryCode . }
  OPTIONAL { ?twin wdt:P1566 ?geonames . }
  OPTIONAL { ?twin wdt:P625 ?coord . }
  OPTIONAL { ?twin rdfs:label ?labelDe . FILTER(LANG(?labelDe) = "de") }
  OPTIONAL { ?twin rdfs:label ?labelEn . FILTER(LANG(?labelEn) = "en") }
}"""


def _value(binding, *names):
    for name in names:
        if name in binding and isinstance(binding[name], dict):
            return str(binding[name].get("value", "")).strip()
    return ""


def import_wikidata(data: bytes, *, owner_slug: str, dry_run: bool) -> Report:
    """Partner cities of one owner from the JSON that the Wikidata query service returns for
    P190 (see WIKIDATA_QUERY). Cities are matched by Wikidata id, then by GeoNames id;
    unknown ones are added. New partnerships are marked as not verified."""
    import json

    report = Report(entity="wikidata", dry_run=dry_run)
    owner = Owner.objects.filter(slug=owner_slug).first()
    if owner is None:
        report.problems.append(Problem(0, "", _("There is no owner “%(v)s”.") % {"v": owner_slug}))
        return report
    try:
        bindings = json.loads(data.decode("utf-8"))["results"]["bindings"]
        assert isinstance(bindings, list)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AssertionError):
        report.problems.append(
            Problem(
                0, "", _("This is not the JSON of a Wikidata query result (results → bindings).")
            )
        )
        return report
    plans, seen = [], {}
    for number, binding in enumerate(bindings, start=1):
        row = _Row(number, {}, report.problems)
        twin = _value(binding, "twin", "item", "city")
        match = WIKIDATA_ENTITY.match(twin)
        if not match:
            row.problem("twin", _("“%(v)s” is not a Wikidata entity address.") % {"v": twin})
            continue
        qid = match.group(1)
        if qid in seen:
            continue  # the query service repeats a city for each extra value
        seen[qid] = number
        plan = {
            "qid": qid,
            "name_de": _value(binding, "labelDe", "twinLabelDe") or _value(binding, "twinLabel"),
            "name_en": _value(binding, "labelEn", "twinLabelEn") or _value(binding, "twinLabel"),
            "country_code": _value(binding, "countryCode").upper(),
            "geonames_id": None,
            "latitude": None,
            "longitude": None,
        }
        geonames = _value(binding, "geonames")
        if geonames:
            if geonames.isdigit():
                plan["geonames_id"] = int(geonames)
            else:
                row.problem("geonames", _("“%(v)s” is not a whole number.") % {"v": geonames})
        coord = _value(binding, "coord")
        if coord:
            point = POINT.match(coord)
            if point and -180 <= float(point[1]) <= 180 and -90 <= float(point[2]) <= 90:
                plan["longitude"] = Decimal(point[1]).quantize(Decimal("0.0001"))
                plan["latitude"] = Decimal(point[2]).quantize(Decimal("0.0001"))
            else:
                row.problem(
                    "coord", _("“%(v)s” is not a point like Point(2.35 48.85).") % {"v": coord}
                )
        plans.append((number, row, plan))
    report.rows = len(plans)
    by_qid = {c.wikidata_id: c for c in City.objects.exclude(wikidata_id=None)}
    by_geonames = {c.geonames_id: c for c in City.objects.exclude(geonames_id=None)}
    for _number, row, plan in plans:
        city = by_qid.get(plan["qid"]) or by_geonames.get(plan["geonames_id"])
        plan["city"] = city
        if city is None:
            if not plan["country_code"]:
                row.problem("countryCode", _("is empty, but a new city needs its country."))
            else:
                try:
                    validate_country_code(plan["country_code"])
                except ValidationError as error:
                    row.problem("countryCode", " ".join(error.messages))
            if not (plan["name_en"] or plan["name_de"]):
                row.problem("labelEn", _("is empty, but a new city needs a name."))
    if report.problems:
        return report
    try:
        with transaction.atomic():
            for _number, _row, plan in plans:
                _apply_twin(plan, owner, report)
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    return report


def _apply_twin(plan, owner, report):
    city = plan["city"]
    changed = False
    if city is None:
        name_en = plan["name_en"] or plan["name_de"]
        city = city_create(
            name_en=name_en,
            name_de=plan["name_de"] or name_en,
            country_code=plan["country_code"],
            latitude=plan["latitude"],
            longitude=plan["longitude"],
            geonames_id=plan["geonames_id"],
            wikidata_id=plan["qid"],
        )
        changed = True
    elif (
        city.wikidata_id != plan["qid"]
        and not City.objects.filter(wikidata_id=plan["qid"]).exists()
    ):
        _city, changed = city_update(city=city, wikidata_id=plan["qid"])
    if not Partnership.objects.filter(owner=owner, city=city).exists():
        partnership_create(
            owner=owner,
            city=city,
            verified=False,
            editor_note=_("From Wikidata (P190, %(qid)s); founding date still to be added.")
            % {"qid": plan["qid"]},
        )
        report.created += 1
    elif changed:
        report.updated += 1
    else:
        report.unchanged += 1
