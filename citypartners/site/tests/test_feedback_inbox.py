"""The accessibility feedback inbox: the state's office reads and answers; nobody else sees it."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from citypartners.accounts.services import account_create
from citypartners.site.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
LIST = "wagtailsnippets_site_accessibilityfeedback:list"
EDIT = "wagtailsnippets_site_accessibilityfeedback:edit"


def _login(client, role, owner=None):
    user = account_create(role=role, email=f"{role}@example.org", password=PASSWORD, owner=owner)
    client.force_login(user)
    return user


@pytest.fixture
def feedback():
    return AccessibilityFeedback.objects.create(
        name="Erika Muster",
        email="erika@example.org",
        message="The map cannot be used with the keyboard.",
        language="de",
        client_key="k",
    )


@pytest.mark.parametrize("role", ["state-moderator", "state-editor"])
def test_the_state_office_sees_the_message_in_the_inbox(client, feedback, role):
    _login(client, role)
    response = client.get(reverse(LIST), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The map cannot be used with the keyboard." in html
    home = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Accessibility feedback" in home  # the menu entry
    assert client.get(reverse(EDIT, args=[feedback.pk])).status_code == 200
    answered = client.get(reverse(LIST), {"status": "answered"}).content.decode()
    assert "The map cannot be used with the keyboard." not in answered
    new = client.get(reverse(LIST), {"status": "new"}).content.decode()
    assert "The map cannot be used with the keyboard." in new


def test_a_moderator_marks_a_message_answered_and_it_is_logged(client, feedback):
    moderator = _login(client, "state-moderator")
    response = client.post(
        reverse(EDIT, args=[feedback.pk]), {"status": "answered", **_opened(feedback)}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "answered"
    assert feedback.answered_at is not None and feedback.answered_by == moderator
    assert feedback.message == "The map cannot be used with the keyboard."  # read-only
    entry = ModelLogEntry.objects.get(object_id=str(feedback.pk), action="wagtail.edit")
    assert entry.user == moderator
    listing = client.get(reverse(LIST), {"status": "answered"}).content.decode()
    assert "The map cannot be used with the keyboard." in listing
    assert moderator.email in listing or str(moderator) in listing  # who answered


def test_the_form_cannot_change_what_the_sender_wrote(client, feedback):
    _login(client, "state-editor")
    client.post(
        reverse(EDIT, args=[feedback.pk]),
        {
            "status": "new",
            "message": "changed",
            "email": "x@example.org",
            "name": "X",
            **_opened(feedback),
        },
    )
    feedback.refresh_from_db()
    assert (feedback.message, feedback.email, feedback.name) == (
        "The map cannot be used with the keyboard.",
        "erika@example.org",
        "Erika Muster",
    )
    assert feedback.status == "new" and feedback.answered_at is None


@pytest.mark.parametrize("role,owner", [("borough-editor", "mitte"), ("reviewer", None)])
def test_borough_editors_and_reviewers_neither_see_nor_open_the_inbox(
    client, feedback, role, owner
):
    _login(client, role, owner)
    assert client.get(reverse(LIST)).status_code in (302, 403)
    assert client.get(reverse(EDIT, args=[feedback.pk])).status_code in (302, 403)
    response = client.post(
        reverse(EDIT, args=[feedback.pk]), {"status": "answered", **_opened(feedback)}
    )
    assert response.status_code in (302, 403)
    feedback.refresh_from_db()
    assert feedback.status == "new"
    home = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Accessibility feedback" not in home and "accessibilityfeedback" not in home
    assert "erika@example.org" not in home


def _opened(feedback):
    """The version of the message as the edit form is opened now."""
    return {"edit_version": AccessibilityFeedback.objects.get(pk=feedback.pk).edit_version}
