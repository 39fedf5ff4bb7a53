"""What the owner rules mean for a borough editor and the state's staff, screen by screen."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import rich_text

from citypartners.accounts.services import account_create, role_group
from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.models import ContactPerson
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, Partnership

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


def _login(client, role, owner=None, email=None):
    user = account_create(
        email=email or f"{role}@example.org",
        password=PASSWORD,
        role=role,
        owner=owner,
    )
    client.force_login(user)
    return user


@pytest.fixture
def mitte():
    return Owner.objects.get(slug="mitte")


@pytest.fixture
def state():
    return Owner.objects.get(slug="land-berlin")


def _organisation_form(organisation, **changes):
    data = {
        "owner": organisation.owner_id,
        "name": organisation.name,
        "slug": organisation.slug,
        "type": organisation.type,
        "city": organisation.city_id,
        "website": organisation.website,
        "description_de": rich_text(organisation.description_de or "<p>x</p>"),
        "description_en": rich_text(organisation.description_en or "<p>x</p>"),
        "edit_version": organisation.edit_version,
    }
    data.update(changes)
    return data


def _edit_url(instance):
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])


def test_borough_editor_lists_own_records_and_others_published_ones_only(client, mitte, state):
    _login(client, "borough-editor", "mitte")
    own_draft = ActivityFactory(owner=mitte, live=False, title_en="Example: own draft")
    own_draft.save_revision()
    ActivityFactory(owner=state, title_en="Example: state published")
    ActivityFactory(owner=state, live=False, title_en="Example: state draft")
    page = client.get(reverse("wagtailsnippets_activities_activity:list"), {"q": "Example"})
    assert page.status_code == 200
    titles = {a.title_en for a in page.context["object_list"]}
    assert "Example: own draft" in titles
    assert "Example: state published" in titles
    assert "Example: state draft" not in titles


def test_borough_editor_cannot_change_or_delete_another_owners_records(client, state):
    _login(client, "borough-editor", "mitte")
    paris = Partnership.objects.get(owner=state, city__slug="paris")
    organisation = Organisation.objects.filter(owner=state).first()
    name = organisation.name
    response = client.post(
        _edit_url(organisation), _organisation_form(organisation, name="Hijacked")
    )
    assert response.status_code in (302, 403)
    organisation.refresh_from_db()
    assert organisation.name == name
    for model_name, record in (("partnership", paris), ("organisation", organisation)):
        app = record._meta.app_label
        client.post(reverse(f"wagtailsnippets_{app}_{model_name}:delete", args=[record.pk]))
        assert type(record).objects.filter(pk=record.pk).exists()


def test_bulk_delete_respects_the_owner(client, mitte, state):
    _login(client, "borough-editor", "mitte")
    own = Organisation.objects.create(
        owner=mitte,
        name="Beispiel Mitte",
        slug="example-mitte",
        type="ngo",
        city=City.objects.first(),
    )
    other = Organisation.objects.filter(owner=state).first()
    url = (
        reverse("wagtail_bulk_action", args=["organisations", "organisation", "delete"])
        + f"?id={own.pk}&id={other.pk}"
    )
    client.post(url)
    assert Organisation.objects.filter(pk=other.pk).exists()
    assert not Organisation.objects.filter(pk=own.pk).exists()


def test_borough_editor_edits_own_record_and_the_audit_log_records_it(client, mitte):
    user = _login(client, "borough-editor", "mitte")
    organisation = Organisation.objects.create(
        owner=mitte,
        name="Beispiel Mitte",
        slug="example-mitte",
        type="ngo",
        city=City.objects.first(),
    )
    response = client.post(
        _edit_url(organisation), _organisation_form(organisation, name="Beispiel Mitte e. V.")
    )
    assert response.status_code == 302, response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.name == "Beispiel Mitte e. V."
    entry = ModelLogEntry.objects.filter(
        object_id=str(organisation.pk), action="wagtail.edit"
    ).first()
    assert entry is not None and entry.user_id == user.pk


def test_borough_editor_may_only_give_records_to_the_own_borough(client, mitte, state):
    _login(client, "borough-editor", "mitte")
    add = reverse("wagtailsnippets_organisations_organisation:add")
    form = client.get(add).context["form"]
    assert list(form.fields["owner"].queryset) == [mitte]
    count = Organisation.objects.count()
    data = _organisation_form(
        Organisation(
            owner=state, name="Beispiel", slug="example-x", type="ngo", city=City.objects.first()
        )
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert Organisation.objects.count() == count


def test_state_editor_saves_drafts_but_only_moderators_publish(client, state):
    activity = ActivityFactory(owner=state, live=False)
    activity.save_revision()
    _login(client, "state-editor")
    page = client.get(_edit_url(activity)).content.decode()
    assert "action-publish" not in page
    client.logout()
    _login(client, "state-moderator")
    assert "action-publish" in client.get(_edit_url(activity)).content.decode()


def test_editors_forms_show_no_contact_people(client, state):
    names = list(ContactPerson.objects.values_list("name", flat=True))
    assert names
    activity = Activity.objects.filter(owner=state).first()
    for role, owner in (("state-moderator", None), ("borough-editor", "mitte")):
        client.logout()
        _login(client, role, owner, email=f"{role}-forms@example.org")
        html = client.get(reverse("wagtailsnippets_activities_activity:add")).content.decode()
        html += client.get(reverse("wagtailsnippets_projects_project:add")).content.decode()
        assert not [name for name in names if name in html], role
    client.logout()
    user = _login(client, "state-moderator", email="steward-too@example.org")

    user.groups.add(role_group("contact-steward"))
    html = client.get(_edit_url(activity)).content.decode()
    assert any(name in html for name in names)


def test_audit_log_is_for_moderators_who_filter_it_by_person(client, mitte):
    borough = _login(client, "borough-editor", "mitte")
    organisation = Organisation.objects.create(
        owner=mitte,
        name="Beispiel Mitte",
        slug="example-mitte",
        type="ngo",
        city=City.objects.first(),
    )
    client.post(
        _edit_url(organisation), _organisation_form(organisation, name="Beispiel Mitte e. V.")
    )
    client.logout()
    _login(client, "state-editor")
    assert client.get("/admin/reports/site-history/").status_code in (302, 403)
    client.logout()
    _login(client, "state-moderator")
    response = client.get(
        "/admin/reports/site-history/", {"user": borough.pk, "action": "wagtail.edit"}
    )
    assert response.status_code == 200
    assert "Beispiel Mitte e. V." in response.content.decode()
    other = client.get("/admin/reports/site-history/", {"action": "wagtail.create"})
    assert "Beispiel Mitte e. V." not in other.content.decode()


def test_second_editor_cannot_silently_overwrite_the_first(client, django_user_model, state):
    from django.test import Client

    organisation = Organisation.objects.filter(owner=state).first()
    first, second = Client(), Client()
    first.force_login(
        account_create(email="one@example.org", password=PASSWORD, role="state-editor")
    )
    second.force_login(
        account_create(email="two@example.org", password=PASSWORD, role="state-editor")
    )
    # Both open the form at the same version.
    opened = _organisation_form(organisation)
    assert (
        first.get(_edit_url(organisation)).context["form"]["edit_version"].value()
        == opened["edit_version"]
    )
    response = first.post(_edit_url(organisation), {**opened, "name": "First editor's name"})
    assert response.status_code == 302
    response = second.post(_edit_url(organisation), {**opened, "name": "Second editor's name"})
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "First editor's name"
    assert organisation.edit_version == opened["edit_version"] + 1
