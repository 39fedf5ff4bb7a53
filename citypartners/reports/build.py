"""A partnership report assembled from its figures (selectors), in the shape every format
renders: the summary, a section per partner city, the new and ended partnerships and the
table of activities per partner city and focus area.

An activity appears under each of its partner cities the report covers; one without any
(no partnership, or only partnerships outside the report's filters) under "other
activities", so that the report holds every activity of the question exactly once per
place it belongs.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from citypartners.partnerships.models import FocusArea, PartnershipStatus

from . import selectors
from .query import ReportQuery

ENDED = PartnershipStatus.Status.ENDED


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


@dataclass
class Matrix:
    """Activities per partner city (rows) and focus area (columns), with totals."""

    cities: list
    focus_areas: list  # the columns; None for "without focus area" where any is
    counts: dict  # (city_id, focus_area_id or None) -> number

    def cell(self, city, focus_area) -> int:
        return self.counts.get((city.pk, focus_area.pk if focus_area else None), 0)

    def rows(self):
        for city in self.cities:
            yield city, [self.cell(city, area) for area in self.focus_areas]

    def column_totals(self) -> list[int]:
        return [sum(self.cell(city, area) for city in self.cities) for area in self.focus_areas]


@dataclass
class Report:
    query: ReportQuery
    made: datetime.datetime
    cities: list  # CitySection, by the city's name
    other_activities: list
    activities: list  # every activity, in date order
    projects: list
    partnerships_new: list
    partnerships_ended: list
    matrix: Matrix
    money_total: object  # funding.selectors.Total
    money_by_year_and_source: list

    @property
    def summary(self) -> dict[str, int]:
        return {
            "partner_cities": len(self.cities),
            "partnerships": sum(len(c.partnerships) for c in self.cities),
            "activities": len(self.activities),
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


def build_report(query: ReportQuery, *, made: datetime.datetime | None = None) -> Report:
    partnerships = list(selectors.report_partnerships(query))
    in_report = {p.pk for p in partnerships}
    sections: dict[int, CitySection] = {}
    facts = [_facts(partnership, query) for partnership in partnerships]
    for fact in facts:
        city = fact.partnership.city
        sections.setdefault(city.pk, CitySection(city)).partnerships.append(fact)
    activities = list(selectors.report_activities(query))
    other = []
    for activity in activities:
        cities = {p.city_id for p in activity.partnerships.all() if p.pk in in_report}
        for city_id in cities:
            sections[city_id].activities.append(activity)
        if not cities:
            other.append(activity)
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
    return Report(
        query=query,
        made=made or timezone.now(),
        cities=cities,
        other_activities=other,
        activities=activities,
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
        # The table's rows: the partner cities with an activity in the period.
        matrix=Matrix(
            [s.city for s in cities if any(k[0] == s.city.pk for k in counts)], areas, counts
        ),
        money_total=selectors.report_money_total(query, in_report),
        money_by_year_and_source=selectors.report_money_by_year_and_source(query, in_report),
    )
