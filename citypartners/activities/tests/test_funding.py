"""A funded activity's facts: what counts as funded, the checks on participants per country and
programme days (with messages in the editor's language), and the period its grant report stays
online, refused on every path an editor takes an activity off the site by."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity
from citypartners.activities.services import (
    activity_funding_set,
    activity_removal_error,
    activity_update,
)
from citypartners.activities.tests.factories import (
    ActivityFactory,
    FundedActivityFactory,
)
from citypartners.activities.tests.test_admin import _form
from citypartners.core.tests.edit_tokens import opened_tokens
from citypartners.site.tests.test_no_silent_overwrite import form_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2031, 1, 1)


def test_an_activity_is_funded_with_a_programme_and_a_grant_agreement_number():
    assert FundedActivityFactory().is_funded
    assert not ActivityFactory().is_funded
    assert not FundedActivityFactory(grant_agreement_number="").is_funded
    assert not FundedActivityFactory(funding_programme_de="", funding_programme_en="").is_funded
    assert FundedActivityFactory(funding_programme_de="").is_funded  # one language is enough


def test_a_funded_activity_needs_its_funding_statement():
    activity = FundedActivityFactory.build(funding_statement_de="", funding_statement_en="")
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            activity.clean()
        assert raised.value.message_dict["funding_statement_de"] == [
            "A funded activity needs the funding statement the programme requires."
        ]


def test_participants_and_programme_days_are_saved_in_the_activitys_revision():
    activity = FundedActivityFactory()
    activity_funding_set(
        activity=activity,
        countries=[("DE", 14), ("PL", 9)],
        days=[(datetime.date(2030, 5, 4), "Ankunft", "Arrival")],
    )
    activity = Activity.objects.get(pk=activity.pk)
    assert [(r.country_code, r.participants) for r in activity.participant_countries.all()] == [
        ("DE", 14),
        ("PL", 9),
    ]
    assert [(d.date, d.text_en) for d in activity.programme_days.all()] == [
        (datetime.date(2030, 5, 4), "Arrival")
    ]
    published = activity.latest_revision.as_object()
    assert [r.country_code for r in published.participant_countries.all()] == ["DE", "PL"]


@pytest.mark.parametrize(
    "language,message",
    [
        ("en", "This day lies outside the activity's dates (05/04/2030 to 05/07/2030)."),
        ("de", "Dieser Tag liegt außerhalb der Daten der Aktivität (04.05.2030 bis 07.05.2030)."),
    ],
)
def test_a_programme_day_outside_the_activitys_dates_is_refused(language, message):
    activity = FundedActivityFactory()
    with translation.override(language), pytest.raises(ValidationError) as raised:
        activity_funding_set(
            activity=activity, days=[(datetime.date(2030, 5, 8), "Abreise", "Departure")]
        )
    assert raised.value.message_dict["date"] == [message]
    assert not Activity.objects.get(pk=activity.pk).programme_days.exists()


@pytest.mark.parametrize(
    "language,message",
    [
        (
            "en",
            "Poland is listed more than once under participants per country: give each "
            "country once, with all its participants.",
        ),
        (
            "de",
            "Polen ist unter „Teilnehmende nach Land“ mehrfach genannt: Nennen Sie jedes "
            "Land einmal, mit allen Teilnehmenden von dort.",
        ),
    ],
)
def test_a_country_named_twice_is_refused(language, message):
    activity = FundedActivityFactory()
    with translation.override(language), pytest.raises(ValidationError) as raised:
        activity_funding_set(activity=activity, countries=[("PL", 3), ("DE", 2), ("PL", 4)])
    assert raised.value.messages == [message]
    assert not Activity.objects.get(pk=activity.pk).participant_countries.exists()


@pytest.mark.parametrize(
    "language,message",
    [
        ("en", "Give at least 1 participant; leave out a country nobody came from."),
        (
            "de",
            "Geben Sie mindestens 1 teilnehmende Person an; ein Land, aus dem niemand kam, "
            "lassen Sie weg.",
        ),
    ],
)
def test_fewer_than_one_participant_is_refused(language, message):
    activity = FundedActivityFactory()
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            activity_funding_set(activity=activity, countries=[("DE", 0)])
        assert raised.value.message_dict["participants"] == [message]


def test_an_unknown_country_code_is_refused():
    activity = FundedActivityFactory()
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            activity_funding_set(activity=activity, countries=[("XY", 3)])
        assert raised.value.message_dict["country_code"] == [
            "“XY” is not an ISO 3166 country code, such as DE or FR."
        ]


# --- kept online ------------------------------------------------------------------------------
def test_a_grant_report_is_kept_online_until_its_date_and_no_longer():
    activity = FundedActivityFactory(keep_online_until=datetime.date(2031, 6, 30))
    assert activity.keeps_grant_report_online(datetime.date(2031, 6, 30))
    assert not activity.keeps_grant_report_online(datetime.date(2031, 7, 1))
    assert not FundedActivityFactory(keep_online_until=None).keeps_grant_report_online(TODAY)
    assert not FundedActivityFactory(is_public=False).keeps_grant_report_online(TODAY)
    assert not FundedActivityFactory(live=False).keeps_grant_report_online(TODAY)


def test_the_refusal_names_the_activity_and_the_date_in_the_users_language():
    activity = FundedActivityFactory(title_en="Example: meeting", title_de="Beispiel: Treffen")
    with translation.override("en"):
        assert activity_removal_error(activity=activity, action="delete", today=TODAY) == (
            "“Example: meeting” cannot be deleted: its grant report must stay online until "
            "31 December 2035, as its funding programme requires."
        )
    with translation.override("de"):
        assert activity_removal_error(activity=activity, action="unpublish", today=TODAY) == (
            "Die Veröffentlichung von „Beispiel: Treffen“ kann nicht aufgehoben werden: Der "
            "Förderbericht dieser Aktivität muss bis zum 31. Dezember 2035 online bleiben, wie "
            "es das Förderprogramm verlangt."
        )


def test_the_service_refuses_to_make_a_kept_activity_internal_or_unfunded():
    activity = FundedActivityFactory()
    with pytest.raises(ValidationError):
        activity_update(activity=activity, is_public=False)
    activity = Activity.objects.get(pk=activity.pk)
    with pytest.raises(ValidationError):
        activity_update(activity=activity, grant_agreement_number="")
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.is_public and activity.is_funded
    # Once the date has passed, it is the office's choice again.
    activity_update(activity=activity, keep_online_until=datetime.date(2020, 1, 1))
    activity_update(activity=activity, is_public=False)
    assert not Activity.objects.get(pk=activity.pk).is_public


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


def _kept_activity():
    """A funded activity of the state's Warsaw partnership, published with a revision."""
    activity = FundedActivityFactory(title_en="Example: kept meeting")
    activity.save_revision().publish()
    return activity


def _url(name, *args):
    return reverse(Activity.snippet_viewset.get_url_name(name), args=args)


def test_deleting_a_kept_activity_is_refused_with_the_reason(editor_client):
    activity = _kept_activity()
    response = editor_client.post(
        _url("delete", activity.pk), HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert "“Example: kept meeting” cannot be deleted" in response.content.decode()


def test_unpublishing_a_kept_activity_is_refused_with_the_reason(editor_client):
    activity = _kept_activity()
    response = editor_client.post(
        _url("unpublish", activity.pk), HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert Activity.objects.get(pk=activity.pk).live
    assert "“Example: kept meeting” cannot be unpublished" in response.content.decode()


@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_the_bulk_actions_leave_a_kept_activity_online(editor_client, action):
    kept = _kept_activity()
    other = ActivityFactory()
    other.save_revision().publish()
    url = (
        reverse("wagtail_bulk_action", args=["activities", "activity", action])
        + f"?id={kept.pk}&id={other.pk}"
    )
    response = editor_client.post(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert Activity.objects.get(pk=kept.pk).live
    assert "cannot be" in response.content.decode()
    # Nothing of the batch was done: the editor chooses again without the kept one.
    assert Activity.objects.filter(pk=other.pk, live=True).exists()


def test_a_kept_activity_can_be_deleted_once_its_date_has_passed(editor_client):
    activity = FundedActivityFactory(keep_online_until=datetime.date(2020, 1, 1))
    activity.save_revision().publish()
    response = editor_client.post(_url("delete", activity.pk))
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


# --- the back-office form ---------------------------------------------------------------------
def _funded_form(**overrides):
    """The activity form of test_admin with the funding section filled in: two countries and
    one programme day."""
    data = _form(
        all_day="on",
        start_time="",
        end_time="",
        end_date="2030-06-05",
        funding_programme_de="CERV – Städtepartnerschaften",
        funding_programme_en="CERV – Town twinning",
        grant_agreement_number="101-EXAMPLE-0001",
        funding_statement_de="Gefördert von der Europäischen Union.",
        funding_statement_en="Funded by the European Union.",
        keep_online_until="2035-12-31",
    )
    rows = {
        "participant_countries-TOTAL_FORMS": "2",
        "participant_countries-0-country_code": "JP",
        "participant_countries-0-participants": "12",
        "participant_countries-0-ORDER": "1",
        "participant_countries-1-country_code": "DE",
        "participant_countries-1-participants": "8",
        "participant_countries-1-ORDER": "2",
        "programme_days-TOTAL_FORMS": "1",
        "programme_days-0-date": "2030-06-04",
        "programme_days-0-text_de": "Workshops in Shinjuku.",
        "programme_days-0-text_en": "Workshops in Shinjuku.",
        "programme_days-0-ORDER": "1",
    }
    data.update(rows)
    data.update(overrides)
    return data


def test_an_editor_enters_the_funding_facts_in_the_activity_form(editor_client, client):
    response = editor_client.post(_url("add"), _funded_form())
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(slug="example-urban-gardens")
    assert activity.is_funded and activity.keep_online_until == datetime.date(2035, 12, 31)
    assert {(r.country_code, r.participants) for r in activity.participant_countries.all()} == {
        ("JP", 12),
        ("DE", 8),
    }
    report = client.get("/en/activities/example-urban-gardens/grant-report/")
    assert report.status_code == 200 and "Workshops in Shinjuku." in report.content.decode()


def test_the_form_refuses_a_country_twice_and_a_day_outside_the_dates(editor_client):
    response = editor_client.post(
        _url("add"),
        _funded_form(
            **{
                "participant_countries-1-country_code": "JP",
                "programme_days-0-date": "2030-06-09",
            }
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This day lies outside the activity&#x27;s dates" in html
    assert not Activity.objects.filter(slug="example-urban-gardens").exists()
    response = editor_client.post(
        _url("add"),
        _funded_form(**{"participant_countries-1-country_code": "JP"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Japan is listed more than once" in response.content.decode()
    assert not Activity.objects.filter(slug="example-urban-gardens").exists()


def test_the_form_refuses_to_make_a_kept_activity_internal(editor_client):
    assert editor_client.post(_url("add"), _funded_form()).status_code == 302
    activity = Activity.objects.get(slug="example-urban-gardens")
    data = _funded_form(**opened_tokens(activity))
    del data["is_public"]
    response = editor_client.post(_url("edit", activity.pk), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "grant report must stay online until 31 December 2035" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).is_public


def test_the_form_refuses_an_expiry_before_the_keep_online_date(editor_client):
    response = editor_client.post(
        _url("add"), _funded_form(expire_at="2031-01-01 00:00"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "let the activity expire after that day" in response.content.decode()


def _as_shown(client, activity, **changes):
    """What the browser posts for the activity's edit form as shown, with `changes`."""
    response = client.get(_url("edit", activity.pk))
    data = form_data(response.content)
    data.update({name: [value] for name, value in changes.items()})
    data["action-publish"] = ["action-publish"]
    return data


def test_a_funding_edit_is_in_the_audit_log_and_a_stale_one_is_stopped(editor_client):
    assert editor_client.post(_url("add"), _funded_form()).status_code == 302
    activity = Activity.objects.get(slug="example-urban-gardens")
    second = Client()  # another editor, who opens the form before the first one saves
    second.force_login(
        account_create(
            role="state-moderator",
            email="second@example.org",
            password="a long and careful passphrase",
        )
    )
    stale = _as_shown(second, activity, grant_agreement_number="X-3")
    changed = _as_shown(
        editor_client,
        activity,
        **{"participant_countries-0-participants": "13", "grant_agreement_number": "X-2"},
    )
    assert editor_client.post(_url("edit", activity.pk), changed).status_code == 302
    activity.refresh_from_db()
    assert activity.grant_agreement_number == "X-2"
    assert {(r.country_code, r.participants) for r in activity.participant_countries.all()} == {
        ("JP", 13),
        ("DE", 8),
    }
    entry = ModelLogEntry.objects.filter(
        object_id=str(activity.pk), action="wagtail.publish"
    ).latest("timestamp")
    assert entry.revision.as_object().grant_agreement_number == "X-2"
    # A save on the form opened before that one is refused, and changes nothing.
    response = second.post(_url("edit", activity.pk), stale, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Someone else saved this record after you opened it" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).grant_agreement_number == "X-2"


def test_a_country_removed_and_added_again_in_one_save_is_saved(editor_client):
    assert editor_client.post(_url("add"), _funded_form()).status_code == 302
    activity = Activity.objects.get(slug="example-urban-gardens")
    data = _as_shown(
        editor_client,
        activity,
        **{
            "participant_countries-1-DELETE": "1",
            "participant_countries-TOTAL_FORMS": "3",
            "participant_countries-2-id": "",
            "participant_countries-2-country_code": "DE",
            "participant_countries-2-participants": "9",
            "participant_countries-2-ORDER": "3",
        },
    )
    response = editor_client.post(_url("edit", activity.pk), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert {(r.country_code, r.participants) for r in activity.participant_countries.all()} == {
        ("JP", 12),
        ("DE", 9),
    }


def test_a_hand_made_edit_that_sends_the_countries_again_without_their_rows_ids_is_refused(
    editor_client,
):
    """A script posting the rows afresh, without their ids, adds them to the saved ones: a
    country twice. A clear message and nothing changed (once a 500 from the database)."""
    assert editor_client.post(_url("add"), _funded_form()).status_code == 302
    activity = Activity.objects.get(slug="example-urban-gardens")
    data = _funded_form(**opened_tokens(activity), **{"participant_countries-0-participants": "15"})
    response = editor_client.post(_url("edit", activity.pk), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Japan is listed more than once" in response.content.decode()
    activity.refresh_from_db()
    assert {(r.country_code, r.participants) for r in activity.participant_countries.all()} == {
        ("JP", 12),
        ("DE", 8),
    }


def test_an_edit_that_names_the_saved_rows_by_id_changes_them(editor_client):
    """What a browser sends: the saved rows with their ids, one changed, one removed, one
    added; no country counts twice."""
    assert editor_client.post(_url("add"), _funded_form()).status_code == 302
    activity = Activity.objects.get(slug="example-urban-gardens")
    japan, germany = (activity.participant_countries.get(country_code=c) for c in ("JP", "DE"))
    data = _funded_form(
        **opened_tokens(activity),
        **{
            "participant_countries-TOTAL_FORMS": "3",
            "participant_countries-INITIAL_FORMS": "2",
            "participant_countries-0-id": str(japan.pk),
            "participant_countries-0-participants": "15",
            "participant_countries-1-id": str(germany.pk),
            "participant_countries-1-DELETE": "1",
            "participant_countries-2-country_code": "DE",
            "participant_countries-2-participants": "9",
            "participant_countries-2-ORDER": "3",
        },
    )
    response = editor_client.post(_url("edit", activity.pk), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert {(r.country_code, r.participants) for r in activity.participant_countries.all()} == {
        ("JP", 15),
        ("DE", 9),
    }
