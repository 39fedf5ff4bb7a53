"""Map and timeline for the pages that list partnerships.

Per request only their inputs are gathered, from the rows the page loads anyway for its
table (``partnerships_map``, ``partnerships_timeline``: plain values, cheap); the SVG is
laid out and rendered once per change of those inputs and kept (``city_map_html``,
``timeline_html`` through core.fragments, keyed by a digest of everything they show, so it
is never stale). Numbers are formatted here, once, not by the template per point.
"""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from citypartners.core.countries import country_name
from citypartners.core.fragments import code_digest, fragment
from citypartners.core.home_city import home_city
from citypartners.geo.maps import city_map
from citypartners.geo.timeline import NARROW, WIDE, TimelineRow, partnership_timeline

MAP_TEMPLATE = "site/city_map.html"
TIMELINE_TEMPLATE = "site/timeline.html"
BASE_MAP = "citypartners/img/world-110m.svg"
# The modules whose code draws them: part of the fragments' keys.
GEO_MAPS = "citypartners.geo.maps"
GEO_TIMELINE = "citypartners.geo.timeline"


def _label(row):
    city = row.city
    if row.since:
        return _("%(city)s, %(country)s: partner since %(year)s") % {
            "city": city.name,
            "country": country_name(city.country_code),
            "year": row.since.year,
        }
    return _("%(city)s, %(country)s") % {
        "city": city.name,
        "country": country_name(city.country_code),
    }


def _float(value):
    return float(value) if value is not None else None


# --- Map ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapPoints:
    """What a map shows: (key, label, address, longitude, latitude) per city, and home."""

    cities: tuple
    home: tuple[float, float]


def partnerships_map(rows, *, link) -> MapPoints | None:
    """The map's inputs for the partner cities of `rows` (`link(row)` gives each point's
    address); None when no city has coordinates (there is nothing to draw)."""
    cities = tuple(
        (
            row.city.slug,
            _label(row),
            link(row),
            _float(row.city.longitude),
            _float(row.city.latitude),
        )
        for row in rows
    )
    if not any(lon is not None and lat is not None for *_rest, lon, lat in cities):
        return None
    return MapPoints(cities=cities, home=tuple(home_city().point))


def partnership_points_map(points, *, link) -> MapPoints | None:
    """The map's inputs for points of partnerships (partnerships.selectors.MapPoint), some of
    them several partnerships drawn as one, labelled with the first and how many more."""
    cities = tuple(
        (
            point.partnership.city.slug,
            _label(point.partnership)
            if point.count == 1
            else f"{_label(point.partnership)} (+{point.count - 1})",
            link(point.partnership),
            point.longitude,
            point.latitude,
        )
        for point in points
    )
    if not cities:
        return None
    return MapPoints(cities=cities, home=tuple(home_city().point))


def _n(value: float, places: int) -> str:
    return f"{value:.{places}f}"


# The map is as wide as the page's column, so a label of a fixed size in map units would
# shrink with the screen. The home city's name is drawn in three sizes, one per range of
# screen widths (site.css shows one): 12 CSS pixels or more at the narrowest width of each
# range, the map's column being 288, 544 and 856 pixels wide there.
LABEL_WIDTHS = (("narrow", 288.0), ("medium", 544.0))
LABEL_PIXELS = 12.5


def _label_sizes(drawn) -> list[tuple[str, float]]:
    view_width = drawn.view[2]
    sizes = [(name, view_width * LABEL_PIXELS / width) for name, width in LABEL_WIDTHS]
    return [*sizes, ("wide", drawn.label_size)]


def _render_map(points: MapPoints, *, map_id, title, caption, home_name) -> str:
    drawn = city_map(points.cities, home=points.home)
    radius, stroke = _n(drawn.radius, 3), _n(drawn.stroke, 3)
    left, top, side = drawn.home_box
    markers = [
        {
            "url": m.url,
            "label": m.label,
            "x": _n(m.x, 2),
            "y": _n(m.y, 2),
            "leader": (_n(m.ox, 2), _n(m.oy, 2)) if m.moved else None,
        }
        for m in drawn.markers
    ]
    return render_to_string(
        MAP_TEMPLATE,
        {
            "map_id": map_id,
            "map_title": title,
            "map_caption": caption,
            "home_name": home_name,
            "base_map": static(BASE_MAP),
            "viewbox": drawn.viewbox,
            "world_width": _n(drawn.world_width, 1),
            "world_height": _n(drawn.world_height, 1),
            "radius": radius,
            "stroke": stroke,
            "labels": [(name, _n(size, 3)) for name, size in _label_sizes(drawn)],
            "home": {"x": _n(left + side / 2, 2), "y": _n(top, 2), "side": _n(side, 3)},
            "home_box": {"x": _n(left, 2), "y": _n(top, 2)},
            "markers": markers,
            "missing": drawn.missing,
        },
    )


def city_map_html(points: MapPoints, *, map_id, title, caption, home_name) -> SafeString:
    """The map's figure, laid out and rendered once per change of what it shows."""
    texts = {"map_id": map_id, "title": str(title), "caption": str(caption)}
    texts["home_name"] = str(home_name)
    inputs = (points.cities, points.home, sorted(texts.items()), static(BASE_MAP))
    return fragment(
        "city-map",
        inputs,
        lambda: _render_map(points, **texts),
        code=code_digest(templates=(MAP_TEMPLATE,), modules=(GEO_MAPS, __name__)),
    )


# --- Timeline ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineBars:
    """What a timeline shows: one TimelineRow per dated partnership, and today."""

    rows: tuple
    today: datetime.date


def partnerships_timeline(rows) -> TimelineBars | None:
    """The timeline's inputs from partnerships annotated with since, current_status and
    current_status_since (and `page_url`); None when none has a date."""
    dated = tuple(
        TimelineRow(
            label=row.city.name,
            url=getattr(row, "page_url", None),
            since=row.since,
            status=row.current_status,
            status_since=row.current_status_since,
        )
        for row in rows
        if row.since
    )
    if not dated:
        return None
    return TimelineBars(rows=dated, today=timezone.localdate())


class _Bar(NamedTuple):
    label: str
    url: str | None
    status: str
    since_year: int
    status_year: int | None
    x0: str
    x1: str
    y: str
    text_y: str
    active_width: str
    rest_width: str


def _drawn_timeline(bars: TimelineBars, layout) -> dict:
    drawn = partnership_timeline(bars.rows, today=bars.today, layout=layout)
    rows = [
        _Bar(
            label=bar.label,
            url=bar.url,
            status=bar.status,
            since_year=bar.since_year,
            status_year=bar.status_year,
            x0=_n(bar.x0, 1),
            x1=_n(bar.x1, 1),
            y=_n(bar.bar_y, 1),
            text_y=_n(bar.text_y, 1),
            active_width=_n(bar.active_width, 1),
            rest_width=_n(bar.rest_width, 1),
        )
        for bar in drawn.bars
    ]
    above = drawn.names_above
    return {
        "viewbox": drawn.viewbox,
        "height": _n(drawn.height, 0),
        "label_x": _n(drawn.label_width if above else drawn.label_width - 8, 0),
        "anchor": "start" if above else "end",
        "ticks": [(_n(x, 1), str(year)) for x, year in drawn.ticks],
        "bars": rows,
    }


def _render_timeline(bars: TimelineBars, *, timeline_id, title, caption) -> str:
    # Both drawings are in the page; the style sheet shows the one that fits the screen.
    return render_to_string(
        TIMELINE_TEMPLATE,
        {
            "timeline_id": timeline_id,
            "timeline_title": title,
            "timeline_caption": caption,
            "drawings": [
                {"name": "wide", **_drawn_timeline(bars, WIDE)},
                {"name": "narrow", **_drawn_timeline(bars, NARROW)},
            ],
        },
    )


def timeline_html(bars: TimelineBars, *, timeline_id, title, caption) -> SafeString:
    """The timeline's figure, rendered once per change of what it shows (and per day)."""
    texts = {"timeline_id": timeline_id, "title": str(title), "caption": str(caption)}
    inputs = (bars.rows, bars.today, sorted(texts.items()))
    return fragment(
        "timeline",
        inputs,
        lambda: _render_timeline(bars, **texts),
        code=code_digest(templates=(TIMELINE_TEMPLATE,), modules=(GEO_TIMELINE, __name__)),
    )
