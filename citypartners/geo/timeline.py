"""A timeline of partnerships: when each began, and since when it is suspended or ended."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone

WIDTH = 1000.0
LABEL_WIDTH = 190.0
ROW = 26.0
TOP = 34.0


class TimelineRow(NamedTuple):
    """One partnership on the timeline: its city's name, address, start and current status."""

    label: str
    url: str | None
    since: datetime.date
    status: str | None  # the current status
    status_since: datetime.date | None


@dataclass
class Bar:
    label: str
    url: str | None
    y: float
    x0: float
    x1: float  # end of the active part
    x2: float  # end of the bar (today, or when it ended)
    status: str  # the status after x1: suspended, ended, dormant or "" (still active)
    since_year: int
    status_year: int | None
    text_y: float

    @property
    def bar_y(self):
        return self.y + 6

    @property
    def active_width(self):
        return self.x1 - self.x0

    @property
    def rest_width(self):
        return self.x2 - self.x1 + 2

    @property
    def label_x(self):
        return LABEL_WIDTH - 8


@dataclass
class Timeline:
    bars: list[Bar]
    ticks: list[tuple[float, int]]
    height: float
    width: float = WIDTH
    label_width: float = LABEL_WIDTH

    @property
    def viewbox(self):
        return f"0 0 {self.width:.0f} {self.height:.0f}"


def partnership_timeline(rows, *, today: datetime.date | None = None) -> Timeline | None:
    """`rows`: TimelineRow (or anything with the same attributes), in any order."""
    today = today or timezone.localdate()
    dated = [r for r in rows if r.since]
    if not dated:
        return None
    first = min(r.since.year for r in dated) // 10 * 10
    last = today.year + 1
    span = WIDTH - LABEL_WIDTH - 20

    def x(day: datetime.date) -> float:
        years = (day.year - first) + (day.timetuple().tm_yday - 1) / 366
        return LABEL_WIDTH + span * years / (last - first)

    bars = []
    for index, row in enumerate(sorted(dated, key=lambda r: (r.since, r.label))):
        y = TOP + index * ROW
        stopped = row.status in ("suspended", "ended", "dormant") and row.status_since
        x0 = x(row.since)
        x1 = x(row.status_since) if stopped else x(today)
        x2 = x(row.status_since) if row.status == "ended" else x(today)
        bars.append(
            Bar(
                label=row.label,
                url=row.url,
                y=y,
                x0=x0,
                x1=max(x1, x0 + 2),
                x2=max(x2, x1),
                status=row.status if stopped else "",
                since_year=row.since.year,
                status_year=row.status_since.year if stopped else None,
                text_y=y + ROW * 0.62,
            )
        )
    ticks = [(x(datetime.date(year, 1, 1)), year) for year in range(first, last + 1, 10)]
    return Timeline(bars=bars, ticks=ticks, height=TOP + len(bars) * ROW + 8)
