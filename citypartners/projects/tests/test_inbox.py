"""The proposal inbox: accept into a project or decline with a reason; nothing is lost."""

import pytest
from django.urls import reverse

from citypartners.accounts.services import account_create, role_group
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.partnerships.models import City, FocusArea
from citypartners.projects.models import Project, Proposal
from citypartners.projects.services import proposal_to_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = account_create(
        role="state-moderator", email="editor@example.org", password="a long and careful passphrase"
    )
    client.force_login(user)
    return user


@pytest.fixture
def proposal():
    return Proposal.objects.create(
        name="Beispiel: Erika Muster",
        email="erika@example.org",
        text="A pupils' exchange.",
        consent=True,
        language="en",
        client_key="k",
        city=City.objects.get(slug="paris"),
        focus_area=FocusArea.objects.get(slug="youth-exchange"),
    )


def _form(proposal, **changes):
    data = {"decline_reason": "", "project": "", "activity": "", "decision": ""}
    # The version of the proposal as the editor opens it now.
    data["edit_version"] = Proposal.objects.get(pk=proposal.pk).edit_version
    data.update(changes)
    return data


def _edit(client, proposal, **changes):
    url = reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk])
    return client.post(url, _form(proposal, **changes), HTTP_ACCEPT_LANGUAGE="en")


def test_editor_turns_a_proposal_into_a_project_that_the_city_page_shows(client, editor, proposal):
    assert (
        client.get(
            reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk])
        ).status_code
        == 200
    )
    response = _edit(client, proposal, decision="new_project")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.decided_by == editor
    project = proposal.project
    assert project.status == "proposed"
    assert [p.city.slug for p in project.partnerships.all()] == ["paris"]
    assert [a.slug for a in project.focus_areas.all()] == ["youth-exchange"]
    assert Proposal.objects.count() == 1  # the proposal stays in the inbox


def test_decline_needs_a_reason_and_keeps_the_proposal(client, editor, proposal):
    response = _edit(client, proposal, decision="decline")
    assert response.status_code == 200
    assert "Give a reason for declining." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "new"
    response = _edit(
        client, proposal, decision="decline", decline_reason="Outside our partner cities."
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == ("declined", "Outside our partner cities.")


def test_accept_into_an_existing_project(client, editor, proposal):
    project = Project.objects.create(
        title_de="Beispiel", title_en="Example", slug="example-project"
    )
    assert _edit(client, proposal, decision="accept").status_code == 200
    assert _edit(client, proposal, decision="accept", project=project.pk).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.project == project


def test_contact_people_are_only_for_contact_data_stewards(client, editor):
    person = ContactPersonFactory(name="Beispiel: Geheim (Example)")
    url = reverse("wagtailsnippets_contacts_contactperson:list")
    assert client.get(url).status_code in (302, 403)
    assert person.name not in client.get("/admin/").content.decode()
    editor.groups.add(role_group("contact-steward"))
    response = client.get(url)
    assert response.status_code == 200 and person.name in response.content.decode()


ALREADY = "This proposal has already been turned into a project"


def test_a_second_new_project_decision_is_refused_with_a_message(client, editor, proposal):
    assert _edit(client, proposal, decision="new_project").status_code == 302
    # The same form sent again (a reload, a double click, a second tab).
    response = _edit(client, proposal, decision="new_project")
    assert response.status_code == 200
    assert ALREADY in response.content.decode()
    assert Project.objects.filter(slug=f"proposal-no-{proposal.pk}").count() == 1
    assert Project.objects.filter(proposals=proposal).count() == 1


def test_the_service_makes_one_project_per_proposal(editor, proposal):
    from django.core.exceptions import ValidationError

    proposal_to_project(proposal=proposal, user=editor)
    with pytest.raises(ValidationError, match=ALREADY):
        proposal_to_project(proposal=Proposal.objects.get(pk=proposal.pk), user=editor)
    assert Project.objects.filter(slug=f"proposal-no-{proposal.pk}").count() == 1


def test_a_refusal_only_the_service_sees_is_a_form_message_and_saves_nothing(
    client, editor, proposal
):
    """Another editor's request between the form's check and the service's."""
    from unittest import mock

    proposal_to_project(proposal=proposal, user=editor)
    with mock.patch(
        "citypartners.projects.forms_admin.proposal_to_project_errors", return_value=[]
    ):
        response = _edit(client, proposal, decision="new_project", decline_reason="changed")
    assert response.status_code == 200
    assert ALREADY in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.decline_reason == ""  # the editor's other changes were rolled back too


def test_a_proposal_whose_project_was_deleted_can_become_a_project_again(editor, proposal):

    proposal_to_project(proposal=proposal, user=editor).project.delete()
    proposal.refresh_from_db()
    assert proposal_to_project(proposal=proposal, user=editor).project is not None


def test_a_decline_is_not_overwritten_by_a_second_editors_new_project(client, editor, proposal):
    """Issue 11, item 4: two editors open the proposal; the first declines it; the second,
    still on the form opened before, turns it into a project: refused, nothing created."""
    opened = _form(proposal)  # both open the form now, at the same version
    declined = {**opened, "decision": "decline", "decline_reason": "Outside our partner cities."}
    url = reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk])
    assert client.post(url, declined).status_code == 302
    projects = Project.objects.count()
    response = client.post(url, {**opened, "decision": "new_project"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Someone else saved this record after you opened it." in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.project) == ("declined", None)
    assert Project.objects.count() == projects
