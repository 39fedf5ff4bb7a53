"""Summaries in a partner city's languages: the service checks language and length and saves
nothing it refuses; the back office edits them on the city's own form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from citypartners.accounts.services import account_create
from citypartners.core.tests.edit_tokens import opened_tokens
from citypartners.partnerships.models import CitySummary
from citypartners.partnerships.models.summary import SUMMARY_MAX_LENGTH
from citypartners.partnerships.services import city_summary_set

from .factories import CityFactory

pytestmark = pytest.mark.django_db

HEBREW = "ברלין ותל אביב-יפו הן ערים תאומות."


def test_a_summary_is_saved_with_its_direction_derived_from_the_language():
    city = CityFactory()
    hebrew = city_summary_set(city=city, language="he", text=HEBREW)
    polish = city_summary_set(city=city, language="pl", text="Berlin i Warszawa.")
    assert (hebrew.direction, polish.direction) == ("rtl", "ltr")
    assert [s.language for s in city.summaries.all()] == ["he", "pl"]
    # The city is published with them: its live revision holds both.
    city.refresh_from_db()
    revision = city.live_revision.as_object()
    assert sorted(s.language for s in revision.summaries.all()) == ["he", "pl"]


def test_a_second_text_in_the_same_language_replaces_the_first():
    city = CityFactory()
    city_summary_set(city=city, language="fr", text="Premier texte.")
    city_summary_set(city=city, language="fr", text="Second texte.", is_example=True)
    assert list(CitySummary.objects.filter(city=city).values_list("text", "is_example")) == [
        ("Second texte.", True)
    ]


def test_an_unknown_language_code_is_refused_with_a_clear_message_and_nothing_is_saved():
    city = CityFactory()
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            city_summary_set(city=city, language="xx", text="Something.")
        # The message is lazy: read while English is active.
        message = refused.value.message_dict["language"][0]
    assert "“xx” is not one of the languages offered for summaries" in message
    assert "BCP 47" in message
    assert not CitySummary.objects.filter(city=city).exists()
    assert city.live_revision_id is None


def test_a_text_too_long_is_refused_with_its_length_and_nothing_is_saved():
    city = CityFactory()
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            city_summary_set(city=city, language="pl", text="a" * (SUMMARY_MAX_LENGTH + 1))
        assert refused.value.message_dict["text"] == [
            f"A summary is short: at most {SUMMARY_MAX_LENGTH} characters "
            f"(this one has {SUMMARY_MAX_LENGTH + 1})."
        ]
    with translation.override("de"):
        assert refused.value.message_dict["text"] == [
            f"Ein Kurztext ist kurz: höchstens {SUMMARY_MAX_LENGTH} Zeichen "
            f"(dieser hat {SUMMARY_MAX_LENGTH + 1})."
        ]
    assert not CitySummary.objects.filter(city=city).exists()


def _city_form(city, summaries):
    return nested_form_data(
        {
            "action-publish": "action-publish",
            "name_en": city.name_en,
            "name_de": city.name_de,
            "name_local": city.name_local,
            "slug": city.slug,
            "country_code": city.country_code,
            "latitude": "",
            "longitude": "",
            "geonames_id": "",
            "wikidata_id": "",
            "summaries": inline_formset(summaries),
        }
    )


def test_an_editor_adds_a_summary_on_the_citys_form_choosing_the_language_by_name(client):
    user = account_create(role="state-moderator", email="editor@example.org", password="x" * 20)
    client.force_login(user)
    city = CityFactory()
    url = reverse("wagtailsnippets_partnerships_city:edit", args=[city.pk])
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Summaries in the partner city&#x27;s languages" in form
    assert "Hebrew – עברית (he)" in form
    response = client.post(url, _city_form(city, [{"language": "he", "text": HEBREW}]))
    assert response.status_code == 302
    assert [(s.language, s.text) for s in city.summaries.all()] == [("he", HEBREW)]


def test_the_citys_form_refuses_an_unknown_language_and_keeps_the_city_as_it_was(client):
    user = account_create(role="state-moderator", email="editor@example.org", password="x" * 20)
    client.force_login(user)
    city = CityFactory()
    url = reverse("wagtailsnippets_partnerships_city:edit", args=[city.pk])
    response = client.post(
        url,
        _city_form(city, [{"language": "klingon", "text": "nuqneH"}]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "is not one of the languages offered for summaries" in response.content.decode()
    assert not CitySummary.objects.filter(city=city).exists()


def test_a_hand_made_post_of_a_saved_language_again_without_its_id_is_refused(client):
    """A script posting the summaries afresh, without their ids, adds them to the saved ones:
    a language twice. A clear message and nothing changed, not a 500 from the database."""
    user = account_create(role="state-moderator", email="editor@example.org", password="x" * 20)
    client.force_login(user)
    city = CityFactory()
    city_summary_set(city=city, language="he", text=HEBREW)
    url = reverse("wagtailsnippets_partnerships_city:edit", args=[city.pk])
    data = _city_form(city, [{"language": "he", "text": "שלום"}]) | opened_tokens(city)
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This city already has a summary in this language." in response.content.decode()
    assert [(s.language, s.text) for s in city.summaries.all()] == [("he", HEBREW)]
