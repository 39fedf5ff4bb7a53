"""Pages in German and English as wagtail-localize translations: the demo's (and every office's,
citypartners.site.setup) English pages are linked to their German source with the English
text as the string translations, so the Translations report lists them, the translation
editor shows the English, and "Sync translated pages" keeps it."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from citypartners.site.models import BoroughIndexPage, HomePage, PartnerCityPage, StandardPage
from citypartners.site.services import PageTranslationMismatch, page_translation_link
from citypartners.site.setup import SetupReport, translation_ensure

from .test_no_silent_overwrite import form_data

pytestmark = pytest.mark.django_db


def _english_of(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def test_every_english_page_of_the_demo_is_the_linked_translation_of_its_german_page():
    english = Page.objects.filter(locale__language_code="en", depth__gt=1)
    assert english.exists()
    for page in english:
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=page.locale, enabled=True
        )
        assert translation.source.locale.language_code == "de"
        assert translation.get_target_instance().pk == page.pk


def test_the_english_texts_are_the_string_translations_of_the_german_ones():
    boroughs = BoroughIndexPage.objects.get(locale__language_code="de")
    english = _english_of(boroughs)
    translated = dict(
        StringTranslation.objects.filter(
            context__object_id=boroughs.translation_key, locale=english.locale
        ).values_list("translation_of__data", "data")
    )
    assert translated["Bezirke"] == english.title == "Boroughs"
    assert translated["bezirke"] == "boroughs"
    assert any(text in english.intro for key, text in translated.items() if key.startswith("Neben"))


def test_the_translations_report_lists_the_demo_pages(admin_client):
    response = admin_client.get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Bezirke", "Projektkooperationen", "Warschau"):
        assert title in page


def test_the_translation_editor_shows_the_english_text(admin_client):
    german = PartnerCityPage.objects.get(locale__language_code="de", slug="warschau")
    warsaw = _english_of(german)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[warsaw.pk]))
    assert response.status_code == 200
    # wagtail-localize's editor (not a plain copy's form), its strings as JSON in data-props
    editor = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        ".js-translation-editor"
    )
    props = json.loads(editor["data-props"])
    shown = {segment["source"] for segment in props["segments"] if segment["type"] == "string"}
    values = " ".join(t["data"] for t in props["initialStringTranslations"])
    assert "Warsaw" in values
    first_paragraph = BeautifulSoup(warsaw.body, "html.parser").p.get_text()[:40]
    assert first_paragraph in BeautifulSoup(values, "html.parser").get_text()
    assert german.title in shown


def test_sync_translated_pages_keeps_the_english_text(admin_client):
    german = BoroughIndexPage.objects.get(locale__language_code="de")
    english = _english_of(german)
    intro_en = english.intro
    source = TranslationSource.objects.get_for_instance(german)
    response = admin_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.title == "Boroughs"
    assert english.slug == "boroughs"
    assert english.intro == intro_en
    assert admin_client.get("/en/boroughs/").status_code == 200


def test_a_translated_page_whose_text_has_another_shape_is_not_linked_and_named():
    german = BoroughIndexPage.objects.get(locale__language_code="de")
    english = _english_of(german)
    Translation.objects.filter(source__object_id=german.translation_key).delete()
    english.intro = "<p>One paragraph.</p><p>And a second one the German has not.</p>"
    english.save()
    with pytest.raises(PageTranslationMismatch):
        page_translation_link(source=german, translated=english)

    report = SetupReport()
    same = translation_ensure(german, english.locale, slug="boroughs", report=report)
    assert same.pk == english.pk
    assert not Translation.objects.filter(source__object_id=german.translation_key).exists()
    assert report.total == 0
    assert len(report.kept) == 1 and "“Boroughs”" in report.kept[0]
    english.refresh_from_db()
    assert "a second one" in english.intro


def test_an_unlinked_english_page_of_an_older_set_up_is_linked_on_the_next_run():
    german = BoroughIndexPage.objects.get(locale__language_code="de")
    Translation.objects.filter(source__object_id=german.translation_key).delete()
    report = SetupReport()
    english = translation_ensure(
        german, Locale.objects.get(language_code="en"), slug="x", report=report
    )
    assert english.slug == "boroughs"
    assert Translation.objects.filter(
        source__object_id=german.translation_key, target_locale=english.locale, enabled=True
    ).exists()
    assert report.total == 0 and report.kept == []


# --- a page made by an editor -------------------------------------------------------------------
def _create_through_the_admin(client, parent, model, *, title, slug):
    """The add form for ``model`` below ``parent`` as a browser shows it, posted with a
    title and an address, published at once."""
    url = reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )
    data = form_data(client.get(url).content)
    data.update({"title": [title], "slug": [slug], "action-publish": ["action-publish"]})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response, model.objects.get(slug=slug, locale=parent.locale)


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_page_made_in_the_admin_gets_its_linked_translation_as_a_draft(
    admin_client, admin_user, language
):
    other = "en" if language == "de" else "de"
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    home = HomePage.objects.get(locale__language_code=language)
    with translation.override(language):
        response, page = _create_through_the_admin(
            admin_client, home, StandardPage, title="Städtetag 2027", slug="staedtetag-2027"
        )
    draft = page.get_translation(Locale.objects.get(language_code=other)).specific
    assert not draft.live
    assert draft.get_parent().specific == home.get_translation(draft.locale).specific
    assert (
        Translation.objects.filter(
            source__object_id=page.translation_key, source__locale=page.locale, enabled=True
        )
        .get()
        .target_locale
        == draft.locale
    )
    # The editor is told, and led to it, in the language the back office speaks.
    shown = BeautifulSoup(response.content.decode(), "html.parser")
    assert shown.html["lang"] == language
    link = shown.select_one(f'.messages a[href="/admin/pages/{draft.pk}/edit/"]')
    expected = {"de": "Jetzt übersetzen", "en": "Translate it"}[language]  # needs the catalogue
    assert link.get_text(strip=True) == expected


def test_the_language_switch_of_a_new_page_leads_to_its_translation_once_it_is_live(
    admin_client, client
):
    home = HomePage.objects.get(locale__language_code="de")
    with translation.override("de"):
        _response, page = _create_through_the_admin(
            admin_client, home, StandardPage, title="Lissabon-Tag", slug="lissabon-tag"
        )
    assert page.live and page.url == "/de/lissabon-tag/"
    draft = page.get_translation(Locale.objects.get(language_code="en")).specific

    def switch():
        soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
        return soup.select_one("nav.language-switch a")["href"]

    assert switch() == "/en/"  # nothing in English is public yet
    draft.title = "Lisbon day"
    draft.slug = "lisbon-day"
    draft.save_revision().publish()
    assert switch() == "/en/lisbon-day/"
    assert client.get("/en/lisbon-day/").status_code == 200


def test_a_page_whose_parent_is_not_translated_gets_no_draft(admin_client):
    home = HomePage.objects.get(locale__language_code="de")
    lonely = home.add_child(instance=StandardPage(title="Nur deutsch", slug="nur-deutsch"))
    _response, page = _create_through_the_admin(
        admin_client, lonely, StandardPage, title="Darunter", slug="darunter"
    )
    assert page.get_translations().count() == 0
