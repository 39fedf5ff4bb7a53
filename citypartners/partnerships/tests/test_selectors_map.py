"""The boroughs' map reads at most as many partnerships as it draws points."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.selectors import borough_map_points

from .factories import CityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _placed_borough_partnerships():
    return Partnership.objects.filter(owner__kind=Owner.Kind.BOROUGH, city__latitude__isnull=False)


def test_few_partnerships_are_each_a_point_of_their_own():
    expected = set(_placed_borough_partnerships().values_list("pk", flat=True))
    points = borough_map_points(most=len(expected))
    assert {p.partnership.pk for p in points} == expected
    assert {p.count for p in points} == {1}


def test_many_partnerships_become_at_most_the_points_asked_for_each_counted_once():
    borough = Owner.objects.filter(kind=Owner.Kind.BOROUGH).order_by("pk").first()
    for n in range(12):  # three clusters of four cities, far apart
        city = CityFactory(
            latitude=10 + 30 * (n % 3) + n * 0.01, longitude=-100 + 90 * (n % 3) + n * 0.01
        )
        PartnershipFactory(owner=borough, city=city)
    total = _placed_borough_partnerships().count()
    with CaptureQueriesContext(connection) as queries:
        points = borough_map_points(most=5)
    assert len(queries) == 3
    assert 0 < len(points) <= 5
    assert sum(p.count for p in points) == total
    assert any(p.count >= 4 for p in points)
    for point in points:  # a point lies where its cities are: inside the map
        assert -180 <= point.longitude <= 180 and -90 <= point.latitude <= 90


def test_the_map_asks_three_queries_whatever_the_number():
    with CaptureQueriesContext(connection) as queries:
        borough_map_points(most=1000)
    assert len(queries) == 3
