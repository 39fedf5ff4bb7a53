"""The office is told of accessibility feedback by e-mail, through the outbox: the sender is
thanked whether or not the mail server is up, and the mail goes out once it is."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from citypartners.core.models import OfficeSettings
from citypartners.mail.models import OutboxMessage
from citypartners.mail.tests.backends import MODULE
from citypartners.site.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

URLS = {"de": "/de/barrierefreiheit/", "en": "/en/accessibility/"}
MESSAGE = "The table cannot be sorted with the keyboard."


def test_feedback_is_mailed_to_the_office_after_the_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URLS["en"], {"message": MESSAGE, "email": "a@example.org"})
    assert response.status_code == 302
    (sent,) = mail.outbox
    feedback = AccessibilityFeedback.objects.get()
    assert sent.to == ["international@example.org"]
    assert MESSAGE in sent.body and "a@example.org" in sent.body
    assert f"/admin/snippets/site/accessibilityfeedback/edit/{feedback.pk}/" in sent.body


@pytest.mark.parametrize("lang", ["de", "en"])
def test_feedback_with_the_mail_server_down_is_confirmed_and_its_mail_waits_in_the_outbox(
    client, settings, django_capture_on_commit_callbacks, lang
):
    settings.MAIL_DELIVERY_BACKEND = f"{MODULE}.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URLS[lang], {"message": MESSAGE})
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert ("Vielen Dank" if lang == "de" else "Thank you") in thanks.content.decode()
    assert AccessibilityFeedback.objects.count() == 1
    queued = OutboxMessage.objects.get()
    assert queued.status == "queued" and MESSAGE in queued.body

    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 1


def test_no_office_address_no_mail(client):
    OfficeSettings.objects.update(email="")
    assert client.post(URLS["en"], {"message": MESSAGE}).status_code == 302
    assert AccessibilityFeedback.objects.count() == 1 and OutboxMessage.objects.count() == 0


def test_a_bot_caught_by_the_trap_field_makes_no_mail(client):
    client.post(URLS["en"], {"message": "Buy now", "website": "https://spam.example"})
    assert OutboxMessage.objects.count() == 0
