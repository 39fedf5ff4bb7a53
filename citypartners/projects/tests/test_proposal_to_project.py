"""From proposal to project: the proposal keeps the language it was written in, the project
made from it starts in that language only and carries nothing of its sender, and the editor
who made it lands on it.

The German strings asserted here (the editor's message in German) need the German catalogue.
"""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from citypartners.accounts.services import account_create
from citypartners.partnerships.models import City, FocusArea
from citypartners.projects.models import Project, Proposal
from citypartners.projects.services import proposal_to_project

from .factories import ProposalFactory
from .test_get_involved import URL, VALID

pytestmark = pytest.mark.django_db

TITLE = {"de": "Vorschlag Nr. {}", "en": "Proposal no. {}"}
SLUG = {"de": "vorschlag-nr-{}", "en": "proposal-no-{}"}
OTHER = {"de": "en", "en": "de"}


@pytest.fixture
def editor(client):
    user = account_create(
        role="state-moderator", email="editor@example.org", password="a long and careful passphrase"
    )
    client.force_login(user)
    return user


def _decide(client, proposal, lang, **changes):
    """The editor's decision through the inbox's form, with the back office in `lang`."""
    data = {
        "decline_reason": "",
        "project": "",
        "activity": "",
        "decision": "",
        "edit_version": Proposal.objects.get(pk=proposal.pk).edit_version,
        **changes,
    }
    url = reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_proposal_keeps_the_language_of_the_page_it_was_sent_from(client, lang):
    assert client.post(URL[lang], VALID).status_code == 302
    assert Proposal.objects.get().language == lang


def test_stored_languages_outside_the_sites_become_one_of_its_languages():
    migration = importlib.import_module(
        "citypartners.projects.migrations.0005_proposal_original_language"
    )
    regional, empty, foreign, german = (ProposalFactory() for _ in range(4))
    for proposal, code in ((regional, "en-gb"), (empty, ""), (foreign, "fr"), (german, "de")):
        Proposal.objects.filter(pk=proposal.pk).update(language=code)
    migration._languages_of_the_site(apps, None)
    assert [Proposal.objects.get(pk=p.pk).language for p in (regional, empty, foreign, german)] == [
        "en",
        "de",
        "de",
        "de",
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_project_starts_in_the_proposals_language_and_leaves_the_other_empty(editor, lang):
    proposal = ProposalFactory(
        language=lang,
        city=City.objects.get(slug="paris"),
        focus_area=FocusArea.objects.get(slug="youth-exchange"),
    )
    project = proposal_to_project(proposal=proposal, user=editor).project
    assert getattr(project, f"title_{lang}") == TITLE[lang].format(proposal.pk)
    assert getattr(project, f"title_{OTHER[lang]}") == ""
    assert project.description_de == project.description_en == ""
    assert project.slug == SLUG[lang].format(proposal.pk)
    assert project.status == "proposed"
    assert [p.city.slug for p in project.partnerships.all()] == ["paris"]


def _text_values(project):
    return {
        field.name: str(getattr(project, field.name))
        for field in Project._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    }


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_senders_name_is_in_no_field_of_the_project_nor_on_its_public_record(
    client, editor, lang
):
    proposal = ProposalFactory(
        name="Erika Mustermann",
        email="erika.mustermann@example.org",
        organisation_name="Beispielverein (Example)",
        text="Ein Chorfestival mit Paris. Viele Grüße, Erika Mustermann",
        language=lang,
    )
    project = proposal_to_project(proposal=proposal, user=editor).project
    values = _text_values(project)
    assert {"slug", "title_de", "title_en", "description_de", "description_en"} <= set(values)
    for name, value in values.items():
        assert "erika" not in value.lower() and "mustermann" not in value.lower(), name
    # Published unchanged, the project's public record names nobody either.
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PLANNED)
    for page_lang in ("de", "en"):
        response = client.get(f"/api/v1/projects/{project.slug}/", {"lang": page_lang})
        assert response.status_code == 200
        body = response.content.decode()
        assert TITLE[lang].format(proposal.pk) in body
        assert "Erika" not in body and "Mustermann" not in body


@pytest.mark.parametrize(
    "editor_lang,message",
    [
        ("en", "The proposal is now the project"),
        ("de", "Der Vorschlag ist jetzt das Projekt"),
    ],
)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_after_turning_a_proposal_into_a_project_the_editor_lands_on_that_project(
    client, editor, lang, editor_lang, message
):
    proposal = ProposalFactory(language=lang)
    response = _decide(client, proposal, editor_lang, decision="new_project")
    project = Proposal.objects.get(pk=proposal.pk).project
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_projects_project:edit", args=[project.pk]
    )
    page = BeautifulSoup(
        client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=editor_lang).content.decode(),
        "html.parser",
    )
    shown = page.select_one(".messages").get_text(" ", strip=True)
    # In the editor's language, naming the project by its title in the proposal's language.
    assert message in shown and TITLE[lang].format(proposal.pk) in shown
    assert page.find("input", attrs={"name": f"title_{lang}"})["value"] == TITLE[lang].format(
        proposal.pk
    )


def test_other_decisions_go_back_to_the_inbox(client, editor):
    proposal = ProposalFactory()
    response = _decide(client, proposal, "en", decision="decline", decline_reason="Too far.")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_projects_proposal:list")


def test_a_refused_new_project_decision_makes_no_project(client, editor):
    proposal = ProposalFactory()
    assert _decide(client, proposal, "en", decision="new_project").status_code == 302
    response = _decide(client, proposal, "en", decision="new_project")
    assert response.status_code == 200
    assert "has already been turned into a project" in response.content.decode()
    assert Project.objects.filter(proposals=proposal).count() == 1


def test_a_project_needs_a_title_in_one_language_at_least():
    project = Project(slug="example-untitled", title_de=" ", title_en="")
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            project.full_clean()
        # The message is lazy: read while English is active, not in whatever language the
        # test before left active.
        assert refused.value.message_dict["title_de"] == [
            "Give the project a title, in German or in English."
        ]
    Project(slug="example-english-only", title_en="Example").full_clean()


def test_the_new_project_is_in_the_site_history_under_its_title_only(editor):
    proposal = ProposalFactory(name="Erika Mustermann", language="en")
    project = proposal_to_project(proposal=proposal, user=editor).project
    entry = ModelLogEntry.objects.get(
        content_type__model="project", object_id=str(project.pk), action="wagtail.create"
    )
    assert (entry.user, entry.label) == (editor, f"Proposal no. {proposal.pk}")
