"""An editor creates, schedules and publishes an activity; it appears everywhere, de and en."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity, ActivityKind
from citypartners.core.tests.edit_tokens import opened_tokens
from citypartners.partnerships.models import FocusArea, Partnership

pytestmark = pytest.mark.django_db

# The funding section's inline rows (participants per country, programme days), left empty.
NO_FUNDING_ROWS = {
    f"{prefix}-{name}": "0"
    for prefix in ("participant_countries", "programme_days")
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")
} | {
    "participant_countries-MAX_NUM_FORMS": "1000",
    "programme_days-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def editor_client(client):
    client.force_login(
        account_create(
            role="state-moderator",
            email="editor@example.org",
            password="a long and careful passphrase",
        )
    )
    return client


def _form(**overrides):
    tokyo = Partnership.objects.get(owner__slug="land-berlin", city__slug="tokyo")
    data = {
        "owner": tokyo.owner_id,
        "title_de": "Beispiel: Gartenbau-Seminar",
        "title_en": "Example: Seminar on urban gardens",
        "slug": "example-urban-gardens",
        "kind": ActivityKind.objects.get(slug="seminar").pk,
        "partnerships": [tokyo.pk],
        "focus_areas": [FocusArea.objects.get(slug="climate").pk],
        "status": "planned",
        "all_day": "",
        "start_date": "2030-06-03",
        "start_time": "10:00",
        "end_date": "",
        "end_time": "16:00",
        "timezone": "Asia/Tokyo",
        "date_precision": "day",
        "place_de": "Rathaus Shinjuku, Tokio",
        "place_en": "Shinjuku City Hall, Tokyo",
        "description_de": rich_text("<p>Ein erfundenes Beispiel.</p>"),
        "description_en": rich_text("<p>An invented example.</p>"),
        "other_institutions": "",
        "registration_url": "",
        "image_alt_de": "",
        "image_alt_en": "",
        "is_public": "on",
        "source": "",
        **NO_FUNDING_ROWS,
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def _everywhere(client, title_en, title_de):
    """Where a published activity must appear: city page, list, calendar and feeds, de and en."""
    views = [
        ("/en/tokyo/", title_en),
        ("/de/tokio/", title_de),
        ("/en/activities/?city=tokyo", title_en),
        ("/de/aktivitaeten/?city=tokyo", title_de),
        ("/en/activities/calendar/?month=2030-06", title_en),
        ("/de/aktivitaeten/kalender/?month=2030-06", title_de),
        ("/en/feeds/activities.ics", title_en),
        ("/de/feeds/city/tokyo.ics", title_de),
        ("/en/feeds/activities.atom", title_en),
        ("/de/feeds/focus/climate.ics", title_de),
    ]
    return {url: title in client.get(url).content.decode() for url, title in views}


def test_editor_creates_and_publishes_an_activity_that_appears_everywhere(editor_client, client):
    response = editor_client.post(reverse("wagtailsnippets_activities_activity:add"), _form())
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(slug="example-urban-gardens")
    assert activity.live and activity.revisions.count() == 1
    assert activity.starts_at == datetime.datetime(2030, 6, 3, 1, 0, tzinfo=datetime.UTC)
    seen = _everywhere(client, "Example: Seminar on urban gardens", "Beispiel: Gartenbau-Seminar")
    assert all(seen.values()), seen


def test_a_scheduled_activity_appears_only_once_its_time_has_come(editor_client, client):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    response = editor_client.post(
        reverse("wagtailsnippets_activities_activity:add"),
        _form(go_live_at=go_live.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(slug="example-urban-gardens")
    assert not activity.live
    seen = _everywhere(client, "Example: Seminar on urban gardens", "Beispiel: Gartenbau-Seminar")
    assert not any(seen.values()), seen
    # Time passes: two days and a minute later, Wagtail's command publishes the revision.
    later = timezone.now() + datetime.timedelta(days=2, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    activity.refresh_from_db()
    assert activity.live
    seen = _everywhere(client, "Example: Seminar on urban gardens", "Beispiel: Gartenbau-Seminar")
    assert all(seen.values()), seen


def test_a_draft_stays_off_the_site(editor_client, client):
    data = _form()
    del data["action-publish"]
    response = editor_client.post(reverse("wagtailsnippets_activities_activity:add"), data)
    assert response.status_code == 302
    assert not Activity.objects.get(slug="example-urban-gardens").live
    assert not any(
        _everywhere(
            client, "Example: Seminar on urban gardens", "Beispiel: Gartenbau-Seminar"
        ).values()
    )


def test_invalid_dates_are_refused_and_nothing_is_saved(editor_client):
    count = Activity.objects.count()
    response = editor_client.post(
        reverse("wagtailsnippets_activities_activity:add"),
        _form(end_date="2030-06-01"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "The end date lies before the start date." in response.content.decode()
    assert Activity.objects.count() == count


def test_editing_locks_and_keeps_revisions(editor_client):
    activity = Activity.objects.filter(live=True).first()
    url = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
    assert editor_client.get(url).status_code == 200
    lock = reverse("wagtailsnippets_activities_activity:lock", args=[activity.pk])
    assert editor_client.post(lock).status_code == 302
    activity.refresh_from_db()
    assert activity.locked
    history = reverse("wagtailsnippets_activities_activity:history", args=[activity.pk])
    assert editor_client.get(history).status_code == 200


def test_preview_shows_the_activity_as_the_public_will_see_it(editor_client):
    url = reverse("wagtailsnippets_activities_activity:preview_on_add")
    response = editor_client.post(url, _form())
    assert response.status_code == 200 and response.json()["is_valid"]
    preview = editor_client.get(url)
    assert preview.status_code == 200
    assert "Beispiel: Gartenbau-Seminar" in preview.content.decode()


def test_two_editors_on_one_activity_the_second_is_stopped(editor_client, client):

    assert (
        editor_client.post(reverse("wagtailsnippets_activities_activity:add"), _form()).status_code
        == 302
    )
    activity = Activity.objects.get(slug="example-urban-gardens")
    edit = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
    second = Client()  # editor_client is the `client` fixture: another browser for the second
    second.force_login(
        account_create(
            role="state-moderator",
            email="second@example.org",
            password="a long and careful passphrase",
        )
    )
    opened = opened_tokens(activity)
    # The first saves a draft with a new title; the second, still on the old form, publishes.
    draft = _form(title_en="Example: first editor's title", **opened)
    draft.pop("action-publish")
    assert editor_client.post(edit, draft).status_code == 302
    response = second.post(edit, _form(title_en="Example: second editor's title", **opened))
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in response.content.decode()
    activity.refresh_from_db()
    latest = activity.get_latest_revision_as_object()
    assert latest.title_en == "Example: first editor's title"
    assert activity.title_en == "Example: Seminar on urban gardens"  # nothing published
    # Reopened at the current revision, the second editor's save goes through.
    reopened = opened_tokens(activity)
    assert reopened != opened
    response = second.post(edit, _form(title_en="Example: second editor's title", **reopened))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.live and activity.title_en == "Example: second editor's title"


def test_an_editors_own_autosaves_never_stop_them(editor_client, client):
    """Wagtail's script autosaves every few moments: a JSON post that names the autosaved
    revision (overwrite_revision_id) and whose answer updates the open form's fields. The
    editor's next autosave and their final save (a plain post of the form, which names no
    revision) go through; another editor's do not."""
    assert (
        editor_client.post(reverse("wagtailsnippets_activities_activity:add"), _form()).status_code
        == 302
    )
    activity = Activity.objects.get(slug="example-urban-gardens")
    edit = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
    form = _form(**opened_tokens(activity))  # the open form, as the browser holds it
    form.pop("action-publish")
    other = _form(title_en="Example: another editor", **opened_tokens(activity))
    autosaved = None
    for title in ("Example: autosaved once", "Example: autosaved twice"):
        form["title_en"] = title
        posted = {**form, **({"overwrite_revision_id": autosaved} if autosaved else {})}
        saved = editor_client.post(edit, posted, HTTP_ACCEPT="application/json")
        assert saved.status_code == 200 and saved.json()["success"], saved.content
        autosaved = str(saved.json()["revision_id"])
        form.update(saved.json()["field_updates"])
    assert activity.revisions.count() == 2  # the first autosave made one, the second reused it
    # An autosave still under way when the editor presses save: its updates never reach the
    # form, which still names the revision it was opened on. Their own revisions do not count.
    late = editor_client.post(
        edit,
        {**form, "title_en": "Example: autosaved late", "overwrite_revision_id": autosaved},
        HTTP_ACCEPT="application/json",
    )
    assert late.status_code == 200 and late.json()["success"]
    form["action-publish"] = "action-publish"
    form["title_en"] = "Example: published"
    assert editor_client.post(edit, form).status_code == 302
    activity.refresh_from_db()
    assert activity.live and activity.title_en == "Example: published"
    # Another editor, whose form was opened before all this, is stopped.
    client.force_login(
        account_create(
            role="state-moderator",
            email="other@example.org",
            password="a long and careful passphrase",
        )
    )
    refused = client.post(edit, other, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and not refused.json()["success"]
    refused = client.post(edit, other)
    assert refused.status_code == 200
    activity.refresh_from_db()
    assert activity.title_en == "Example: published"
