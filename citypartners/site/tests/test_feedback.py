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
