"""List, calendar, city and activity pages run the same queries for 10 or 5,000 activities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypartners.activities.models import Activity, ActivityKind
from citypartners.partnerships.models import FocusArea, Partnership

pytestmark = pytest.mark.django_db

# The calendar: one for how many activities start on each day of the month, one for the
# first of each day (activities.selectors.calendar_month), then what they show.
# One of each: the main navigation and breadcrumb trail (site.sections.navigation_pages).
# One for the page's locale: the calendar's address is in its language (site.models.routes).
MAX_QUERIES = {"list": 23, "calendar": 21, "city": 28, "detail": 19}


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow_to(total: int):
    """Bulk-add public activities of Warsaw (and Paris) with a focus area, up to `total`."""
    warsaw = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    kind = ActivityKind.objects.first()
    culture = FocusArea.objects.get(slug="culture")
    first = Activity.objects.count()
    new = []
    for n in range(first, total):
        # Half of them past (2020), half upcoming (2030), spread over May.
        year = 2030 if n % 2 else 2020
        activity = Activity(
            title_de=f"Beispiel {n}",
            title_en=f"Example {n}",
            slug=f"bulk-{n}",
            kind=kind,
            start_date=datetime.date(year, 5, 1) + datetime.timedelta(days=n % 31),
            live=True,
        )
        activity.starts_at, activity.ends_at = activity.compute_bounds()
        new.append(activity)
    created = Activity.objects.bulk_create(new, batch_size=500)
    through = Activity.partnerships.through
    through.objects.bulk_create(
        [through(activity_id=a.pk, partnership_id=warsaw.pk) for a in created]
        + [through(activity_id=a.pk, partnership_id=paris.pk) for a in created[::3]],
        batch_size=1000,
    )
    areas = Activity.focus_areas.through
    areas.objects.bulk_create(
        [areas(activity_id=a.pk, focusarea_id=culture.pk) for a in created], batch_size=1000
    )


@pytest.mark.parametrize(
    "name,url",
    [
        ("list", "/en/activities/?city=warsaw&focus=culture"),
        ("calendar", "/de/aktivitaeten/kalender/?month=2030-05&city=warsaw"),
        ("city", "/de/warschau/?past=2"),
        ("detail", "/en/activities/bulk-9/"),
    ],
)
def test_query_count_is_the_same_with_10_and_5000_activities(
    client, name, url, django_assert_max_num_queries
):
    Activity.objects.exclude(pk__in=Activity.objects.order_by("pk")[:8].values("pk")).delete()
    _grow_to(10)
    client.get(url)  # warm per-process caches
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        small = _count(client, url)
    _grow_to(5000)
    assert Activity.objects.count() == 5000
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries with 10 activities, {large} with 5,000"
