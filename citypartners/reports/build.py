"""A partnership report assembled from its figures (selectors), in the shape every format
renders: the summary, a section per partner city, the new and ended partnerships and the
table of activities per partner city and focus area.

An activity appears under each of its partner cities the report covers; one without any
(no partnership, or only partnerships outside the report's filters) under "other
activities", so that the report holds every activity of the question exactly once per
place it belongs.

A report comes in one of two editions. The full edition lists every activity and a section
per partner city. A question too large to be read (and printed) that way, such as every
partner of a city with thousands of partnerships over a year, gets the overview edition:
the same figures, complete, per owner and for the partner cities with the most activities,
and no list of single activities; the spreadsheet always holds everything, and the report
of one partner city is one filter away.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from citypartners.partnerships.models import FocusArea, PartnershipStatus

from . import selectors
from .query import ReportQuery

ENDED = PartnershipStatus.Status.ENDED
ZERO = Decimal("0.00")

FULL = "full"
OVERVIEW = "overview"
# The spreadsheet's: every list, the activities read in chunks while they are written (a
# world-size year's 30,000 activities held at once took a worker past 800 MB).
SPREADSHEET = "spreadsheet"
# A report whose full edition would run longer than this is made as its overview: a PDF of
# hundreds of pages is read by nobody, and WeasyPrint lays out about five pages a second on
# this machine's two cores (measured with the generated world: docs/benchmarks.md).
FULL_MAX_PAGES = 150
ACTIVITIES_PER_PAGE = 11  # a row each, with its organisations and focus areas
PAGES_PER_PARTNER_CITY = 0.4  # its heading, partnerships, money and projects
# The partner cities an overview shows one by one: those with the most activities.
OVERVIEW_CITIES = 100


@dataclass
class PartnershipFacts:
    partnership: object
    since: object  # the founding document shown, or None
    documents: list
    status_at_start: str | None  # in force on the period's first day (None: none recorded)
    changes: list  # status changes within the period, in order

    @property
    def status_at_start_label(self) -> str:
        if self.status_at_start is None:
            return ""
        return str(PartnershipStatus.Status(self.status_at_start).label)


@dataclass
class CitySection:
    city: object
    partnerships: list = field(default_factory=list)  # PartnershipFacts
    activities: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    money: list = field(default_factory=list)  # Totals keyed (city id, year, source)
    activity_count: int = 0  # each activity once, however many partnerships it names

    @property
    def planned(self) -> Decimal:
        return sum((t.planned for t in self.money), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((t.spent for t in self.money), ZERO)


@dataclass
class OwnerFigures:
    """One owner's part of the report: its partnerships in the report, the activities and
    projects it keeps, and the money of its lines."""

    owner: object  # None: records without an owner (the state's)
    partnerships: int = 0
    activities: int = 0
    projects: int = 0
    planned: Decimal = ZERO
    spent: Decimal = ZERO


@dataclass
class Matrix:
    """Activities per partner city (rows) and focus area (columns), with totals."""

    cities: list  # the rows shown: every city with an activity, or the overview's
    focus_areas: list  # the columns; None for "without focus area" where any is
    counts: dict  # (city_id, focus_area_id or None) -> number, for every city
    cities_with_activity: int = 0

    def cell(self, city, focus_area) -> int:
        return self.counts.get((city.pk, focus_area.pk if focus_area else None), 0)

    def rows(self):
        for city in self.cities:
            yield city, [self.cell(city, area) for area in self.focus_areas]

    @property
    def complete(self) -> bool:
        return len(self.cities) == self.cities_with_activity

    def column_totals(self) -> list[int]:
        """Per focus area, over every partner city (also those an overview leaves out)."""
        totals = {}
        for (_city, area), n in self.counts.items():
            totals[area] = totals.get(area, 0) + n
        return [totals.get(area.pk if area else None, 0) for area in self.focus_areas]


class ActivitiesRead:
    """The question's activities in date order, read anew in chunks each time they are
    iterated: what the spreadsheet writes row by row."""

    def __init__(self, query: ReportQuery):
        self.query = query

    def __iter__(self):
        return selectors.report_activities(self.query).iterator(chunk_size=500)


@dataclass
class Report:
    query: ReportQuery
    made: datetime.datetime
    edition: str  # FULL, OVERVIEW or SPREADSHEET
    cities: list  # CitySection, by the city's name
    other_activities: list  # the full edition's; an overview only counts them
    other_activity_count: int
    activities: object  # every activity in date order: the full edition's list, the
    # spreadsheet's ActivitiesRead, none in an overview
    activity_count: int
    projects: list
    partnerships_new: list
    partnerships_ended: list
    matrix: Matrix
    money_total: object  # funding.selectors.Total
    money_by_year_and_source: list
    owners: list  # OwnerFigures, in the owners' order

    @property
    def is_full(self) -> bool:
        return self.edition == FULL

    @property
    def cities_by_activity(self) -> list:
        """The overview's partner cities: those with the most activities, then by name."""
        ranked = sorted(self.cities, key=lambda s: (-s.activity_count, s.city.name, s.city.pk))
        return ranked[:OVERVIEW_CITIES]

    @property
    def summary(self) -> dict[str, int]:
        return {
            "partner_cities": len(self.cities),
            "partnerships": sum(len(c.partnerships) for c in self.cities),
            "activities": self.activity_count,
            "projects": len(self.projects),
            "partnerships_new": len(self.partnerships_new),
            "partnerships_ended": len(self.partnerships_ended),
        }


def _facts(partnership, query: ReportQuery) -> PartnershipFacts:
    documents = list(partnership.founding_documents.all())
    history = list(partnership.status_history.all())
    before = [c for c in history if c.valid_from <= query.date_from]
    return PartnershipFacts(
        partnership=partnership,
        since=next((d for d in documents if d.is_shown), None),
        documents=documents,
        status_at_start=before[-1].status if before else None,
        changes=[c for c in history if query.date_from < c.valid_from <= query.date_to],
    )


def estimated_pages(*, activities: int, partner_cities: int) -> float:
    """The printed length of a full edition, roughly (measured on generated reports of 200
    to 300 pages)."""
    return activities / ACTIVITIES_PER_PAGE + partner_cities * PAGES_PER_PARTNER_CITY


def choose_edition(*, activities: int, partner_cities: int) -> str:
    pages = estimated_pages(activities=activities, partner_cities=partner_cities)
    return FULL if pages <= FULL_MAX_PAGES else OVERVIEW


def _owner_figures(facts, projects, activity_counts, money_totals) -> list[OwnerFigures]:
    """Per owner: the report's partnerships, projects, activities (counted by
    ``selectors.report_activity_counts_by_owner``) and money (``report_money_by_owner``)."""
    owners: dict = {}

    def of(owner) -> OwnerFigures:
        return owners.setdefault(owner.pk if owner is not None else None, OwnerFigures(owner))

    for fact in facts:
        of(fact.partnership.owner).partnerships += 1
    for project in projects:
        of(project.owner).projects += 1
    for owner, n in activity_counts.items():
        of(owner).activities = n
    for total in money_totals:
        figures = of(total.key)
        figures.planned, figures.spent = total.planned, total.spent
    return sorted(
        owners.values(),
        key=lambda f: (f.owner is not None, f.owner.sort_order if f.owner else 0, str(f.owner)),
    )


def build_report(
    query: ReportQuery, *, made: datetime.datetime | None = None, edition: str | None = None
) -> Report:
    """The report of ``query``: the ``edition`` asked, or the one its size calls for
    (``choose_edition``). The spreadsheet asks for the full edition whatever the size."""
    partnerships = list(selectors.report_partnerships(query))
    in_report = {p.pk for p in partnerships}
    sections: dict[int, CitySection] = {}
    facts = [_facts(partnership, query) for partnership in partnerships]
    for fact in facts:
        city = fact.partnership.city
        sections.setdefault(city.pk, CitySection(city)).partnerships.append(fact)
    activity_count = selectors.report_activity_count(query)
    if edition is None:
        edition = choose_edition(activities=activity_count, partner_cities=len(sections))
    activities, other = [], []
    if edition == FULL:
        activities = list(selectors.report_activities(query))
        for activity in activities:
            cities = {p.city_id for p in activity.partnerships.all() if p.pk in in_report}
            for city_id in cities:
                sections[city_id].activities.append(activity)
            if not cities:
                other.append(activity)
        for section in sections.values():
            section.activity_count = len(section.activities)
        other_count = len(other)
    else:
        for city_id, n in selectors.report_activity_counts_by_city(query).items():
            sections[city_id].activity_count = n
        other_count = selectors.report_other_activity_count(query)
        if edition == SPREADSHEET:
            activities = ActivitiesRead(query)
    projects = list(selectors.report_projects(query))
    for project in projects:
        for city_id in {p.city_id for p in project.partnerships.all() if p.pk in in_report}:
            sections[city_id].projects.append(project)
    for city_id, totals in selectors.report_money_by_city(query, in_report).items():
        if city_id in sections:
            sections[city_id].money = totals
    cities = sorted(sections.values(), key=lambda s: (s.city.name, s.city.pk))
    counts = selectors.report_activity_counts(query)
    used = {area for (_city, area) in counts}
    areas = [a for a in FocusArea.objects.all() if a.pk in used]
    if None in used:
        areas.append(None)
    with_activity = {city_id for (city_id, _area) in counts}
    report = Report(
        query=query,
        made=made or timezone.now(),
        edition=edition,
        cities=cities,
        other_activities=other,
        other_activity_count=other_count,
        activities=activities,
        activity_count=activity_count,
        projects=projects,
        # Read off the partnerships' documents and history, already loaded.
        partnerships_new=[
            f.partnership
            for f in facts
            if f.since is not None and query.date_from <= f.since.date <= query.date_to
        ],
        partnerships_ended=[
            f.partnership
            for f in facts
            if any(
                c.status == ENDED and query.date_from <= c.valid_from <= query.date_to
                for c in f.partnership.status_history.all()
            )
        ],
        # The table's rows: the partner cities with an activity in the period (an
        # overview's: the most active of them).
        matrix=Matrix([], areas, counts, cities_with_activity=len(with_activity)),
        money_total=selectors.report_money_total(query, in_report),
        money_by_year_and_source=selectors.report_money_by_year_and_source(query, in_report),
        owners=_owner_figures(
            facts,
            projects,
            selectors.report_activity_counts_by_owner(query),
            selectors.report_money_by_owner(query, in_report),
        ),
    )
    shown = report.cities_by_activity if edition == OVERVIEW else report.cities
    report.matrix.cities = [s.city for s in shown if s.city.pk in with_activity]
    return report
