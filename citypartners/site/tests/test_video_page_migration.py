"""The migration that makes an existing site's sign-language page (a standard page, in both
languages, linked as translations) a video page in place: same ids, addresses, text, video
and translation; and back."""

import importlib
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from citypartners.core.models import OfficeSettings
from citypartners.site.models import HomePage, StandardPage, VideoPage
from citypartners.site.setup import SetupReport, translation_ensure

from .factories import EXAMPLE_VIDEO_DIR, document_from

pytestmark = pytest.mark.django_db

MIGRATION = "0007_sign_language_page_to_video_page"
migration = importlib.import_module(f"citypartners.site.migrations.{MIGRATION}")


def _run(function):
    """The migration's function with the models as they are at the migration."""
    state = MigrationExecutor(connection).loader.project_state([("site", MIGRATION)])
    function(state.apps, SimpleNamespace(connection=connection))


@pytest.fixture
def old_sign_language_page():
    """The sign-language page as sites set up before the video page have it."""
    for page in VideoPage.objects.all():  # this test's site was set up with the video page
        page.delete()
    home = HomePage.objects.get(locale__language_code="de")
    captions = document_from(EXAMPLE_VIDEO_DIR / "captions-de.vtt")
    german = StandardPage(
        title="Gebärdensprache",
        slug="gebaerdensprache",
        body="<p>Hier erklärt ein Video in DGS die Website.</p>",
        video=document_from(EXAMPLE_VIDEO_DIR / "example-video.webm"),
        video_captions=captions,
    )
    home.add_child(instance=german)
    german.save_revision().publish()
    english = translation_ensure(
        german,
        Locale.objects.get(language_code="en"),
        slug="sign-language",
        title="Sign language",
        body="<p>Here a video in DGS explains the website.</p>",
        report=SetupReport(),
    )
    office = OfficeSettings.objects.get()
    office.sign_language_page = german
    office.save()
    return german, english


def test_the_old_sign_language_page_becomes_a_video_page_in_place(client, old_sign_language_page):
    german, english = old_sign_language_page
    _run(migration.to_video_page)
    ContentType.objects.clear_cache()

    for page, language, url, text in [
        (german, "de", "/de/gebaerdensprache/", "Hier erklärt ein Video"),
        (english, "en", "/en/sign-language/", "Here a video"),
    ]:
        converted = Page.objects.get(pk=page.pk).specific
        assert isinstance(converted, VideoPage)
        assert not StandardPage.objects.filter(pk=page.pk).exists()
        assert converted.url == url
        assert converted.video_id == german.video_id
        assert getattr(converted, f"captions_{language}_id") == german.video_captions_id
        assert isinstance(converted.get_latest_revision_as_object(), VideoPage)
        response = client.get(url)
        assert response.status_code == 200
        assert text in response.content.decode()
        assert b"<video" in response.content

    # The wagtail-localize translation still works: its source is a video page, and a sync
    # brings the German change into the English page, with its own English text kept.
    source = TranslationSource.objects.get(object_id=german.translation_key)
    assert source.specific_content_type.model_class() is VideoPage
    video_page = VideoPage.objects.get(pk=german.pk)
    video_page.width = 320
    video_page.save_revision().publish()
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    translation.save_target(publish=True)
    synced = VideoPage.objects.get(pk=english.pk)
    assert synced.width == 320
    assert "Here a video" in synced.body

    # The office settings still name the same page, and the editor opens it.
    assert OfficeSettings.objects.get().sign_language_page_id == german.pk


def test_a_second_run_and_the_way_back_leave_a_working_standard_page(
    client, old_sign_language_page
):
    german, english = old_sign_language_page
    _run(migration.to_video_page)
    _run(migration.to_video_page)  # nothing left to convert
    _run(migration.to_standard_page)
    ContentType.objects.clear_cache()
    for page, url in [(german, "/de/gebaerdensprache/"), (english, "/en/sign-language/")]:
        back = Page.objects.get(pk=page.pk).specific
        assert isinstance(back, StandardPage)
        assert back.video_id == german.video_id
        assert client.get(url).status_code == 200


def test_a_sign_language_page_with_subpages_is_left_as_it_is(old_sign_language_page):
    german, _english = old_sign_language_page
    german.add_child(instance=StandardPage(title="Mehr", slug="mehr"))
    _run(migration.to_video_page)
    assert isinstance(Page.objects.get(pk=german.pk).specific, StandardPage)
