"""The accessibility statement's feedback form: stored and confirmed, or refused with a reason."""

import pytest
from bs4 import BeautifulSoup

from citypartners.site.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

URLS = {"de": "/de/barrierefreiheit/", "en": "/en/accessibility/"}


def _errors(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".error-summary li")]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_feedback_is_stored_and_confirmed(client, lang):
    response = client.post(
        URLS[lang],
        {"message": "The table cannot be sorted with the keyboard.", "email": "a@example.org"},
    )
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert ("Vielen Dank" if lang == "de" else "Thank you") in thanks.content.decode()
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "The table cannot be sorted with the keyboard."
    assert feedback.email == "a@example.org"
    assert feedback.language == lang


@pytest.mark.parametrize(
    "lang,data,expected",
    [
        ("de", {"message": "   "}, "Bitte geben Sie Ihre Nachricht ein."),
        ("en", {"message": ""}, "Please write your message."),
        ("en", {"message": "x" * 5001}, "at most 5000 characters (it has 5001)"),
        ("de", {"message": "x" * 5001}, "5000"),
        ("en", {"message": "Hello", "email": "not-an-address"}, "valid e-mail address"),
    ],
)
def test_bad_feedback_is_refused_with_a_message_and_nothing_stored(client, lang, data, expected):
    response = client.post(URLS[lang], data)
    assert response.status_code == 200
    errors = _errors(response)
    assert any(expected in error for error in errors), errors
    assert AccessibilityFeedback.objects.count() == 0
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    invalid = soup.select('[aria-invalid="true"]')
    assert invalid and all(soup.find(id=el["aria-describedby"]) for el in invalid)


def test_feedback_needs_the_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URLS["en"], {"message": "Hello"})
    assert response.status_code == 403
    assert AccessibilityFeedback.objects.count() == 0


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_filled_in_trap_field_looks_like_success_and_stores_nothing(client, lang):
    response = client.post(URLS[lang], {"message": "Buy now", "website": "https://spam.example"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert AccessibilityFeedback.objects.count() == 0
    form = BeautifulSoup(client.get(URLS[lang]).content.decode(), "html.parser")
    trap = form.select_one(".honeypot input[name=website]")
    assert trap is not None and trap["tabindex"] == "-1"


def test_the_sender_is_kept_as_a_keyed_hash_never_the_address(client):
    client.post(URLS["en"], {"message": "Hello"}, REMOTE_ADDR="192.0.2.10")
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.client_key and "192.0.2.10" not in feedback.client_key
    assert feedback.status == "new" and feedback.answered_at is None


def test_one_message_too_many_from_a_client_is_refused_while_another_client_may_send(
    client, settings
):
    settings.FEEDBACK_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert (
            client.post(URLS["en"], {"message": "Hi"}, REMOTE_ADDR="198.51.100.7").status_code
            == 302
        )
    response = client.post(URLS["en"], {"message": "Hi"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    assert _errors(response) == [
        "You have sent several messages in a short time. Please try again in an hour."
    ]
    assert AccessibilityFeedback.objects.count() == 2
    response = client.post(URLS["de"], {"message": "Hallo"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200 and len(_errors(response)) == 1
    assert AccessibilityFeedback.objects.count() == 2
    assert client.post(URLS["en"], {"message": "Hi"}, REMOTE_ADDR="198.51.100.8").status_code == 302
    assert AccessibilityFeedback.objects.count() == 3


def test_messages_older_than_the_period_do_not_count(client, settings):
    import datetime

    from django.utils import timezone

    settings.FEEDBACK_RATE_LIMIT = (1, 3600)
    assert client.post(URLS["en"], {"message": "Hi"}, REMOTE_ADDR="198.51.100.7").status_code == 302
    AccessibilityFeedback.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    assert client.post(URLS["en"], {"message": "Hi"}, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert AccessibilityFeedback.objects.count() == 2
