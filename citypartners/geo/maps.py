"""Maps of partner cities: points on the shipped base map, none hiding another.

Everything is computed on the server; the page gets a plain SVG whose points are links.
"""

import math
from dataclasses import dataclass

from .projection import HEIGHT, WIDTH, project

MIN_VIEW_WIDTH = 140.0  # map units: no closer than about Europe
POINT_RADIUS = 0.006  # of the view's width
GAP = 0.5  # of the radius, between two points
# At most this many points on one map: more cities are drawn as clusters (the nearest ones
# in a grid cell become one point labelled with the first city and how many more), so that
# the drawing's time and size stay bounded whatever the number of cities (a world-size
# boroughs overview has ten thousand).
MAX_MARKERS = 250


@dataclass
class Marker:
    key: str
    label: str
    url: str
    x: float
    y: float
    ox: float  # where the city really is
    oy: float
    count: int = 1  # cities drawn as this one point (a cluster above MAX_MARKERS)

    @property
    def moved(self):
        return abs(self.x - self.ox) > 0.01 or abs(self.y - self.oy) > 0.01


@dataclass
class CityMap:
    view: tuple[float, float, float, float]
    radius: float
    markers: list[Marker]
    home: tuple[float, float]  # the office's own city, drawn as a square
    missing: int = 0  # cities without coordinates: only in the list beside the map
    world_width: float = WIDTH
    world_height: float = HEIGHT

    @property
    def viewbox(self):
        return " ".join(f"{v:.1f}" for v in self.view)

    @property
    def stroke(self):
        return self.radius / 3

    @property
    def home_box(self):
        """The home city's square: left, top and side."""
        return (self.home[0] - self.radius, self.home[1] - self.radius, self.radius * 2)

    @property
    def label_size(self):
        return self.radius * 2.4


def _view(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width = max(x1 - x0, MIN_VIEW_WIDTH) * 1.15
    height = max(y1 - y0, width * HEIGHT / WIDTH * 0.6) * 1.15
    width = max(width, height * 1.6)  # never taller than wide
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = min(width, WIDTH), min(height, HEIGHT)
    x = min(max(cx - width / 2, 0), WIDTH - width)
    y = min(max(cy - height / 2, 0), HEIGHT - height)
    return (x, y, width, height)


def _spread(markers, fixed, distance, view):
    """Push points apart until none is closer than `distance` to another (or to the home city).

    Each round looks only at neighbours in a grid of `distance`-sized cells.
    """
    x0, y0, w, h = view
    for _round in range(300):
        grid = {}
        for index, m in enumerate(markers):
            grid.setdefault((int(m.x // distance), int(m.y // distance)), []).append(index)
        moved = False
        for i, a in enumerate(markers):
            cx, cy = int(a.x // distance), int(a.y // distance)
            near = [
                (markers[j].x, markers[j].y)
                for gx in (cx - 1, cx, cx + 1)
                for gy in (cy - 1, cy, cy + 1)
                for j in grid.get((gx, gy), ())
                if j != i
            ]
            near += [
                (fx, fy)
                for fx, fy in fixed
                if abs(fx - a.x) < distance and abs(fy - a.y) < distance
            ]
            for bx, by in near:
                dx, dy = a.x - bx, a.y - by
                gap = math.hypot(dx, dy)
                if gap >= distance:
                    continue
                if gap < 1e-6:  # the same place: go off in a direction of its own
                    angle = (i * 2.399963) % (2 * math.pi)
                    dx, dy, gap = math.cos(angle), math.sin(angle), 1.0
                push = (distance - gap) / 2 + distance * 0.01
                a.x += dx / gap * push
                a.y += dy / gap * push
                moved = True
            a.x = min(max(a.x, x0 + distance), x0 + w - distance)
            a.y = min(max(a.y, y0 + distance), y0 + h - distance)
        if not moved:
            break


def _clustered(markers, distance):
    """At most MAX_MARKERS points: cities in one grid cell become one point, with cells
    growing until few enough remain. Below the limit, ``markers`` unchanged."""
    cell = distance
    while len(markers) > MAX_MARKERS:
        cells = {}
        for m in markers:
            cells.setdefault((int(m.ox // cell), int(m.oy // cell)), []).append(m)
        merged = []
        for group in cells.values():
            if len(group) == 1:
                merged.append(group[0])
                continue
            first = min(group, key=lambda m: m.key)
            count = sum(m.count for m in group)
            x = sum(m.ox * m.count for m in group) / count
            y = sum(m.oy * m.count for m in group) / count
            label = first.label.split(" (+", 1)[0]
            name = f"{label} (+{count - 1})"
            merged.append(Marker(first.key, name, first.url, x, y, x, y, count))
        markers = sorted(merged, key=lambda m: (m.ox, m.oy, m.key))
        cell *= 2
    return markers


def city_map(cities, *, home: tuple[float, float]) -> CityMap | None:
    """`cities`: (key, label, url, longitude, latitude) for each city; None without any.

    `home`: longitude and latitude of the office's own city, the square on the map.
    """
    cities = list(cities)
    placed = [
        (key, label, url, *project(float(lon), float(lat)))
        for key, label, url, lon, lat in cities
        if lon is not None and lat is not None
    ]
    if not placed:
        return None
    home_point = project(*home)
    view = _view([(x, y) for *_rest, x, y in placed] + [home_point])
    radius = view[2] * POINT_RADIUS
    markers = [Marker(key, label, url, x, y, x, y) for key, label, url, x, y in placed]
    markers.sort(key=lambda m: (m.ox, m.oy, m.key))  # the same layout on every request
    markers = _clustered(markers, radius * (2 + GAP))
    _spread(markers, [home_point], radius * (2 + GAP), view)
    return CityMap(
        view=view,
        radius=radius,
        markers=markers,
        home=home_point,
        missing=len(cities) - len(placed),
    )
