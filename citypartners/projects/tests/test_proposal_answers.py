"""The sender of a proposal hears from the office: on receipt and on the decision, in the
language he wrote in (whatever language the editor works in), through the outbox after the
commit, and with nothing of any other person; no e-mail without an address, none for input
the form refused.

The German subjects and texts asserted here need the German catalogue.
"""

import pytest
from django.core import mail
from django.urls import reverse

from citypartners.accounts.services import account_create
from citypartners.mail.models import OutboxMessage
from citypartners.projects import services
from citypartners.projects.models import Proposal

from .factories import ProposalFactory
from .test_get_involved import URL, VALID

pytestmark = pytest.mark.django_db

OFFICE = "international@example.org"
OTHER = {"de": "en", "en": "de"}

RECEIVED = {
    "de": ("Ihr Vorschlag Nr. {} ist eingegangen", "unter der Nummer {} bei uns eingegangen"),
    "en": ("Your proposal no. {} has arrived", "It arrived on"),
}
DECIDED = {
    ("de", "new_project"): (
        "Aus Ihrem Vorschlag Nr. {} wird ein Projekt",
        "dass wir ihn annehmen und daraus ein Projekt entwickeln",
    ),
    ("en", "new_project"): (
        "Your proposal no. {} becomes a project",
        "we accept it and are starting a project from it",
    ),
    ("de", "accept"): (
        "Ihr Vorschlag Nr. {} wurde angenommen",
        "in unsere Arbeit mit den Partnerstädten aufnehmen",
    ),
    ("en", "accept"): (
        "Your proposal no. {} is accepted",
        "take it up in our work with the partner cities",
    ),
    ("de", "decline"): (
        "Ihr Vorschlag Nr. {}: unsere Entscheidung",
        "können ihn aber leider nicht aufgreifen. Unsere Begründung:",
    ),
    ("en", "decline"): (
        "Your proposal no. {}: our decision",
        "but we cannot take it up. Our reason:",
    ),
}
GREETING = {"de": "Guten Tag,", "en": "Hello,"}


@pytest.fixture
def editor(client):
    user = account_create(
        role="state-moderator", email="editor@example.org", password="a long and careful passphrase"
    )
    client.force_login(user)
    return user


def _to_sender(address):
    return [message for message in mail.outbox if message.to == [address]]


def _decide(client, proposal, editor_lang, **changes):
    data = {
        "decline_reason": "",
        "project": "",
        "activity": "",
        "decision": "",
        "edit_version": Proposal.objects.get(pk=proposal.pk).edit_version,
        **changes,
    }
    url = reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=editor_lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_sender_is_told_in_his_language_that_the_proposal_arrived(
    client, django_capture_on_commit_callbacks, lang
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL[lang], VALID).status_code == 302
    proposal = Proposal.objects.get()
    [receipt] = _to_sender(VALID["email"])
    subject, line = RECEIVED[lang]
    assert receipt.subject == subject.format(proposal.pk)
    assert receipt.body.startswith(GREETING[lang])
    assert line.format(proposal.pk) in receipt.body
    assert receipt.reply_to == [OFFICE]  # an answer reaches the office
    # Nothing the sender typed: the form cannot send anyone's words to another's address.
    for typed in (VALID["name"], VALID["organisation_name"], VALID["text"]):
        assert typed not in receipt.body and typed not in receipt.subject
    # The office's own e-mail with the proposal still goes to the office alone.
    assert [m.to for m in mail.outbox if VALID["text"] in m.body] == [[OFFICE]]


@pytest.mark.parametrize("decision", ["new_project", "accept", "decline"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_sender_is_told_the_decision_in_his_language_not_the_editors(
    client, editor, django_capture_on_commit_callbacks, lang, decision
):
    proposal = ProposalFactory(language=lang, email="sender@example.org")
    project = services.proposal_to_project(proposal=ProposalFactory(), user=editor).project
    mail.outbox.clear()
    changes = {
        "new_project": {},
        "accept": {"project": project.pk},
        "decline": {"decline_reason": "Beispielgrund: too far / zu weit (Example)."},
    }[decision]
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, proposal, OTHER[lang], decision=decision, **changes)
    assert response.status_code == 302
    [answer] = mail.outbox
    subject, line = DECIDED[lang, decision]
    assert answer.to == ["sender@example.org"]
    assert answer.subject == subject.format(proposal.pk)
    assert answer.body.startswith(GREETING[lang]) and line in answer.body
    if decision == "decline":
        assert "Beispielgrund: too far / zu weit (Example)." in answer.body
    # No other person: not the editor who decided.
    assert "editor@example.org" not in answer.body


def test_a_decision_mail_leaves_only_after_the_commit(
    client, editor, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _decide(client, proposal, "en", decision="decline", decline_reason="Too far.")
    assert mail.outbox == [] and len(callbacks) == 1
    assert OutboxMessage.objects.get().to == [proposal.email]


def test_a_corrected_reason_is_not_sent_again(client, editor, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, proposal, "en", decision="decline", decline_reason="Too far.")
        _decide(client, proposal, "en", decision="decline", decline_reason="Too far away.")
    assert len(mail.outbox) == 1 and "Too far." in mail.outbox[0].body
    assert Proposal.objects.get().decline_reason == "Too far away."


def test_a_proposal_without_an_address_is_taken_and_only_the_office_hears_of_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL["en"], {**VALID, "email": ""}).status_code == 302
    assert Proposal.objects.get().email == ""
    assert [m.to for m in mail.outbox] == [[OFFICE]]
    assert "E-Mail: -" in mail.outbox[0].body


def test_no_decision_mail_when_the_proposal_has_no_address(
    editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decline(proposal=ProposalFactory(email=""), user=editor, reason="Far.")
        services.proposal_to_project(proposal=ProposalFactory(email=""), user=editor)
    assert Proposal.objects.filter(status__in=["declined", "accepted"]).count() == 2
    assert mail.outbox == [] and not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [{"email": "erika-at-example"}, {"consent": ""}, {"text": ""}, {"website": "http://x.example"}],
)
def test_input_the_form_refuses_stores_nothing_and_sends_nothing(
    client, django_capture_on_commit_callbacks, changes
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL["en"], {**VALID, **changes})
    assert response.status_code == 200
    assert not Proposal.objects.exists() and not OutboxMessage.objects.exists()
    assert mail.outbox == [] and callbacks == []


def test_a_decision_the_inbox_refuses_changes_nothing_and_sends_nothing(
    client, editor, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, proposal, "en", decision="decline", decline_reason="  ")
    assert response.status_code == 200
    assert "Give a reason for declining." in response.content.decode()
    assert Proposal.objects.get().status == "new"
    assert mail.outbox == [] and not OutboxMessage.objects.exists()
