"""The CSV import writes partnerships and their history through the same services as the
back office: the same rows, the same rule, the same message."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.opendata.imports import import_csv
from citypartners.opendata.tables import COLUMNS, csv_text
from citypartners.partnerships.models import FoundingDocument, Partnership, PartnershipStatus
from citypartners.partnerships.services import (
    DocumentData,
    StatusData,
    partnership_create,
    partnership_history_add,
)
from citypartners.partnerships.tests.factories import CityFactory, OwnerFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HISTORY = ("kind", "date", "date_precision", "is_shown", "source", "note_de", "note_en")


def _csv(*rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS["partnerships"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"kind": "partnership", "verified": "1", "since_precision": "day", **row})
    return out.getvalue().encode()


def _row(partnership, **values):
    return {"owner": partnership.owner.slug, "city": partnership.city.slug, **values}


def _documents(partnership):
    return list(partnership.founding_documents.order_by("date", "pk").values_list(*HISTORY))


def _statuses(partnership):
    return list(partnership.status_history.values_list("status", "valid_from"))


def _pair():
    """Two partnerships with the same history: one for the import, one for the service."""
    made = []
    for _ in range(2):
        made.append(
            partnership_create(
                owner=OwnerFactory(),
                city=CityFactory(),
                documents=[DocumentData(kind="agreement", date=D(2000, 1, 1), is_shown=True)],
                statuses=[StatusData(status="active", valid_from=D(2000, 1, 1))],
            )
        )
    return made


def test_a_new_partnership_gets_the_history_the_service_gives_it():
    owner, city, twin_city = OwnerFactory(), CityFactory(), CityFactory()
    report = import_csv(
        "partnerships",
        _csv(
            {
                "owner": owner.slug,
                "city": city.slug,
                "since": "1995-06-01",
                "since_precision": "month",
                "status": "dormant",
                "status_since": "2010-01-01",
            }
        ),
        dry_run=False,
    )
    assert report.ok and report.created == 1, [str(p) for p in report.problems]
    imported = Partnership.objects.get(owner=owner, city=city)
    twin = partnership_create(
        owner=owner,
        city=twin_city,
        documents=[
            DocumentData(
                kind="document",
                date=D(1995, 6, 1),
                date_precision="month",
                is_shown=True,
                source=imported.founding_documents.get().source,
            )
        ],
        statuses=[StatusData(status="dormant", valid_from=D(2010, 1, 1))],
    )
    assert imported.founding_documents.get().source  # where the date comes from: the import
    assert _documents(imported) == _documents(twin)
    assert _statuses(imported) == _statuses(twin)


def test_a_new_founding_date_takes_the_mark_as_the_service_does_and_is_logged():
    imported, twin = _pair()
    report = import_csv(
        "partnerships",
        _csv(_row(imported, since="2001-02-03", status="active", status_since="2000-01-01")),
        dry_run=False,
    )
    assert report.ok and report.updated == 1, [str(p) for p in report.problems]
    source = imported.founding_documents.get(is_shown=True).source
    partnership_history_add(
        partnership=twin,
        documents=[DocumentData(kind="document", date=D(2001, 2, 3), is_shown=True, source=source)],
    )
    assert _documents(imported) == _documents(twin)
    assert [d[1:4] for d in _documents(imported)] == [
        (D(2000, 1, 1), "day", False),
        (D(2001, 2, 3), "day", True),
    ]
    assert _statuses(imported) == _statuses(twin) == [("active", D(2000, 1, 1))]
    assert ModelLogEntry.objects.filter(object_id=str(imported.pk), action="wagtail.edit").exists()


def _service_message(partnership, **history):
    with pytest.raises(ValidationError) as error:
        partnership_history_add(partnership=partnership, **history)
    return error.value.messages


def test_a_status_change_before_the_first_document_is_refused_with_the_services_message():
    imported, twin = _pair()
    expected = _service_message(
        twin, statuses=[StatusData(status="suspended", valid_from=D(1999, 12, 31))]
    )
    before = (FoundingDocument.objects.count(), PartnershipStatus.objects.count())
    report = import_csv(
        "partnerships",
        _csv(_row(imported, since="2000-01-01", status="suspended", status_since="1999-12-31")),
        dry_run=False,
    )
    assert not report.ok
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (2, "status_since", expected[0])
    ]
    assert (FoundingDocument.objects.count(), PartnershipStatus.objects.count()) == before


def test_the_rule_looks_at_the_whole_history_not_only_at_the_rows_own_date():
    # The partnership began in 2000 (its earliest document): a status change of 2001 is
    # fine even when the row brings a later founding date, one of 1999 is not.
    imported, _twin = _pair()
    report = import_csv(
        "partnerships",
        _csv(_row(imported, since="2003-01-01", status="dormant", status_since="2001-06-01")),
        dry_run=False,
    )
    assert report.ok, [str(p) for p in report.problems]
    assert ("dormant", D(2001, 6, 1)) in _statuses(imported)
    report = import_csv(
        "partnerships",
        _csv(_row(imported, since="2003-01-01", status="ended", status_since="1999-01-01")),
        dry_run=True,
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "status_since")]
    assert "1999-01-01" in report.problems[0].message


def test_a_new_partnership_breaking_the_rule_is_refused_with_the_message_of_partnership_create():
    owner, city = OwnerFactory(), CityFactory()
    with pytest.raises(ValidationError) as error:
        partnership_create(
            owner=owner,
            city=CityFactory(),
            documents=[DocumentData(kind="document", date=D(2000, 1, 1), is_shown=True)],
            statuses=[StatusData(status="active", valid_from=D(1999, 1, 1))],
        )
    report = import_csv(
        "partnerships",
        _csv(
            {
                "owner": owner.slug,
                "city": city.slug,
                "since": "2000-01-01",
                "status": "active",
                "status_since": "1999-01-01",
            }
        ),
        dry_run=False,
    )
    assert [(p.column, p.message) for p in report.problems] == [
        ("status_since", error.value.messages[0])
    ]
    assert not Partnership.objects.filter(owner=owner).exists()


def test_the_same_file_twice_changes_nothing_even_with_a_change_still_to_come():
    imported, _twin = _pair()
    future = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    data = _csv(_row(imported, since="2000-01-01", status="ended", status_since=future))
    dry = import_csv("partnerships", data, dry_run=True)
    assert dry.ok and dry.updated == 1 and _statuses(imported) == [("active", D(2000, 1, 1))]
    first = import_csv("partnerships", data, dry_run=False)
    assert first.updated == 1
    history = (_documents(imported), _statuses(imported))
    assert len(history[1]) == 2
    again = import_csv("partnerships", data, dry_run=False)
    assert again.ok and again.unchanged == 1 and again.updated == 0
    assert (_documents(imported), _statuses(imported)) == history


def test_the_downloaded_table_imports_unchanged():
    report = import_csv("partnerships", csv_text("partnerships").encode(), dry_run=False)
    assert report.ok and report.unchanged == report.rows and report.rows > 0


def test_an_imported_change_of_dates_moves_the_activity_instants():
    activity = ActivityFactory(start_date=datetime.date(2030, 5, 4))
    rows = list(csv.DictReader(io.StringIO(csv_text("activities"))))
    row = next(r for r in rows if r["slug"] == activity.slug)
    row["start_date"] = "2031-01-10"
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS["activities"], lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    revisions = activity.revisions.count()
    report = import_csv("activities", out.getvalue().encode(), dry_run=False)
    assert report.ok and report.updated == 1, [str(p) for p in report.problems]
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.starts_at == datetime.datetime(2031, 1, 9, 23, 0, tzinfo=datetime.UTC)
    assert activity.revisions.count() == revisions + 1 and activity.live
