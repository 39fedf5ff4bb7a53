"""Review that reaches someone: the office's workflow, its approvers, their mail and dashboard.

State editors submit partnerships, cities, activities and pages; the state's moderators get
the task (by e-mail and on their dashboard) and approve or reject it with a comment. Whoever
may publish (moderators, a borough's editors for their own records) publishes directly.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Page,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from citypartners.accounts.roles import REVIEW, ROLES, WAGTAIL_DEFAULT_WORKFLOW
from citypartners.accounts.services import account_create, roles_sync
from citypartners.activities.models import Activity
from citypartners.partnerships.models import City, Partnership

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


def _account(role, email, owner=None):
    return account_create(role=role, email=email, password=PASSWORD, owner=owner)


@pytest.fixture
def moderator():
    return _account("state-moderator", "moderator@example.org")


@pytest.fixture
def editor():
    return _account("state-editor", "editor@example.org")


def _login(client, user):
    client.force_login(user)
    return client


def _partnership_data(partnership, *, action, kind):
    documents = [
        {
            "id": d.pk,
            "kind": d.kind,
            "date": d.date.isoformat(),
            "date_precision": d.date_precision,
            "note_de": d.note_de,
            "note_en": d.note_en,
            "source": d.source,
            "is_shown": "on" if d.is_shown else "",
        }
        for d in partnership.founding_documents.all()
    ]
    statuses = [
        {"id": s.pk, "status": s.status, "valid_from": s.valid_from.isoformat()}
        for s in partnership.status_history.all()
    ]
    return nested_form_data(
        {
            action: action,
            "owner": partnership.owner_id,
            "city": partnership.city_id,
            "kind": kind,
            "focus_areas": [a.pk for a in partnership.focus_areas.all()],
            "founding_documents": inline_formset(documents, initial=len(documents)),
            "status_history": inline_formset(statuses, initial=len(statuses)),
            "verified": "on" if partnership.verified else "",
            "editor_note": partnership.editor_note,
        }
    )


def _edit(partnership):
    return reverse("wagtailsnippets_partnerships_partnership:edit", args=[partnership.pk])


def _moderators_mail(mailoutbox, address):
    return [m for m in mailoutbox if address in m.to]


def test_the_office_review_is_the_state_moderators_task_for_pages_and_records():
    workflow = Workflow.objects.get(name=REVIEW.workflow, active=True)
    (task,) = [t.specific for t in workflow.tasks.all()]
    assert isinstance(task, GroupApprovalTask)
    assert [g.name for g in task.groups.all()] == [ROLES["state-moderator"].group]
    assert Page.get_first_root_node().get_workflow() == workflow
    for model in (Partnership, City, Activity):
        assert model.get_default_workflow() == workflow, model
    # Wagtail's own default, assigned to its empty "Moderators" group, is out of the way.
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).exists()


def test_the_sync_is_idempotent_and_puts_the_workflow_back_where_it_was_taken_off():
    WorkflowContentType.objects.filter(
        content_type=ContentType.objects.get_for_model(City)
    ).delete()
    assert City.get_default_workflow() is None
    roles_sync()
    roles_sync()
    assert City.get_default_workflow().name == REVIEW.workflow
    assert Workflow.objects.filter(name=REVIEW.workflow).count() == 1
    assert GroupApprovalTask.objects.filter(name=REVIEW.task).count() == 1


def test_a_state_editors_submission_reaches_the_moderators_by_mail_and_on_their_dashboard(
    client, editor, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    paris = Partnership.objects.get(city__slug="paris", owner__kind="state")
    _login(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit(paris), _partnership_data(paris, action="action-submit",
                                                                kind="friendship"))  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    paris.refresh_from_db()
    assert paris.kind == "partnership"  # the live record waits for the review
    state = WorkflowState.objects.get(
        base_content_type=ContentType.objects.get_for_model(Partnership), object_id=str(paris.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    (mail,) = _moderators_mail(mailoutbox, moderator.email)
    assert "Paris" in mail.subject + mail.body
    assert not _moderators_mail(mailoutbox, editor.email)  # the submitter is not asked

    client.logout()
    _login(client, moderator)
    dashboard = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    html = dashboard.content.decode()
    assert "Awaiting your review" in html
    panel = html[html.index('id="awaiting-review-content"') :]
    assert f'href="{_edit(paris)}"' in panel and "Paris" in panel


def test_a_moderator_approves_with_a_comment_and_the_change_goes_live(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    paris = Partnership.objects.get(city__slug="paris", owner__kind="state")
    _login(client, editor)
    client.post(_edit(paris), _partnership_data(paris, action="action-submit", kind="friendship"))
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.logout()
    _login(client, moderator)
    url = reverse(
        "wagtailsnippets_partnerships_partnership:workflow_action",
        args=[paris.pk, "approve", task_state.pk],
    )
    response = client.post(url, {"comment": "Checked against the agreement."})
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.comment == "Checked against the agreement."
    paris.refresh_from_db()
    assert paris.kind == "friendship" and paris.live and not paris.has_unpublished_changes


def test_a_moderator_rejects_with_a_comment_and_the_live_record_stays(
    client, editor, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    paris = Partnership.objects.get(city__slug="paris", owner__kind="state")
    _login(client, editor)
    client.post(_edit(paris), _partnership_data(paris, action="action-submit", kind="friendship"))
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.logout()
    _login(client, moderator)
    url = reverse(
        "wagtailsnippets_partnerships_partnership:workflow_action",
        args=[paris.pk, "reject", task_state.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": "The date is wrong."})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "The date is wrong."
    paris.refresh_from_db()
    assert paris.kind == "partnership"
    # The submitter hears of it, with the comment.
    assert any("The date is wrong." in m.body for m in _moderators_mail(mailoutbox, editor.email))


def test_a_state_editor_cannot_publish_directly(client, editor):
    paris = Partnership.objects.get(city__slug="paris", owner__kind="state")
    _login(client, editor)
    client.post(_edit(paris), _partnership_data(paris, action="action-publish", kind="friendship"))
    paris.refresh_from_db()
    assert paris.kind == "partnership"


def test_a_borough_editor_publishes_his_boroughs_partnership_without_review(client):
    borough_editor = _account("borough-editor", "mitte@example.org", owner="mitte")
    own = Partnership.objects.get(owner__slug="mitte")
    _login(client, borough_editor)
    response = client.post(
        _edit(own), _partnership_data(own, action="action-publish", kind="friendship")
    )
    assert response.status_code == 302, response.context["form"].errors
    own.refresh_from_db()
    assert own.kind == "friendship" and own.live
    assert not WorkflowState.objects.filter(object_id=str(own.pk)).exists()


@pytest.mark.parametrize("model", ["activities_activity", "partnerships_partnership"])
def test_a_state_editor_is_offered_to_submit_an_activity_or_partnership_for_review(
    client, editor, model
):
    record = {"activities_activity": Activity, "partnerships_partnership": Partnership}[model]
    instance = record.objects.filter(live=True).order_by("pk").first()
    _login(client, editor)
    html = client.get(
        reverse(f"wagtailsnippets_{model}:edit", args=[instance.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
