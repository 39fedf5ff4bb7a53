"""A missing translation of a record is visible to editors: in its edit form, each paired
``_de`` / ``_en`` field that is empty while its partner is written says "Translation
missing"; each list of such records has a "Translation missing" filter, and the dashboard's
missing-translations panel links to it. Generated over every record kind with paired
fields (``site.selectors.translatable_models``)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import RevisionMixin
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.core.i18n import form_children, paired_fields, untranslated_records_q
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.site.selectors import translatable_models

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_record_of_every_kind():
    """The small site has a record of every kind but money (the funding tests count their
    own lines): one budget line, written in both languages."""

    BudgetLineFactory(note_de="Beispiel: Haushaltsposten", note_en="Example: budget line")


MODELS = translatable_models()
OWN_PAIRS = [model for model in MODELS if paired_fields(model)]
TEXT = {"de": "Ein Text nur auf Deutsch", "en": "A text in English only"}
# (the language written, the language the back office speaks) -> the marker
MARKER = {
    ("de", "de"): "Übersetzung fehlt: Nur der Text auf Deutsch ist geschrieben.",
    ("de", "en"): "Translation missing: only the text in German is written.",
    ("en", "de"): "Übersetzung fehlt: Nur der Text auf Englisch ist geschrieben.",
    ("en", "en"): "Translation missing: only the text in English is written.",
}


def _speaking(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _written_in_one_language(model, written: str):
    """A record of ``model`` whose first paired text is written in ``written`` only, as its
    edit form opens it (its latest revision, where it has revisions); the empty field."""
    record = model._default_manager.order_by("pk").first()
    assert record is not None, f"the small site has no {model.__name__}"
    base = paired_fields(model)[0][0]
    empty = "en" if written == "de" else "de"
    setattr(record, f"{base}_{written}", TEXT[written])
    setattr(record, f"{base}_{empty}", "")
    record.save()
    if isinstance(record, RevisionMixin):
        record.save_revision(clean=False)
    return record, f"{base}_{empty}"


def _one_untranslated(model):
    """A record of ``model`` with a text written in German only, on itself or (a model
    whose texts are all in its children, a partnership's founding documents) in a child."""
    if paired_fields(model):
        return _written_in_one_language(model, "de")[0]
    for child, _key in form_children(model):
        if paired_fields(child) and child._default_manager.exists():
            return _written_in_one_language(child, "de")[0]
    raise AssertionError(f"no record of {model.__name__} or its children to leave untranslated")


def test_every_record_kind_with_paired_fields_is_found():
    names = {model._meta.label for model in OWN_PAIRS}
    assert {"activities.Activity", "projects.Project", "partnerships.City"} <= names


@pytest.mark.parametrize("written", ["de", "en"])
@pytest.mark.parametrize("language", ["de", "en"])  # German needs the compiled catalogue
@pytest.mark.parametrize("model", OWN_PAIRS, ids=lambda m: m._meta.label)
def test_an_empty_field_whose_partner_is_written_says_translation_missing(
    admin_client, admin_user, model, written, language
):
    _speaking(admin_user, language)
    record, empty = _written_in_one_language(model, written)
    url = reverse(model.snippet_viewset.get_url_name("edit"), args=[record.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    markers = page.select("[data-translation-missing]")
    marker = (
        page.select_one(f"[data-field-wrapper] #id_{empty}")
        .find_parent(attrs={"data-field-wrapper": True})
        .select_one("[data-translation-missing]")
    )
    assert marker is not None, f"{model.__name__}.{empty} is not marked"
    assert marker.get_text(strip=True) == MARKER[(written, language)]
    # Only fields whose partner is written are marked.
    for one in markers:
        field = one.find_parent(attrs={"data-field-wrapper": True}).select_one("[name]")
        name = field["name"]
        base, _sep, code = name.rpartition("_")
        other = "de" if code == "en" else "en"
        assert getattr(record, f"{base}_{other}") and not getattr(record, name)


def test_a_record_translated_in_full_shows_no_marker(admin_client):
    model = OWN_PAIRS[0]
    record = model._default_manager.exclude(untranslated_records_q(model)).first()
    url = reverse(model.snippet_viewset.get_url_name("edit"), args=[record.pk])
    page = BeautifulSoup(admin_client.get(url).content.decode(), "html.parser")
    assert page.select("[data-translation-missing]") == []


def _listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return len(page.select("table.listing tbody tr"))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_each_list_filters_the_records_whose_translation_is_missing(admin_client, model):
    _one_untranslated(model)
    missing = model._default_manager.filter(untranslated_records_q(model))
    assert missing.count() >= 1
    url = reverse(model.snippet_viewset.get_url_name("list"))
    response = admin_client.get(url)
    assert "Translation missing" in response.content.decode() or (
        "Übersetzung fehlt" in response.content.decode()
    )
    assert _listed(admin_client, f"{url}?translation_missing=true") == missing.count()


def test_the_dashboards_missing_translations_link_to_the_filtered_lists(client):
    for model in MODELS:
        _one_untranslated(model)
    user = account_create(
        email="mod@example.org",
        password="a long and careful passphrase",
        role="state-moderator",
        owner="land-berlin",
    )
    _speaking(user, "en")
    client.force_login(user)
    home = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    rows = home.select('[data-dashboard-rows="translations"] tbody tr')
    assert rows
    for row in rows:
        link = row.select_one("td a")
        count = int(row.select("td")[1].get_text(strip=True))
        assert "translation_missing=true" in link["href"]
        assert _listed(client, link["href"]) == count, link.get_text()
