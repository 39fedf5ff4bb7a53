"""The map and the timeline are drawn once per change, not per request, and are never stale.

The builders are spied on (mock.patch with ``wraps``): a second render of the same page
draws nothing, and an edit to what a figure shows makes the next render draw it again, in
each language, with the page cache switched off (as in these settings).
"""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from citypartners.geo import maps as geo_maps
from citypartners.geo import timeline as geo_timeline
from citypartners.partnerships.models import City, Partnership
from citypartners.partnerships.tests.factories import PartnershipStatusFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spies():
    with (
        mock.patch("citypartners.site.maps.city_map", wraps=geo_maps.city_map) as drawn_map,
        mock.patch(
            "citypartners.site.maps.partnership_timeline",
            wraps=geo_timeline.partnership_timeline,
        ) as drawn_timeline,
    ):
        yield drawn_map, drawn_timeline


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


# The timeline is laid out twice per drawing: for wide and for narrow screens.
LAYOUTS = 2


def test_the_page_cache_is_off_here(settings):
    # What follows is about the figures' own cache, which must work without the page cache.
    assert settings.PAGE_CACHE_ENABLED is False


def test_a_second_render_of_the_overview_draws_neither_map_nor_timeline(client, spies):
    drawn_map, drawn_timeline = spies
    first = client.get("/en/").content
    assert (drawn_map.call_count, drawn_timeline.call_count) == (1, LAYOUTS)
    second = client.get("/en/").content
    assert (drawn_map.call_count, drawn_timeline.call_count) == (1, LAYOUTS)
    assert first == second


def test_each_language_has_its_own_figures(client, spies):
    drawn_map, drawn_timeline = spies
    english = _soup(client, "/en/")
    german = _soup(client, "/de/")
    assert (drawn_map.call_count, drawn_timeline.call_count) == (2, 2 * LAYOUTS)
    assert english.select_one("#partner-map-title").get_text() == "Partner cities of Berlin"
    assert german.select_one("#partner-map-title").get_text() == "Partnerstädte von Berlin"
    assert english.select_one('.city-map__city[aria-label^="Moscow"]') is not None
    assert german.select_one('.city-map__city[aria-label^="Moskau"]') is not None
    assert "Warsaw" in english.select_one("figure.timeline").get_text()
    assert "Warschau" in german.select_one("figure.timeline").get_text()


def test_a_status_change_redraws_the_timeline_at_once(client, spies):
    drawn_map, drawn_timeline = spies
    before = _soup(client, "/en/").select_one("figure.timeline")
    assert before.select(".timeline__ended") == []
    paris = Partnership.objects.get(city__slug="paris")
    PartnershipStatusFactory(
        partnership=paris, status="ended", valid_from=datetime.date(2020, 1, 1)
    )
    after = _soup(client, "/en/").select_one("figure.timeline")
    assert drawn_timeline.call_count == 2 * LAYOUTS
    ended = after.select_one(".timeline__ended title").get_text()
    assert ended == "Paris: ended in 2020"


def test_a_renamed_city_is_renamed_on_the_map_at_once(client, spies):
    drawn_map, _drawn_timeline = spies
    _soup(client, "/en/")
    City.objects.filter(slug="paris").update(name_en="Lutetia")
    after = _soup(client, "/en/")
    assert drawn_map.call_count == 2
    labels = [a["aria-label"] for a in after.select(".city-map__city")]
    assert any(label.startswith("Lutetia, France") for label in labels), labels
    assert not any(label.startswith("Paris,") for label in labels)


def test_a_moved_city_moves_on_the_map_at_once(client, spies):
    _soup(client, "/en/")
    point = _soup(client, "/en/").select_one('.city-map__city[aria-label^="Paris"] circle')
    City.objects.filter(slug="paris").update(latitude="40.0", longitude="-30.0")
    moved = _soup(client, "/en/").select_one('.city-map__city[aria-label^="Paris"] circle')
    assert (moved["cx"], moved["cy"]) != (point["cx"], point["cy"])


def test_a_new_day_redraws_the_timeline(client, spies):
    _drawn_map, drawn_timeline = spies
    _soup(client, "/en/")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with mock.patch("citypartners.site.maps.timezone.localdate", return_value=tomorrow):
        _soup(client, "/en/")
    assert drawn_timeline.call_count == 2 * LAYOUTS


def test_the_boroughs_map_is_drawn_once_per_change(client, spies):
    drawn_map, _drawn_timeline = spies
    _soup(client, "/en/boroughs/")
    _soup(client, "/en/boroughs/")
    assert drawn_map.call_count == 1
