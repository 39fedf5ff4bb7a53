"""Every figure of a partnership report recounted from the database independently: plain
loops over all records, not the selectors' queries (issue 15, "numbers you can trust")."""

import datetime

import pytest
from django.utils import timezone

from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Project
from citypartners.reports.build import build_report
from citypartners.reports.query import ReportQuery

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)


def _instant(day):
    return datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())


def _status_on(partnership, day):
    changes = sorted(
        (c for c in partnership.status_history.all() if c.valid_from <= day),
        key=lambda c: (c.valid_from, c.pk),
    )
    return changes[-1].status if changes else None


def _expected_partnerships(q):
    found = set()
    for p in Partnership.objects.all():
        if not q.internal and not (p.live and p.city.live):
            continue
        if q.owners and p.owner not in q.owners:
            continue
        if q.cities and p.city not in q.cities:
            continue
        if q.focus_areas and not set(p.focus_areas.all()) & set(q.focus_areas):
            continue
        shown = [d for d in p.founding_documents.all() if d.is_shown]
        if shown and shown[0].date > q.date_to:
            continue
        if _status_on(p, q.date_from) == "ended" and not any(
            q.date_from < c.valid_from <= q.date_to and c.status != "ended"
            for c in p.status_history.all()
        ):
            continue
        found.add(p.pk)
    return found


def _expected_activities(q):
    start, end = _instant(q.date_from), _instant(q.date_to + datetime.timedelta(days=1))
    found = set()
    for a in Activity.objects.all():
        if not (a.ends_at > start and a.starts_at < end):
            continue
        if not q.internal and not (a.live and a.is_public):
            continue
        if q.owners and a.owner not in q.owners:
            continue
        if q.cities and not {p.city for p in a.partnerships.all()} & set(q.cities):
            continue
        if q.focus_areas and not set(a.focus_areas.all()) & set(q.focus_areas):
            continue
        if q.kinds and a.kind not in q.kinds:
            continue
        found.add(a.pk)
    return found


def _expected_counts(q):
    partnerships = _expected_partnerships(q)
    counts = {}
    for a in Activity.objects.filter(pk__in=_expected_activities(q)):
        cities = {p.city_id for p in a.partnerships.all() if p.pk in partnerships}
        areas = [f.pk for f in a.focus_areas.all()] or [None]
        if q.focus_areas:
            areas = [f for f in areas if f in {x.pk for x in q.focus_areas}]
        for city in cities:
            for area in areas:
                counts[(city, area)] = counts.get((city, area), 0) + 1
    return counts


def _queries(records):
    return [
        ReportQuery(START, END),
        ReportQuery(START, END, internal=True),
        ReportQuery(START, END, owners=(records["mitte"],), internal=True),
        ReportQuery(START, END, cities=(City.objects.get(slug="warsaw"),)),
        ReportQuery(START, END, focus_areas=(records["culture"],), internal=True),
        ReportQuery(START, END, kinds=(records["exchange"],)),
        ReportQuery(datetime.date(2022, 1, 1), datetime.date(2022, 1, 1), internal=True),
    ]


def test_a_report_holds_every_activity_of_its_question_and_nothing_else(period_records):
    for q in _queries(period_records):
        report = build_report(q)
        assert {a.pk for a in report.activities} == _expected_activities(q), q
        placed = {a.pk for section in report.cities for a in section.activities}
        placed |= {a.pk for a in report.other_activities}
        assert placed == _expected_activities(q), q


def test_the_internal_items_are_in_a_report_only_when_asked_for(period_records):
    public = build_report(ReportQuery(START, END))
    internal = build_report(ReportQuery(START, END, internal=True))
    assert all(a.is_public and a.live for a in public.activities)
    assert {a.pk for a in internal.activities} > {a.pk for a in public.activities}


def test_a_report_covers_the_partnerships_in_force_in_the_period(period_records):
    for q in _queries(period_records):
        report = build_report(q)
        shown = {f.partnership.pk for s in report.cities for f in s.partnerships}
        assert shown == _expected_partnerships(q), q
        assert report.summary["partnerships"] == len(shown)
        assert report.summary["partner_cities"] == len(
            {Partnership.objects.get(pk=pk).city_id for pk in shown}
        )


def test_new_and_ended_partnerships_are_those_founded_and_ended_in_the_period(period_records):
    q = ReportQuery(START, END, internal=True)
    report = build_report(q)
    in_report = _expected_partnerships(q)
    new = {
        p.pk
        for p in Partnership.objects.filter(pk__in=in_report)
        if any(d.is_shown and START <= d.date <= END for d in p.founding_documents.all())
    }
    ended = {
        p.pk
        for p in Partnership.objects.filter(pk__in=in_report)
        if any(c.status == "ended" and START <= c.valid_from <= END for c in p.status_history.all())
    }
    assert {p.pk for p in report.partnerships_new} == new and new
    assert {p.pk for p in report.partnerships_ended} == ended and ended


def test_the_projects_are_those_running_in_the_period(period_records):
    for q in _queries(period_records):
        report = build_report(q)
        partnerships = _expected_partnerships(q)
        expected = set()
        for project in Project.objects.all():
            if project.status == "dropped" or (not q.internal and project.status == "proposed"):
                continue
            if project.start_date and project.start_date > q.date_to:
                continue
            if project.end_date and project.end_date < q.date_from:
                continue
            if q.owners and project.owner not in q.owners:
                continue
            if q.focus_areas and not set(project.focus_areas.all()) & set(q.focus_areas):
                continue
            if not {p.pk for p in project.partnerships.all()} & partnerships:
                continue
            expected.add(project.pk)
        assert {p.pk for p in report.projects} == expected, q


def test_the_city_and_focus_area_table_counts_each_activity_once_per_city_and_area(
    period_records,
):
    for q in _queries(period_records):
        report = build_report(q)
        expected = _expected_counts(q)
        assert {k: v for k, v in report.matrix.counts.items() if v} == expected, q
        total = sum(sum(cells) for _city, cells in report.matrix.rows())
        assert total == sum(expected.values())


def test_a_report_runs_as_many_queries_whatever_the_number_of_records(
    period_records, django_assert_max_num_queries
):
    q = ReportQuery(START, END, internal=True)
    with django_assert_max_num_queries(30) as few:
        build_report(q)
    for day in range(40):
        ActivityFactory(start_date=START + datetime.timedelta(days=day * 7))
    with django_assert_max_num_queries(len(few.captured_queries)):
        build_report(q)
