"""The instants starts_at/ends_at follow the dates wherever an activity is written: through
the services, the back-office form, and the recompute after writes that skip them."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity
from citypartners.activities.services import (
    activity_create,
    activity_instants_recompute,
    activity_update,
)
from citypartners.core.tests.edit_tokens import opened_tokens
from citypartners.partnerships.models import Partnership

from .factories import ActivityFactory, ActivityKindFactory
from .test_admin import NO_FUNDING_ROWS

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _tokyo():
    return Partnership.objects.get(owner__slug="land-berlin", city__slug="tokyo")


def _instants(activity):
    activity.refresh_from_db()
    return activity.starts_at, activity.ends_at


def test_activity_create_sets_the_instants_in_the_zone_of_the_place():
    activity = activity_create(
        partnerships=[_tokyo()],
        slug="example-derived-create",
        title_de="Beispiel: Abgeleitet",
        title_en="Example: derived",
        kind=ActivityKindFactory(),
        all_day=False,
        timezone="Asia/Tokyo",
        start_date=datetime.date(2030, 6, 3),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(16, 0),
    )
    assert _instants(activity) == (
        datetime.datetime(2030, 6, 3, 1, 0, tzinfo=UTC),
        datetime.datetime(2030, 6, 3, 7, 0, tzinfo=UTC),
    )


def test_activity_update_moves_the_instants_with_the_dates_and_publishes():
    activity = ActivityFactory(start_date=datetime.date(2030, 5, 4))
    activity_update(
        activity=activity,
        start_date=datetime.date(2031, 1, 10),
        end_date=datetime.date(2031, 1, 12),
    )
    # Berlin in winter is UTC+1: from midnight of the 10th to midnight after the 12th.
    assert _instants(activity) == (
        datetime.datetime(2031, 1, 9, 23, 0, tzinfo=UTC),
        datetime.datetime(2031, 1, 12, 23, 0, tzinfo=UTC),
    )
    latest = activity.revisions.order_by("-created_at").first()
    assert latest is not None and activity.live_revision_id == latest.pk


@pytest.fixture
def editor_client(client):
    client.force_login(
        account_create(
            role="state-moderator",
            email="derived-editor@example.org",
            password="a long and careful passphrase",
        )
    )
    return client


def _edit_form(activity, **overrides):
    data = {
        "owner": activity.owner_id,
        "title_de": activity.title_de,
        "title_en": activity.title_en,
        "slug": activity.slug,
        "kind": activity.kind_id,
        "partnerships": [p.pk for p in activity.partnerships.all()],
        "status": activity.status,
        "all_day": "",
        "start_date": "2030-06-03",
        "start_time": "10:00",
        "end_date": "",
        "end_time": "16:00",
        "timezone": "Asia/Tokyo",
        "date_precision": "day",
        "place_de": "",
        "place_en": "",
        "description_de": rich_text("<p>Beispiel.</p>"),
        "description_en": rich_text("<p>Example.</p>"),
        "other_institutions": "",
        "registration_url": "",
        "image_alt_de": "",
        "image_alt_en": "",
        "is_public": "on",
        "source": "",
        **NO_FUNDING_ROWS,
        "go_live_at": "",
        "expire_at": "",
        **opened_tokens(activity),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def test_publishing_an_edit_in_the_back_office_moves_the_instants(editor_client):
    activity = ActivityFactory(
        owner=_tokyo().owner, partnerships=[_tokyo()], start_date=datetime.date(2030, 5, 4)
    )
    url = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
    response = editor_client.post(url, _edit_form(activity))
    assert response.status_code == 302, response.context["form"].errors
    assert _instants(activity) == (
        datetime.datetime(2030, 6, 3, 1, 0, tzinfo=UTC),
        datetime.datetime(2030, 6, 3, 7, 0, tzinfo=UTC),
    )


def test_a_draft_keeps_the_live_instants_and_its_revision_carries_its_own(editor_client):
    activity = ActivityFactory(
        owner=_tokyo().owner, partnerships=[_tokyo()], start_date=datetime.date(2030, 5, 4)
    )
    live = _instants(activity)
    url = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
    draft = _edit_form(activity)
    del draft["action-publish"]
    response = editor_client.post(url, draft)
    assert response.status_code == 302, response.context["form"].errors
    assert _instants(activity) == live
    # Publishing the draft later (as the scheduler does) brings its instants with it.
    activity.get_latest_revision().publish()
    assert _instants(activity) == (
        datetime.datetime(2030, 6, 3, 1, 0, tzinfo=UTC),
        datetime.datetime(2030, 6, 3, 7, 0, tzinfo=UTC),
    )


def test_recompute_repairs_the_instants_after_a_queryset_update():
    first = ActivityFactory(start_date=datetime.date(2030, 5, 4))
    second = ActivityFactory(start_date=datetime.date(2030, 5, 5))
    untouched = ActivityFactory(start_date=datetime.date(2030, 5, 6))
    before = _instants(untouched)
    Activity.objects.filter(pk__in=[first.pk, second.pk]).update(
        start_date=datetime.date(2032, 8, 1)
    )
    assert _instants(first)[0].year == 2030  # stale until recomputed
    assert activity_instants_recompute(activities=Activity.objects.filter(pk=first.pk)) == 1
    assert activity_instants_recompute(activities=[second]) == 1
    expected = (
        datetime.datetime(2032, 7, 31, 22, 0, tzinfo=UTC),
        datetime.datetime(2032, 8, 1, 22, 0, tzinfo=UTC),
    )
    assert _instants(first) == _instants(second) == expected
    assert _instants(untouched) == before
    assert activity_instants_recompute() == 0


def test_recompute_repairs_the_instants_after_a_bulk_update():
    activities = [ActivityFactory(start_date=datetime.date(2030, 5, 4)) for _ in range(3)]
    for activity in activities:
        activity.timezone = "America/Los_Angeles"
    Activity.objects.bulk_update(activities, ["timezone"])
    assert activity_instants_recompute(activities=activities) == 3
    starts = {_instants(a)[0] for a in activities}
    assert starts == {datetime.datetime(2030, 5, 4, 7, 0, tzinfo=UTC)}


def test_the_demo_data_has_no_stale_instants():
    assert Activity.objects.exists()
    assert activity_instants_recompute() == 0
