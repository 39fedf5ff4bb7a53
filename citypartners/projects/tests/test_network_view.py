"""The back office's network view of a partnership: both sides, and the gaps."""

import pytest
from django.urls import reverse

from citypartners.accounts.services import account_create, role_group
from citypartners.partnerships.models import FocusArea, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = account_create(
        role="state-moderator", email="editor@example.org", password="a long and careful passphrase"
    )
    client.force_login(user)
    return user


def test_network_shows_both_sides_and_the_focus_areas_without_contacts(client, editor):
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    paris.focus_areas.add(FocusArea.objects.get(slug="judiciary"))
    paris.save()
    url = reverse("partnership_network", args=[paris.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Beispiel-Gymnasium Berlin-Mitte" in page and "Lycée Exemple, Paris" in page
    gaps = page.split("<h2>Gaps</h2>")[1].split("<h2>")[0]
    assert "Judiciary" in gaps and "Youth exchange" not in gaps
    # Editors see that people exist, not who they are.
    assert "Anna Muster" not in page and "2 contact people are recorded" in page
    editor.groups.add(role_group("contact-steward"))
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Beispiel: Anna Muster (Example)" in page and "Beispiel: Jean Exemple (Example)" in page


def test_partnership_list_links_to_the_network(client, editor):
    page = client.get(
        reverse("wagtailsnippets_partnerships_partnership:list"), {"q": "Paris"}
    ).content.decode()
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    assert reverse("partnership_network", args=[paris.pk]) in page
