"""The yearly report (issue 15, item 3): the partnership report for one calendar year over
all owners, in two shapes.

- For parliament (the back office's *Reports → Annual report*): every owner the account may
  report on, internal items included, with a notice's heading and preamble.
- For the public (the site's annual report pages): only what the public site shows (public,
  published activities; published partnerships; no internal item), the figures per partner
  city without the list of activities, and money only from lines an editor marked as public
  (``funding.selectors.budget_lines_public``).

What must stay true: both are ``build.build_report`` of a ``ReportQuery`` for 1 January to
31 December, so their figures are the report's own; the public one runs a fixed number of
queries whatever the data size.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citypartners.funding import selectors as money

from .build import Report, build_report
from .query import ReportQuery

FIRST_YEAR = 1950  # the first year the back office offers; the oldest partnerships' decade


def year_query(year: int, *, owners: tuple = (), internal: bool) -> ReportQuery:
    """The report's question for one calendar year."""
    return ReportQuery(
        date_from=datetime.date(year, 1, 1),
        date_to=datetime.date(year, 12, 31),
        owners=owners,
        internal=internal,
    )


def last_year() -> int:
    return timezone.localdate().year - 1


def offered_years() -> list[int]:
    """The years the back office offers, the current one first."""
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


class AnnualReportForm(forms.Form):
    """The annual report's one question: which calendar year."""

    year = forms.TypedChoiceField(label=gettext_lazy("year"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in offered_years()]


def notice(year: int, *, owners: tuple = ()) -> dict:
    """The notice's heading and preamble, in the active language. ``owners`` empty: all."""
    heading = _("Notice – for information – on the city partnerships in %(year)s") % {"year": year}
    text = _(
        "This report sets out the city partnerships in the year %(year)s: the partnerships "
        "and their status, the activities and projects with each partner city, new and ended "
        "partnerships and the money planned and spent."
    ) % {"year": year}
    if owners:
        covered = _("It covers %(owners)s, internal items included.") % {
            "owners": ", ".join(str(o) for o in owners)
        }
    else:
        covered = _("It covers all owners, internal items included.")
    return {"heading": heading, "text": f"{text} {covered}"}


@dataclass
class CityFigures:
    """One partner city's figures of the year, as the public report shows them."""

    city: object
    activities: int
    projects: int
    partnerships_new: int
    partnerships_ended: int


@dataclass
class PublicAnnualReport:
    """What the public annual report shows of a year."""

    year: int
    report: Report
    cities: list = field(default_factory=list)  # CityFigures, by the city's name
    quiet_cities: int = 0  # partner cities with nothing public in the year (not listed)
    money_total: object = None  # funding.selectors.Total of the public lines
    money_by_source: list = field(default_factory=list)  # Totals keyed (year, source)

    @property
    def has_money(self) -> bool:
        return self.money_total is not None and self.money_total.lines > 0

    @property
    def is_empty(self) -> bool:
        """Nothing happened that the public may see: no activity, project or change."""
        summary = self.report.summary
        return not any(
            summary[key]
            for key in ("activities", "projects", "partnerships_new", "partnerships_ended")
        )


def public_annual_report(year: int) -> PublicAnnualReport:
    """The public figures of one year: the report without internal items, and money from
    the lines marked public. A fixed number of queries (the report's and two for money)."""
    report = build_report(year_query(year, internal=False))
    new, ended = {}, {}
    for partnership in report.partnerships_new:
        new[partnership.city_id] = new.get(partnership.city_id, 0) + 1
    for partnership in report.partnerships_ended:
        ended[partnership.city_id] = ended.get(partnership.city_id, 0) + 1
    every = [
        CityFigures(
            city=section.city,
            activities=section.activity_count,  # also where an overview lists none
            projects=len(section.projects),
            partnerships_new=new.get(section.city.pk, 0),
            partnerships_ended=ended.get(section.city.pk, 0),
        )
        for section in report.cities
    ]
    # A partner city with nothing public in the year is counted, not listed (a row of
    # zeros each would bury the cities where something happened).
    cities = [
        c for c in every if c.activities or c.projects or c.partnerships_new or c.partnerships_ended
    ]
    partnerships = [
        facts.partnership.pk for section in report.cities for facts in section.partnerships
    ]
    filters = {
        "lines": money.budget_lines_public(),
        "first_year": year,
        "last_year": year,
        "partnerships": partnerships,
    }
    return PublicAnnualReport(
        year=year,
        report=report,
        cities=cities,
        quiet_cities=len(every) - len(cities),
        money_total=money.budget_total(**filters),
        money_by_source=money.budget_totals_by_year_and_source(**filters),
    )
