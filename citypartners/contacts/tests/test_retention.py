"""`unlinked_since` notes when a person lost their last partnership, whoever writes: the
services, the back-office form, and the recompute after writes that skip them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from citypartners.accounts.services import account_create, role_group
from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import (
    contact_create,
    contact_retention_recompute,
    contact_update,
    contacts_past_retention,
)
from citypartners.partnerships.models import Partnership

from .factories import ContactPersonFactory

pytestmark = pytest.mark.django_db


def _partnership(city):
    return Partnership.objects.get(owner__slug="land-berlin", city__slug=city)


def _unlinked_since(person):
    return ContactPerson.objects.values_list("unlinked_since", flat=True).get(pk=person.pk)


def test_contact_create_notes_a_person_without_partnership_only():
    alone = contact_create(name="Beispiel Allein", consent_stored_how="Example form")
    linked = contact_create(
        name="Beispiel Verbunden",
        consent_stored_how="Example form",
        partnerships=[_partnership("paris")],
    )
    assert _unlinked_since(alone) is not None
    assert _unlinked_since(linked) is None
    assert list(linked.partnerships.all()) == [_partnership("paris")]


def test_losing_the_last_partnership_through_the_service_starts_the_clock():
    person = ContactPersonFactory(partnerships=[_partnership("paris"), _partnership("warsaw")])
    contact_update(person=person, partnerships=[_partnership("warsaw")])
    assert _unlinked_since(person) is None
    before = timezone.now()
    contact_update(person=person, partnerships=[])
    since = _unlinked_since(person)
    assert since is not None and since >= before
    # Other changes keep the date; a new link clears it.
    contact_update(person=person, role_en="Chair")
    assert _unlinked_since(person) == since
    contact_update(person=person, partnerships=[_partnership("paris")])
    assert _unlinked_since(person) is None


def test_factories_give_the_same_unlinked_since_as_the_services():
    assert _unlinked_since(ContactPersonFactory()) is not None
    assert _unlinked_since(ContactPersonFactory(partnerships=[_partnership("paris")])) is None


def test_recompute_after_links_removed_behind_the_services_back():
    gone = ContactPersonFactory(partnerships=[_partnership("paris")])
    kept = ContactPersonFactory(partnerships=[_partnership("paris"), _partnership("warsaw")])
    ContactPerson.partnerships.through.objects.filter(
        partnership=_partnership("paris"), contactperson__in=[gone, kept]
    ).delete()
    assert _unlinked_since(gone) is None  # stale until recomputed
    now = timezone.now()
    assert contact_retention_recompute(people=ContactPerson.objects.all(), now=now) == 1
    assert _unlinked_since(gone) == now
    assert _unlinked_since(kept) is None
    assert contact_retention_recompute() == 0


def test_recompute_of_people_given_as_objects_updates_them_too():
    person = ContactPersonFactory(partnerships=[_partnership("paris")])
    person.partnerships.clear()
    person.save()  # a plain save derives nothing
    assert _unlinked_since(person) is None
    assert contact_retention_recompute(people=[person]) == 1
    assert person.unlinked_since is not None
    later = timezone.now() + datetime.timedelta(days=3 * 365 + 1)
    assert person in contacts_past_retention(now=later)
    # Linked again behind the services' back: the recompute clears the date.
    ContactPerson.partnerships.through.objects.create(
        contactperson=person, partnership=_partnership("warsaw")
    )
    assert contact_retention_recompute(people=[person]) == 1
    assert person.unlinked_since is None and _unlinked_since(person) is None


@pytest.fixture
def steward(client):
    user = account_create(
        role="state-moderator",
        email="retention-steward@example.org",
        password="a long and careful passphrase",
    )
    user.groups.add(role_group("contact-steward"))
    client.force_login(user)
    return user


def _form(person, partnerships):
    return {
        "name": person.name,
        "role_de": person.role_de,
        "role_en": person.role_en,
        "organisation": person.organisation_id or "",
        "email": person.email,
        "phone": person.phone,
        "languages": person.languages,
        "partnerships": [p.pk for p in partnerships],
        "focus_areas": [],
        "consent_stored_on": person.consent_stored_on.isoformat(),
        "consent_stored_how": person.consent_stored_how,
        "consent_public_on": "",
        # The version as the form is opened now (none for a new person).
        "edit_version": ContactPerson.objects.filter(pk=person.pk)
        .values_list("edit_version", flat=True)
        .first()
        or 0,
    }


def test_removing_the_last_partnership_in_the_back_office_starts_the_clock(client, steward):
    person = ContactPersonFactory(partnerships=[_partnership("paris")])
    edit = reverse("wagtailsnippets_contacts_contactperson:edit", args=[person.pk])
    response = client.post(edit, _form(person, []))
    assert response.status_code == 302, response.context["form"].errors
    assert not person.partnerships.exists()
    assert _unlinked_since(person) is not None
    response = client.post(edit, _form(person, [_partnership("warsaw")]))
    assert response.status_code == 302, response.context["form"].errors
    assert _unlinked_since(person) is None


def test_adding_a_person_in_the_back_office_without_partnership_starts_the_clock(client, steward):
    template = ContactPersonFactory.build(name="Beispiel Neu", organisation=None)
    response = client.post(
        reverse("wagtailsnippets_contacts_contactperson:add"), _form(template, [])
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _unlinked_since(ContactPerson.objects.get(name="Beispiel Neu")) is not None


def test_a_withdrawn_public_consent_does_not_come_back(client, steward):
    """Issue 11, item 4: one steward records that the person withdrew the public consent;
    a second, on a form opened before, saves another change: refused, the person stays off
    the public pages."""
    person = ContactPersonFactory(
        partnerships=[_partnership("paris")], consent_public=True, name="Beispiel: Zurückgezogen"
    )
    edit = reverse("wagtailsnippets_contacts_contactperson:edit", args=[person.pk])
    opened = {**_form(person, [_partnership("paris")]), "consent_public": "on"}
    withdrawn = {**opened}
    del withdrawn["consent_public"]
    assert client.post(edit, withdrawn).status_code == 302
    assert not ContactPerson.objects.get(pk=person.pk).consent_public
    stale = {**opened, "phone": "+49 30 000000"}
    response = client.post(edit, stale)
    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.consent_public and person.phone != "+49 30 000000"
    assert person not in ContactPerson.objects.shown_publicly()
