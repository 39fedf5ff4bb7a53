"""The base map: country outlines from the shipped Natural Earth TopoJSON, drawn as SVG."""

import json
from pathlib import Path

from .projection import HEIGHT, WIDTH, project

DATA = Path(__file__).parent / "data" / "countries-110m.json"
ANTARCTICA = "010"


def _arcs(topology):
    """Decode the delta-encoded, quantized arcs into longitude/latitude lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _path(ring):
    # Rings that cross the antimeridian would draw a line across the map: split them there.
    parts, current, last_lon = [], [], None
    for lon, lat in ring:
        if last_lon is not None and abs(lon - last_lon) > 180:
            parts.append(current)
            current = []
        current.append(project(lon, lat))
        last_lon = lon
    parts.append(current)
    out = []
    for part in parts:
        if len(part) < 2:
            continue
        head, *rest = part
        out.append(f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest))
    return "".join(out) + ("Z" if len(parts) == 1 else "")


def world_svg() -> str:
    """The complete base map as an SVG document (countries, graticule-free, no text)."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue  # no partner cities there; the map is shorter without it
        rings = [_ring(arcs, ring) for polygon in _polygons(geometry) for ring in polygon]
        d = "".join(_path(ring) for ring in rings)
        if d:
            paths.append(d)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.1f}" '
        f'width="{WIDTH:.0f}" height="{HEIGHT:.1f}">'
        f'<path fill="#dfe6e9" stroke="#ffffff" stroke-width="0.5" d="{"".join(paths)}"/>'
        "</svg>\n"
    )


def world_rings() -> list[list[tuple[float, float]]]:
    """The countries' outlines in map units (as world_svg draws them), for raster images:
    each ring split where it crosses the antimeridian."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    rings = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        for polygon in _polygons(geometry):
            for indexes in polygon:
                current, last_lon = [], None
                for lon, lat in _ring(arcs, indexes):
                    if last_lon is not None and abs(lon - last_lon) > 180:
                        rings.append(current)
                        current = []
                    current.append(project(lon, lat))
                    last_lon = lon
                rings.append(current)
    return [ring for ring in rings if len(ring) >= 3]
