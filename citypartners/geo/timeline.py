"""A timeline of partnerships: when each began, and since when it is suspended or ended."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.utils import timezone

WIDTH = 1000.0
LABEL_WIDTH = 190.0
ROW = 26.0
TOP = 34.0


@dataclass(frozen=True)
class Layout:
    """Where a timeline puts its parts, in its own units."""

    width: float
    label_width: float  # left of the bars
    row: float
    top: float
    bar_offset: float  # from a row's top
    text_offset: float
    right: float = 20.0  # space right of the bars
    decade_step: int = 10  # the years labelled
    names_above: bool = False  # each city's name above its bar, else left of it


# Beside each other on a wide screen; on a narrow one (about 288 units, drawn about 1:1 at
# 320 CSS pixels, so that its 13-unit names stay 12 pixels or more) the name above its bar.
WIDE = Layout(
    width=WIDTH, label_width=LABEL_WIDTH, row=ROW, top=TOP, bar_offset=6, text_offset=ROW * 0.62
)
NARROW = Layout(
    width=288.0,
    label_width=16.0,
    row=36.0,
    top=30.0,
    bar_offset=19,
    text_offset=14,
    right=16.0,
    decade_step=20,
    names_above=True,
)


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
    bar_y: float
    x0: float
    x1: float  # end of the active part
    x2: float  # end of the bar (today, or when it ended)
    status: str  # the status after x1: suspended, ended, dormant or "" (still active)
    since_year: int
    status_year: int | None
    text_y: float

    @property
    def active_width(self):
        return self.x1 - self.x0

    @property
    def rest_width(self):
        return self.x2 - self.x1 + 2


@dataclass
class Timeline:
    bars: list[Bar]
    ticks: list[tuple[float, int]]
    height: float
    width: float = WIDTH
    label_width: float = LABEL_WIDTH
    names_above: bool = False  # each name above its bar (narrow), else left of it

    @property
    def viewbox(self):
        return f"0 0 {self.width:.0f} {self.height:.0f}"


def partnership_timeline(
    rows, *, today: datetime.date | None = None, layout: Layout = WIDE
) -> Timeline | None:
    """`rows`: TimelineRow (or anything with the same attributes), in any order."""
    today = today or timezone.localdate()
    dated = [r for r in rows if r.since]
    if not dated:
        return None
    first = min(r.since.year for r in dated) // 10 * 10
    last = today.year + 1
    span = layout.width - layout.label_width - layout.right

    def x(day: datetime.date) -> float:
        years = (day.year - first) + (day.timetuple().tm_yday - 1) / 366
        return layout.label_width + span * years / (last - first)

    bars = []
    for index, row in enumerate(sorted(dated, key=lambda r: (r.since, r.label))):
        y = layout.top + index * layout.row
        stopped = row.status in ("suspended", "ended", "dormant") and row.status_since
        x0 = x(row.since)
        x1 = x(row.status_since) if stopped else x(today)
        x2 = x(row.status_since) if row.status == "ended" else x(today)
        bars.append(
            Bar(
                label=row.label,
                url=row.url,
                y=y,
                bar_y=y + layout.bar_offset,
                x0=x0,
                x1=max(x1, x0 + 2),
                x2=max(x2, x1),
                status=row.status if stopped else "",
                since_year=row.since.year,
                status_year=row.status_since.year if stopped else None,
                text_y=y + layout.text_offset,
            )
        )
    # Counted back from the latest decade, so that it is always labelled.
    latest = last // 10 * 10
    years = range(latest, first - 1, -layout.decade_step)
    ticks = [(x(datetime.date(year, 1, 1)), year) for year in reversed(years)]
    return Timeline(
        bars=bars,
        ticks=ticks,
        height=layout.top + len(bars) * layout.row + 8,
        width=layout.width,
        label_width=layout.label_width,
        names_above=layout.names_above,
    )
