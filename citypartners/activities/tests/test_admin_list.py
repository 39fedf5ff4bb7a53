"""The back office's list of activities: dates as dates, what is coming first, filters that
an office works with, an export, and publishing several at once (only one's own)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.partnerships.models import FocusArea, Partnership

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
LIST = "wagtailsnippets_activities_activity:list"


def _login(client, role="state-moderator", owner=None, language="de"):
    user = account_create(
        email=f"{role}-{language}@example.org", password=PASSWORD, role=role, owner=owner
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def activities():
    """Two past activities and two to come (one with a time, one a whole day)."""
    return {
        "long_past": ActivityFactory(title_en="Long past", start_date=datetime.date(2019, 3, 1)),
        "recent": ActivityFactory(title_en="Recent", start_date=datetime.date(2025, 10, 2)),
        "next": ActivityFactory(
            title_en="Next",
            title_de="Nächste",
            start_date=datetime.date(2030, 6, 3),
            all_day=False,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
            timezone="Europe/Berlin",
        ),
        "later": ActivityFactory(title_en="Later", start_date=datetime.date(2031, 1, 15)),
    }


def _header(label):
    """A column header as Wagtail writes it: a link that sorts by the column, or plain."""
    return f"{label}\n"


def _titles(response, activities):
    ours = {a.pk for a in activities.values()}
    return [a.title_en for a in response.context["object_list"] if a.pk in ours]


def test_the_list_puts_the_next_activity_first_then_later_ones_then_the_most_recent_past(
    client, activities
):
    _login(client)
    response = client.get(reverse(LIST))
    assert _titles(response, activities) == ["Next", "Later", "Recent", "Long past"]


def test_the_list_shows_the_start_as_a_date_in_german(client, activities):
    _login(client, language="de")
    html = client.get(reverse(LIST)).content.decode()
    assert "3. Juni 2030, 10:00" in html
    assert "15. Januar 2031" in html
    assert "Gerade eben" not in html and "Just now" not in html
    for header in ("Titel", "Beginn", "Art", "Träger", "Status", "Öffentlich"):
        assert _header(header) in html, header


def test_the_list_shows_the_start_as_a_date_in_english(client, activities):
    _login(client, language="en")
    html = client.get(reverse(LIST)).content.decode()
    assert "3 June 2030, 10:00" in html
    assert "15 January 2031" in html
    assert "Just now" not in html
    for header in ("Title", "Starts", "Kind", "Owner", "Status", "Public"):
        assert _header(header) in html, header


@pytest.mark.parametrize(
    "period,expected",
    [("upcoming", ["Next", "Later"]), ("past", ["Recent", "Long past"])],
)
def test_the_period_filter_shows_coming_or_past_activities(client, activities, period, expected):
    _login(client)
    response = client.get(reverse(LIST), {"period": period})
    assert _titles(response, activities) == expected


def test_the_date_filter_shows_the_activities_taking_place_between_two_days(client, activities):
    _login(client)
    response = client.get(reverse(LIST), {"dates_from": "2025-10-01", "dates_to": "2030-06-03"})
    assert _titles(response, activities) == ["Next", "Recent"]


def test_the_city_owner_focus_and_status_filters_narrow_the_list(client, activities):
    _login(client)
    tokyo = Partnership.objects.get(owner__slug="land-berlin", city__slug="tokyo")
    climate = FocusArea.objects.get(slug="climate")
    in_tokyo = ActivityFactory(
        title_en="In Tokyo",
        owner=tokyo.owner,
        start_date=datetime.date(2030, 2, 1),
        partnerships=[tokyo],
        status=Activity.Status.CANCELLED,
    )
    in_tokyo.focus_areas.set([climate])
    in_tokyo.save()
    activities = {**activities, "in_tokyo": in_tokyo}
    url = reverse(LIST)
    assert _titles(client.get(url, {"city": tokyo.city_id}), activities) == ["In Tokyo"]
    assert _titles(client.get(url, {"focus_areas": climate.pk}), activities) == ["In Tokyo"]
    assert _titles(client.get(url, {"status": "cancelled"}), activities) == ["In Tokyo"]
    assert _titles(client.get(url, {"owner": tokyo.owner_id}), activities) == ["In Tokyo"]
    html = client.get(url).content.decode()
    for label in ("Partnerstadt", "Zeitraum", "Schwerpunkte", "Träger", "Status"):
        assert label in html, label


def test_the_export_has_the_filtered_activities_in_the_users_language(client, activities):
    _login(client, language="de")
    response = client.get(reverse(LIST), {"period": "upcoming", "export": "csv"})
    assert response.status_code == 200
    assert 'filename="aktivitaten.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["Titel", "Beginn", "Art", "Träger", "Status"]
    titles = [row[0] for row in rows[1:]]
    assert {activities["next"].title_de, activities["later"].title_de} <= set(titles)
    assert activities["recent"].title_de not in titles  # the filter holds for the export
    next_row = next(row for row in rows if row[0] == "Nächste")
    assert next_row[1] == "3. Juni 2030, 10:00"
    assert next_row[4] == "geplant"
    assert "Warschau" in next_row[5]


def test_the_xlsx_export_has_the_same_columns_in_english(client, activities):
    _login(client, language="en")
    response = client.get(reverse(LIST), {"period": "upcoming", "export": "xlsx"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.values)
    assert list(rows[0][:5]) == ["Title", "Starts", "Kind", "Owner", "Status"]
    next_row = next(row for row in rows if row[0] == "Next")
    assert next_row[1] == "3 June 2030, 10:00"
    assert next_row[4] == "planned"
    assert "Warsaw" in next_row[5]


def _bulk_url(action, *records):
    ids = "&".join(f"id={record.pk}" for record in records)
    return f"/admin/bulk/activities/activity/{action}/?{ids}&next=/admin/"


def test_a_borough_editor_publishes_his_boroughs_drafts_at_once_and_not_another_owners(client):
    mitte = Partnership.objects.filter(owner__slug="mitte").first()
    state = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    own = [ActivityFactory(owner=mitte.owner, partnerships=[mitte], live=False) for _ in range(2)]
    for activity in own:
        activity.save_revision()
    others = ActivityFactory(owner=state.owner, partnerships=[state], live=False)
    others.save_revision()
    published_other = ActivityFactory(owner=state.owner, partnerships=[state], live=True)
    _login(client, role="borough-editor", owner="mitte")
    url = _bulk_url("publish", *own, published_other)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sie dürfen diese Aktivitäten nicht veröffentlichen" in html
    assert published_other.title in html
    response = client.post(url)
    assert response.status_code == 302
    for activity in own:
        activity.refresh_from_db()
        assert activity.live
        assert ModelLogEntry.objects.filter(
            object_id=str(activity.pk), action="wagtail.publish"
        ).exists()
    # Another owner's draft is not even named, and stays a draft whatever is posted.
    client.post(_bulk_url("publish", others, *own))
    others.refresh_from_db()
    assert not others.live


def test_a_borough_editor_unpublishes_only_his_boroughs_records(client):
    mitte = Partnership.objects.filter(owner__slug="mitte").first()
    state = Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    own = ActivityFactory(owner=mitte.owner, partnerships=[mitte])
    own.save_revision().publish()
    other = ActivityFactory(owner=state.owner, partnerships=[state])
    other.save_revision().publish()
    _login(client, role="borough-editor", owner="mitte")
    response = client.post(_bulk_url("unpublish", own, other))
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert not own.live
    assert other.live


def test_a_state_editor_without_the_right_to_publish_publishes_nothing(client):
    draft = ActivityFactory(live=False)
    draft.save_revision()
    _login(client, role="state-editor")
    html = client.get(_bulk_url("publish", draft)).content.decode()
    assert "Sie dürfen diese Aktivitäten nicht veröffentlichen" in html
    client.post(_bulk_url("publish", draft))
    draft.refresh_from_db()
    assert not draft.live
