"""The e-mail to the office about a proposal: queued in the outbox with the proposal, so the
sender is thanked whether or not the mail server is up, and delivered once by `send_outbox`;
`send_pending_notifications` queues it for proposals that have none."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from citypartners.core.models import OfficeSettings
from citypartners.mail.models import OutboxMessage
from citypartners.mail.tests.backends import FAILURES, MODULE, DownBackend
from citypartners.projects import services
from citypartners.projects.models import Proposal

from .test_get_involved import URL, VALID

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _post(client, captured, lang="en", **changes):
    with captured(execute=True):
        return client.post(URL[lang], {**VALID, **changes})


@pytest.mark.parametrize("failure", FAILURES, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_proposal_with_the_mail_server_down_is_confirmed_and_its_mail_waits_in_the_outbox(
    client, settings, monkeypatch, django_capture_on_commit_callbacks, failure, lang
):
    settings.MAIL_DELIVERY_BACKEND = f"{MODULE}.DownBackend"
    monkeypatch.setattr(DownBackend, "error", failure)
    response = _post(client, django_capture_on_commit_callbacks, lang)
    assert response.status_code == 302  # the sender is thanked, not asked to send again
    thanks = BeautifulSoup(client.get(response["Location"]).content.decode(), "html.parser")
    assert (
        thanks.h1.get_text()
        == {
            "de": "Vielen Dank für Ihren Vorschlag",
            "en": "Thank you for your proposal",
        }[lang]
    )
    proposal = Proposal.objects.get()
    assert proposal.notified_at is not None
    queued = OutboxMessage.objects.get(to=["international@example.org"])
    assert (queued.status, queued.attempts) == ("queued", 1)
    assert VALID["text"] in queued.body and queued.last_error
    # The sender's acknowledgement waits beside it.
    assert OutboxMessage.objects.get(to=[VALID["email"]]).status == "queued"

    # The mail server is back; the timer's next run after the wait delivers them, once.
    settings.MAIL_DELIVERY_BACKEND = LOCMEM
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("send_outbox")
    call_command("send_outbox")
    assert sorted(m.to[0] for m in mail.outbox) == [VALID["email"], "international@example.org"]
    to_office = next(m for m in mail.outbox if m.to == ["international@example.org"])
    assert VALID["text"] in to_office.body
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_no_mail_leaves_before_the_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(URL["en"], VALID)
    # One delivery per message stored (to the office, to the sender), each after the commit.
    assert mail.outbox == [] and len(callbacks) == 2
    assert list(OutboxMessage.objects.values_list("status", flat=True)) == ["queued", "queued"]


def test_a_proposal_that_has_no_mail_yet_gets_one_from_the_command_and_only_one():
    """Proposals whose mail failed before the outbox, or came while the office had no address."""
    Proposal.objects.create(
        name="Ada", email="ada@example.org", text="Trees.", consent=True, language="en"
    )
    call_command("send_pending_notifications")
    queued = OutboxMessage.objects.get()
    assert queued.to == ["international@example.org"] and "Trees." in queued.body
    assert Proposal.objects.get().notified_at is not None
    call_command("send_pending_notifications")  # nothing twice
    assert OutboxMessage.objects.count() == 1


def test_a_proposal_queued_with_its_mail_is_not_queued_again(
    client, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks)
    call_command("send_pending_notifications")
    to_office = OutboxMessage.objects.filter(to=["international@example.org"])
    assert to_office.count() == 1
    assert [m.to for m in mail.outbox].count(["international@example.org"]) == 1


def test_the_command_names_a_missing_office_address():
    OfficeSettings.objects.update(email="")
    # In English whatever language an earlier test in this process left active.
    with translation.override("en"), pytest.raises(CommandError, match="no e-mail address"):
        call_command("send_pending_notifications")


def test_a_line_break_stored_in_a_name_never_reaches_the_mail_header():
    """Defence in depth: a name stored before the forms refused line breaks."""
    proposal = Proposal.objects.create(
        name="Ada\r\nBcc: victim@example.org",
        email="ada@example.org",
        text="Trees.",
        consent=True,
        language="en",
        client_key="k",
    )
    assert services.proposal_notify_office(proposal=proposal, office_email="office@example.org")
    queued = OutboxMessage.objects.get()
    assert "\n" not in queued.subject and "\r" not in queued.subject
    assert (queued.to, queued.cc, queued.bcc) == (["office@example.org"], [], [])
