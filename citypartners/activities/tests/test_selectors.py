import datetime

import pytest

from citypartners.activities import selectors
from citypartners.activities.models import Activity
from citypartners.partnerships.models import City, FocusArea

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_current_and_past_split_at_the_end_of_the_local_day():
    tokyo = ActivityFactory(start_date=datetime.date(2026, 11, 27), timezone="Asia/Tokyo")
    berlin = ActivityFactory(start_date=datetime.date(2026, 11, 27))
    mine = Activity.objects.filter(pk__in=[tokyo.pk, berlin.pk])

    # 16:00 UTC: midnight has passed in Tokyo, not yet in Berlin.
    now = datetime.datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    assert list(selectors.activities_current(mine, now=now)) == [berlin]
    assert list(selectors.activities_past(mine, now=now)) == [tokyo]
    # One second before Berlin's midnight the Berlin event is still current.
    assert berlin in selectors.activities_current(
        mine, now=datetime.datetime(2026, 11, 27, 22, 59, 59, tzinfo=UTC)
    )
    assert berlin in selectors.activities_past(
        mine, now=datetime.datetime(2026, 11, 27, 23, 0, tzinfo=UTC)
    )


def test_drafts_and_internal_activities_are_never_public():
    draft = ActivityFactory(live=False)
    internal = ActivityFactory(is_public=False)
    public = selectors.activities_public()
    assert draft not in public and internal not in public


def test_filters_combine():
    culture = FocusArea.objects.get(slug="culture")
    paris = City.objects.get(slug="paris")
    match = ActivityFactory(title_en="Example: Jazz night", start_date=datetime.date(2031, 3, 3))
    match.focus_areas.set([culture])
    from citypartners.partnerships.models import Partnership

    match.partnerships.add(Partnership.objects.get(owner__slug="land-berlin", city=paris))
    match.save()
    ActivityFactory(title_en="Example: Jazz brunch", start_date=datetime.date(2031, 3, 3))
    found = selectors.activities_filtered(
        city=paris,
        focus_area=culture,
        text="jazz",
        date_from=datetime.date(2031, 3, 1),
        date_to=datetime.date(2031, 3, 31),
    )
    assert list(found) == [match]
    assert (
        list(
            selectors.activities_filtered(city=paris, date_to=datetime.date(2031, 3, 2)).filter(
                pk=match.pk
            )
        )
        == []
    )
