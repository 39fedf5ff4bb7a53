"""Get involved: the contact-person finder (consented people only) and the proposal form."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from citypartners.activities.models import Activity
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.partnerships.models import FocusArea, Partnership
from citypartners.projects.models import Project, Proposal
from citypartners.site.tests.pages import all_public_urls

pytestmark = pytest.mark.django_db

URL = {"de": "/de/mitmachen/", "en": "/en/get-involved/"}


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def paris_people():
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    culture = FocusArea.objects.get(slug="culture")
    shown = ContactPersonFactory(
        name="Beispiel: Ada Muster (Example)",
        consent_public=True,
        partnerships=[paris],
        focus_areas=[culture],
    )
    hidden = ContactPersonFactory(
        name="Beispiel: Verborgene Person (Example)",
        consent_public=False,
        partnerships=[paris],
        focus_areas=[culture],
    )
    return shown, hidden


def test_finder_shows_only_people_who_agreed(client, paris_people):
    shown, hidden = paris_people
    for lang in ("de", "en"):
        soup = _soup(client.get(URL[lang], {"city": "paris", "focus": "culture"}))
        text = soup.select_one(".people").get_text()
        assert shown.name in text and shown.email in text
        assert hidden.name not in soup.get_text() and hidden.email not in soup.get_text()


def test_finder_without_match_offers_the_office(client, paris_people):
    soup = _soup(client.get(URL["en"], {"city": "madrid"}))
    assert "We have no contact person to show" in soup.get_text()
    assert soup.find("a", href="mailto:international@example.org")


def test_finder_with_unknown_city_says_so(client):
    soup = _soup(client.get(URL["en"], {"city": "atlantis"}))
    assert "There is no partner city with this name." in soup.get_text()


def test_hidden_people_appear_on_no_public_page(client, paris_people):
    _shown, hidden = paris_people

    # Linked everywhere a person can be linked: partnership, project, activity.
    project = Project.objects.get(slug="example-school-gardens-berlin-paris")
    project.contacts.add(hidden)
    project.save()
    activity = Activity.objects.filter(live=True, is_public=True).first()
    activity.contacts.add(hidden)
    activity.save()

    for url in all_public_urls() + ["/en/feeds/activities.ics", "/de/suche/?q=Verborgene"]:
        body = client.get(url).content.decode()
        assert hidden.name not in body and hidden.email not in body, url


VALID = {
    "name": "Beispiel: Erika Muster",
    "organisation_name": "Beispiel-Schule (Example)",
    "email": "erika@example.org",
    "city": "paris",
    "focus_area": "youth-exchange",
    "text": "A pupils' exchange on urban gardening.",
    "consent": "on",
    "website": "",
}


def test_proposal_is_stored_mailed_to_the_office_and_confirmed(
    client, django_capture_on_commit_callbacks
):
    # The e-mail leaves only once the proposal is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL["de"], VALID, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302
    thanks = _soup(client.get(response["Location"]))
    assert thanks.h1.get_text() == "Vielen Dank für Ihren Vorschlag"
    proposal = Proposal.objects.get()
    assert (proposal.name, proposal.city.slug, proposal.focus_area.slug) == (
        "Beispiel: Erika Muster",
        "paris",
        "youth-exchange",
    )
    assert proposal.status == "new" and proposal.language == "de" and proposal.consent
    assert "192.0.2.10" not in proposal.client_key
    # One e-mail to the office with the proposal, one to the sender that it arrived.
    assert sorted(message.to for message in mail.outbox) == [
        ["erika@example.org"],
        ["international@example.org"],
    ]
    to_office = next(m for m in mail.outbox if m.to == ["international@example.org"])
    assert "urban gardening" in to_office.body


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"name": ""}, "Please enter your name."),
        ({"email": "erika-at-example"}, "Please enter a valid e-mail address"),
        ({"text": ""}, "Please describe your proposal."),
        ({"text": "x" * 4001}, "at most 4000 characters (it has 4001)"),
        ({"consent": ""}, "Please agree that we store your data"),
        ({"city": "atlantis"}, "There is no partner city with this name."),
        ({"website": "http://spam.example"}, "Please leave the last field empty."),
    ],
)
def test_bad_proposals_are_refused_with_a_message_and_nothing_is_stored(client, changes, message):
    response = client.post(URL["en"], {**VALID, **changes})
    soup = _soup(response)
    assert message in soup.select_one(".error-summary").get_text()
    assert Proposal.objects.count() == 0 and mail.outbox == []


def test_messages_are_in_the_visitors_language(client):
    soup = _soup(client.post(URL["de"], {**VALID, "name": ""}))
    assert "Bitte geben Sie Ihren Namen an." in soup.select_one(".error-summary").get_text()


def test_rate_limit_per_address(client, settings):
    settings.PROPOSAL_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert client.post(URL["en"], VALID, REMOTE_ADDR="198.51.100.7").status_code == 302
    soup = _soup(client.post(URL["en"], VALID, REMOTE_ADDR="198.51.100.7"))
    assert "several proposals in a short time" in soup.select_one(".error-summary").get_text()
    assert Proposal.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL["en"], VALID, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_proposal_needs_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL["en"], VALID).status_code == 403
    assert Proposal.objects.count() == 0


def test_city_page_links_to_the_finder_and_the_form_for_that_city(client):
    soup = _soup(client.get("/en/paris/"))
    link = soup.find("section", attrs={"aria-labelledby": "involved-heading"}).a["href"]
    assert link == "/en/get-involved/?city=paris&propose_for=paris#finder-heading"
    form_page = _soup(client.get(link.split("#")[0]))
    assert form_page.select_one("#id_city option[selected]")["value"] == "paris"


def test_behind_a_proxy_the_rate_limit_is_per_client_and_forged_headers_do_not_reset_it(
    client, settings
):
    settings.PROPOSAL_RATE_LIMIT = (2, 3600)
    settings.TRUSTED_PROXY_COUNT = 1

    def post(forwarded):
        return client.post(URL["en"], VALID, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for n in range(2):
        assert post(f"192.0.2.{n}, 203.0.113.5").status_code == 302
    soup = _soup(post("192.0.2.77, 203.0.113.5"))
    assert "several proposals in a short time" in soup.select_one(".error-summary").get_text()
    # Another client behind the same proxy is not affected.
    assert post("198.51.100.20").status_code == 302
    assert Proposal.objects.count() == 3
