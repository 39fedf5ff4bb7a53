"""What each role sees of records it may not see, screen by screen (accounts.visibility).

The permission matrix searches every back-office response for such records; these tests
show the same rules on single screens, each with the account that may see the record.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from citypartners.accounts.services import account_create
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.owners.models import Owner
from citypartners.site.models import StandardPage

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


def _login(client, role, owner=None):
    user = account_create(email=f"{role}@example.org", password=PASSWORD, role=role, owner=owner)
    client.force_login(user)
    return user


def _url(name, *args, model=("activities", "activity")):
    return reverse(f"wagtailsnippets_{model[0]}_{model[1]}:{name}", args=args)


@pytest.fixture
def state():
    return Owner.objects.get(slug="land-berlin")


@pytest.fixture
def mitte():
    return Owner.objects.get(slug="mitte")


@pytest.fixture
def state_draft(state):
    draft = ActivityFactory(owner=state, live=False, title_de="Entwurf X", title_en="Draft X")
    draft.save_revision()
    return draft


@pytest.fixture
def changed_activity(state):
    """The state's published activity with a change not yet published."""
    activity = ActivityFactory(owner=state, title_de="Veröffentlicht Y", title_en="Published Y")
    activity.save_revision().publish()
    activity.title_de = activity.title_en = "Unpublished change Y"
    activity.save_revision()
    return activity


def _bulk_delete(*records, select_all=False):
    ids = "id=all" if select_all else "&".join(f"id={record.pk}" for record in records)
    return reverse("wagtail_bulk_action", args=["activities", "activity", "delete"]) + f"?{ids}"


def test_bulk_confirmation_names_only_the_records_the_account_may_see(
    client, mitte, state, state_draft
):
    own = ActivityFactory(owner=mitte, title_de="Eigene Z", title_en="Own Z")
    others = ActivityFactory(owner=state, title_de="Fremde Z", title_en="Others Z")
    _login(client, "borough-editor", "mitte")
    for url in (_bulk_delete(own, others, state_draft), _bulk_delete(select_all=True)):
        html = client.get(url).content.decode()
        assert own.title_de in html
        assert others.title_de in html  # published: named among those it may not delete
        assert "Entwurf X" not in html
    assert client.get(_bulk_delete(state_draft)).status_code == 404
    client.post(_bulk_delete(own, state_draft))
    assert not type(own).objects.filter(pk=own.pk).exists()
    assert type(own).objects.filter(pk=state_draft.pk).exists()

    client.logout()
    _login(client, "state-editor")
    assert "Entwurf X" in client.get(_bulk_delete(state_draft)).content.decode()


def test_bulk_actions_on_a_model_the_account_may_not_see_are_refused(client):
    person = ContactPersonFactory(name="Secret Person Q")
    url = reverse("wagtail_bulk_action", args=["contacts", "contactperson", "delete"])
    _login(client, "reviewer")
    response = client.get(f"{url}?id={person.pk}")
    assert response.status_code == 403
    assert "Secret Person Q" not in response.content.decode()


def test_inspect_view_names_contact_people_only_to_those_who_may_see_them(
    client, django_user_model, state
):
    activity = ActivityFactory(owner=state)
    activity.contacts.set([ContactPersonFactory(name="Secret Person Q")])
    activity.save()
    _login(client, "state-moderator")
    html = client.get(_url("inspect", activity.pk)).content.decode()
    assert activity.title_de in html
    assert "Secret Person Q" not in html

    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    assert "Secret Person Q" in client.get(_url("inspect", activity.pk)).content.decode()


def test_another_owners_unpublished_change_is_shown_as_published(client, changed_activity):
    _login(client, "borough-editor", "mitte")
    for view in ("inspect", "history", "usage"):
        html = client.get(_url(view, changed_activity.pk)).content.decode()
        assert "Veröffentlicht Y" in html, view
        assert "Unpublished change Y" not in html, view
    revision = changed_activity.latest_revision_id
    response = client.get(_url("revisions_view", changed_activity.pk, revision))
    assert response.status_code == 302  # Wagtail's answer to a refusal: back to the dashboard
    assert response["Location"] == reverse("wagtailadmin_home")

    client.logout()
    _login(client, "reviewer")  # an account of the state
    html = client.get(_url("inspect", changed_activity.pk)).content.decode()
    assert "Unpublished change Y" in html


def test_snippet_chooser_offers_another_owners_drafts_only_to_state_accounts(client, state_draft):
    choose = reverse("wagtailsnippetchoosers_activities_activity:choose_results")
    chosen = reverse("wagtailsnippetchoosers_activities_activity:chosen", args=[state_draft.pk])
    chosen_multiple = reverse("wagtailsnippetchoosers_activities_activity:chosen_multiple")
    _login(client, "borough-editor", "mitte")
    assert "Entwurf X" not in client.get(choose, {"q": "Entwurf"}).content.decode()
    assert client.get(chosen).status_code == 404
    assert "Entwurf X" not in client.get(chosen_multiple, {"id": state_draft.pk}).content.decode()

    client.logout()
    _login(client, "state-editor")
    assert "Entwurf X" in client.get(choose, {"q": "Entwurf"}).content.decode()
    assert client.get(chosen).status_code == 200


def test_page_chooser_offers_unpublished_pages_only_to_page_editors(client):
    home = Page.objects.get(depth=2, locale__language_code="de")
    page = home.add_child(instance=StandardPage(title="Unpublished P", slug="p", live=False))
    browse = reverse("wagtailadmin_choose_page_child", args=[home.pk])
    _login(client, "borough-editor", "mitte")
    assert "Unpublished P" not in client.get(browse).content.decode()
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk])).status_code == 403
    chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
    assert client.get(chosen, {"id": page.pk}).status_code == 403

    client.logout()
    _login(client, "state-editor")
    assert "Unpublished P" in client.get(browse).content.decode()


def test_localize_snippet_api_lists_contact_people_to_no_page_editor(client):
    ContactPersonFactory(name="Secret Person Q")
    _login(client, "state-moderator")
    url = reverse("wagtail_localize:snippets_api_listing", args=["contacts", "contactperson"])
    response = client.get(url)
    assert response.status_code == 403
    assert "Secret Person Q" not in response.content.decode()
    url = reverse("wagtail_localize:snippets_api_listing", args=["projects", "project"])
    assert client.get(url).status_code == 200
