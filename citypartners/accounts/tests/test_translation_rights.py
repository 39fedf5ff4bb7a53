"""Who may translate pages with wagtail-localize: the state's page editors ("Translate this
page", "Sync translated pages"); a borough editor translates the own borough's pages in the
translation editor, and nobody else translates."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create
from citypartners.site.models import BoroughPage, StandardPage

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
TRANSLATORS = {"state-editor", "state-moderator"}


def _login(client, role):
    owner = "mitte" if ROLES[role].borough_only else "land-berlin"
    user = account_create(email=f"{role}@example.org", password=PASSWORD, role=role, owner=owner)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", list(ROLES))
def test_the_states_page_editors_may_submit_a_page_for_translation(client, role):
    user = _login(client, role)
    assert user.has_perm("wagtail_localize.submit_translation") == (role in TRANSLATORS)
    home = Page.objects.get(depth=2, locale__language_code="de")
    german_only = home.add_child(instance=StandardPage(title="Nur deutsch", slug="nur-deutsch"))
    german_only.save_revision().publish()
    url = reverse("wagtail_localize:submit_page_translation", args=[german_only.pk])
    response = client.get(url)
    if role in TRANSLATORS:
        assert response.status_code == 200
        assert client.post(url, {"locales": [_english_id()]}).status_code == 302
        assert german_only.get_translations().filter(locale__language_code="en").exists()
    else:
        assert response.status_code in (302, 403)
        assert not german_only.get_translations().exists()


def _english_id():
    return Locale.objects.get(language_code="en").pk


def test_a_borough_editor_translates_the_own_boroughs_page_in_the_translation_editor(client):
    _login(client, "borough-editor")
    mitte = BoroughPage.objects.get(borough__slug="mitte", locale__language_code="en")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[mitte.pk]))
    assert response.status_code == 200
    assert b"js-translation-editor" in response.content
