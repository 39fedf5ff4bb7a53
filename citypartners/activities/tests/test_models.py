import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_date_only_activity_lasts_until_midnight_of_its_place():
    tokyo = ActivityFactory(start_date=datetime.date(2026, 11, 27), timezone="Asia/Tokyo")
    assert tokyo.starts_at == datetime.datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    assert tokyo.ends_at == datetime.datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    berlin = ActivityFactory(
        start_date=datetime.date(2026, 11, 27), end_date=datetime.date(2026, 11, 29)
    )
    assert berlin.ends_at == datetime.datetime(2026, 11, 29, 23, 0, tzinfo=UTC)


def test_timed_activity_keeps_its_local_time_across_daylight_saving():
    la = ActivityFactory(
        all_day=False,
        timezone="America/Los_Angeles",
        start_date=datetime.date(2027, 7, 1),
        start_time=datetime.time(18, 0),
        end_time=datetime.time(20, 30),
    )
    assert la.starts_at == datetime.datetime(2027, 7, 2, 1, 0, tzinfo=UTC)
    assert la.ends_at == datetime.datetime(2027, 7, 2, 3, 30, tzinfo=UTC)
    local = la.starts_at.astimezone(zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert (local.hour, local.minute) == (18, 0)


def test_month_and_year_precision_cover_the_whole_period():
    month = ActivityFactory(start_date=datetime.date(2024, 11, 1), date_precision="month")
    assert month.ends_at == datetime.datetime(2024, 11, 30, 23, 0, tzinfo=UTC)
    year = ActivityFactory(start_date=datetime.date(2002, 1, 1), date_precision="year")
    assert year.ends_at == datetime.datetime(2002, 12, 31, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"end_date": datetime.date(2030, 5, 3)}, "end_date", "end date lies before"),
        ({"all_day": False}, "start_time", "Give a start time"),
        ({"timezone": "Mars/Olympus"}, "timezone", "is not a time zone name"),
        (
            {"all_day": False, "start_time": datetime.time(18), "end_time": datetime.time(17)},
            "end_time",
            "ends before it starts",
        ),
    ],
)
def test_invalid_dates_are_refused_with_a_clear_message(fields, field, message):
    activity = ActivityFactory.build(**fields)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            activity.full_clean(exclude=["starts_at", "ends_at", "kind"])
        assert message in " ".join(error.value.message_dict[field])
