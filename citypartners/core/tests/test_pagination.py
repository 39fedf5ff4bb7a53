"""Public lists page through their first rows only, at a cost that does not grow (issue 17)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.activities.selectors import activities_current, activities_public
from citypartners.core import pagination
from citypartners.core.pagination import BoundedPaginator
from citypartners.partnerships.models import City
from citypartners.partnerships.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_a_long_list_is_paged_through_its_first_rows_only_and_says_there_are_more():
    CityFactory.create_batch(12)
    rows = City.objects.order_by("pk")
    paginator = BoundedPaginator(rows, 2, most=5)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 5
    assert paginator.more is True
    assert "LIMIT 6" in queries[0]["sql"]  # the count reads no more than it needs
    assert paginator.num_pages == 3
    last = paginator.get_page(999)  # beyond the last page: the last page
    assert last.number == 3 and list(last) == list(rows[4:5])


def test_a_short_list_is_paged_whole_and_says_nothing_more():
    total = City.objects.count()
    paginator = BoundedPaginator(City.objects.order_by("pk"), 2, most=total)
    assert paginator.count == total and paginator.more is False


def test_the_activity_list_says_in_both_languages_when_it_shows_the_first_rows_only(
    client, monkeypatch
):
    listed = activities_current(activities_public()).count()
    assert listed >= 2
    monkeypatch.setattr(pagination, "MOST", listed - 1)
    english = client.get("/en/activities/").content.decode()
    german = client.get("/de/aktivitaeten/").content.decode()
    assert f"More than {listed - 1} activities" in english
    assert f"Only the first {listed - 1} are listed here." in english
    assert f"Mehr als {listed - 1} Aktivitäten" in german
    assert f"Hier stehen nur die ersten {listed - 1}." in german
    monkeypatch.setattr(pagination, "MOST", listed)
    english = client.get("/en/activities/").content.decode()
    assert f"{listed} activities" in english and "are listed here" not in english
