"""The world map and the timeline: drawn on the server, every city a link, nothing hidden."""

import itertools
import math
import re
from pathlib import Path

import html5lib
import pytest
from django.conf import settings

from citypartners.geo import maps
from citypartners.geo.maps import city_map
from citypartners.geo.world import world_svg
from citypartners.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def _svg(html, map_id):
    start = html.index(f'aria-labelledby="{map_id}-caption"')
    return html[start : html.index("</svg>", start)]


def _points(svg):
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
    return [(float(x), float(y), float(r)) for x, y, r in circles]


@pytest.mark.parametrize("lang,paris", [("de", "Paris, Frankreich"), ("en", "Paris, France")])
def test_the_overview_map_links_every_partner_city(client, lang, paris):
    html = client.get(f"/{lang}/").content.decode()
    svg = _svg(html, "partner-map")
    state = Partnership.objects.filter(owner__slug="land-berlin", kind="partnership")
    links = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg)
    assert len(links) == state.count() == 6  # the small site's state partnerships
    assert any(label.startswith(paris) for _href, label in links)
    for href, _label in links:
        assert client.get(href).status_code == 200
    assert ">Berlin</text>" in svg and "city-map__home" in svg
    assert "world-110m.svg" in svg and "http" not in svg.split("world-110m.svg")[0][-80:]
    html5lib.HTMLParser(strict=True).parse(html)  # still valid HTML with the SVG inside


def test_no_point_hides_another(client):
    # Warsaw and Berlin lie close on the world map; the demo's crowded maps are tested too.
    for url, map_id in (("/de/", "partner-map"), ("/de/bezirke/", "boroughs-map")):
        points = _points(_svg(client.get(url).content.decode(), map_id))
        assert len(points) >= 3
        for (x1, y1, r), (x2, y2, _r) in itertools.combinations(points, 2):
            assert math.hypot(x1 - x2, y1 - y2) >= 2 * r, (url, x1, y1, x2, y2)


def test_close_cities_are_moved_apart_with_a_line_to_where_they_are():
    same_place = [(f"c{i}", f"City {i}", f"#c{i}", 4.35, 50.85) for i in range(4)]
    drawn = city_map(same_place, home=(13.4105, 52.5244))
    assert all(m.moved for m in drawn.markers[1:]) or sum(m.moved for m in drawn.markers) >= 3
    for a, b in itertools.combinations(drawn.markers, 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= 2 * drawn.radius


def test_borough_map_points_lead_to_the_table_rows(client):
    html = client.get("/de/bezirke/mitte/").content.decode()
    svg = _svg(html, "borough-map")
    targets = re.findall(r'<a href="#([^"]+)"', svg)
    assert targets
    for target in targets:
        assert f'id="{target}"' in html


def test_the_base_map_is_the_drawing_of_the_shipped_data():
    shipped = Path(settings.PROJECT_DIR) / "static/citypartners/img/world-110m.svg"
    assert shipped.read_text(encoding="utf-8") == world_svg()
    assert "<script" not in world_svg() and "http" not in world_svg().replace(
        "http://www.w3.org/2000/svg", ""
    )


@pytest.mark.parametrize(
    "lang,word", [("de", "ausgesetzt seit 2022"), ("en", "suspended since 2022")]
)
def test_the_timeline_shows_each_beginning_and_moscows_suspension(client, lang, word):
    html = client.get(f"/{lang}/").content.decode()
    start = html.index('aria-labelledby="partner-timeline-caption"')
    svg = html[start : html.index("</svg>", start)]
    dated = Partnership.objects.filter(owner__slug="land-berlin", kind="partnership").count()
    assert svg.count('class="timeline__active"') == dated
    assert svg.count('class="timeline__suspended"') == 1
    assert word in svg
    assert ">1987<" not in svg and ">1980<" in svg  # decades on the axis


def test_a_map_of_thousands_of_cities_draws_at_most_max_markers_points():
    import random

    rng = random.Random(3)
    cities = [
        (f"c{n}", f"City {n}", f"/c{n}/", rng.uniform(-10, 30), rng.uniform(35, 60))
        for n in range(5000)
    ]
    drawn = maps.city_map(cities, home=(13.4, 52.5))  # took minutes before clustering
    assert len(drawn.markers) <= maps.MAX_MARKERS
    assert sum(m.count for m in drawn.markers) == 5000  # every city is in one point
    clusters = [m for m in drawn.markers if m.count > 1]
    assert clusters and all(m.label.endswith(f"(+{m.count - 1})") for m in clusters)
    small = maps.city_map(cities[:40], home=(13.4, 52.5))
    assert len(small.markers) == 40 and all(m.count == 1 for m in small.markers)
