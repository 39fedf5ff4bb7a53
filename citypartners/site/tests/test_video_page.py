"""The video page for German Sign Language: what it shows in both languages, what the editor
may choose (a WebM or MP4 video, WebVTT captions) and the warning below BITV 2.0's numbers."""

from decimal import Decimal

import html5lib
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from citypartners.site.models import VideoPage

from .factories import EXAMPLE_VIDEO_DIR, document_from, document_with, example_video_on
from .test_no_silent_overwrite import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sign_language_page(language="de") -> VideoPage:
    return VideoPage.objects.get(locale__language_code=language)


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def with_video():
    return example_video_on(_sign_language_page())


def test_the_sign_language_page_is_a_video_page_in_both_languages(client):
    german, english = _sign_language_page("de"), _sign_language_page("en")
    assert german.url == "/de/gebaerdensprache/"
    assert english.url == "/en/sign-language/"
    assert english.translation_key == german.translation_key


def test_without_a_video_the_page_shows_its_text_and_no_player(client):
    soup = _soup(client.get("/en/sign-language/"))
    assert soup.find("video") is None
    assert "German Sign Language" in soup.find("main").get_text()


@pytest.mark.parametrize(
    "url,language,other,heading,download",
    [
        ("/de/gebaerdensprache/", "de", "en", "Transkript", "Video herunterladen"),
        ("/en/sign-language/", "en", "de", "Transcript", "Download the video"),
    ],
)
def test_the_page_plays_the_video_with_captions_transcript_and_download(
    client, with_video, url, language, other, heading, download
):
    page = _sign_language_page(language)
    soup = _soup(client.get(url))
    video = soup.find("video")
    assert video.has_attr("controls")
    assert not video.has_attr("autoplay")
    assert video["preload"] == "metadata"
    assert (video["width"], video["height"]) == ("320", "240")
    source = video.find("source")
    assert source["src"] == page.video.url
    assert source["type"] == "video/webm"
    tracks = video.find_all("track")
    # Both languages' captions, the page's own first and shown by default.
    assert [t["srclang"] for t in tracks] == [language, other]
    assert [t.has_attr("default") for t in tracks] == [True, False]
    assert {t["kind"] for t in tracks} == {"captions"}
    assert tracks[0]["src"] == getattr(page, f"captions_{language}").url
    assert [t["label"] for t in tracks] == [
        {"de": "Deutsch", "en": "English"}[code] for code in (language, other)
    ]

    link = soup.find("a", href=page.video.url)
    assert link.get_text() == download
    size = page.video.get_file_size()
    with translation.override(language):
        shown_size = str(filesizeformat(size))
    facts = " ".join(link.parent.get_text().split())
    assert "WebM" in facts and " ".join(shown_size.split()) in facts and "0:04" in facts

    transcript = soup.find("section", class_="transcript")
    assert transcript.find("h2").get_text() == heading
    assert transcript.find("div", class_="rich-text").get_text().strip()
    # The transcript comes after the video, and the headings step down in order.
    assert soup.find("video").find_next("section", class_="transcript") is transcript
    levels = [int(h.name[1]) for h in soup.find("main").find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_video_and_captions_are_served_with_their_types(client, with_video):
    page = _sign_language_page()
    video = client.get(page.video.url)
    assert video.status_code == 200
    assert video["Content-Type"] == "video/webm"
    assert (
        b"".join(video.streaming_content) == (EXAMPLE_VIDEO_DIR / "example-video.webm").read_bytes()
    )
    captions = client.get(page.captions_de.url)
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")


def test_the_page_runs_a_fixed_number_of_queries(client, with_video, django_assert_max_num_queries):
    urls = ["/de/gebaerdensprache/", "/en/sign-language/"]
    counts = {}
    for url in urls:
        client.get(url)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    # More documents, and another video with its captions: the page reads as much as before.
    for number in range(5):
        document_with(f"more-{number}.vtt", b"WEBVTT\n")
    example_video_on(_sign_language_page())
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
    assert max(counts.values()) <= 20


# --- what the editor may choose --------------------------------------------------------------
def _editor_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def editor(admin_client, admin_user):
    """An administrator whose back office speaks English."""
    return _editor_in(admin_client, admin_user, "en")


def _edit(editor, page, **changes):
    """Post the page's edit form as the editor sees it, with `changes`; the response."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(editor.get(url).content)
    for name, value in changes.items():
        data[name] = [str(value)]
    return editor.post(url, data, follow=True)


def _messages(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize(
    "field,name,content,message",
    [
        ("video", "bericht.pdf", PDF, "is not a video: choose a WebM or MP4 file"),
        ("video", "video.mp4", PDF, "is not a MP4 video, whatever its name says"),
        ("captions_de", "untertitel.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHallo\n",
         "is not in WebVTT format: such a file begins with the word WEBVTT"),
        ("captions_en", "captions.pdf", PDF, "is not a captions file: choose a WebVTT file"),
    ],
)  # fmt: skip
def test_a_wrong_file_is_refused_with_a_message_and_nothing_saved(
    editor, field, name, content, message
):
    page = _sign_language_page()
    page.save_revision()
    before = page.latest_revision_id
    wrong = document_with(name, content, title="Falsche Datei")
    response = _edit(editor, page, **{field: wrong.pk})
    assert response.status_code == 200
    assert message in _messages(response)
    page.refresh_from_db()
    assert page.latest_revision_id == before
    assert getattr(page, f"{field}_id") is None


def test_a_wrong_captions_file_is_refused_in_german_too(admin_client, admin_user):
    editor = _editor_in(admin_client, admin_user, "de")
    page = _sign_language_page()
    wrong = document_with("untertitel.vtt", b"Hallo\n", title="Untertitel")
    response = _edit(editor, page, captions_de=wrong.pk)
    # needs the German catalogue
    assert "„Untertitel“ ist nicht im WebVTT-Format" in _messages(response)
    page.refresh_from_db()
    assert page.captions_de_id is None


def test_a_webm_video_and_webvtt_captions_are_accepted(editor):
    page = _sign_language_page()
    video = document_from(EXAMPLE_VIDEO_DIR / "example-video.webm")
    captions = document_from(EXAMPLE_VIDEO_DIR / "captions-de.vtt")
    response = _edit(
        editor, page, video=video.pk, captions_de=captions.pk, width=320, height=240,
        frame_rate=25, duration=4, **{"action-publish": "action-publish"},
    )  # fmt: skip
    assert response.status_code == 200
    page.refresh_from_db()
    assert (page.video_id, page.captions_de_id) == (video.pk, captions.pk)
    assert "BITV" not in _messages(response)


@pytest.mark.parametrize(
    "changes,warning",
    [
        (
            {"width": 240, "height": 180},
            "is 240 × 180 pixels; BITV 2.0 asks for at least 320 × 240",
        ),
        ({"frame_rate": "15"}, "has 15 frames per second; BITV 2.0 asks for at least 25"),
    ],
)
def test_a_video_below_bitv_is_saved_with_a_warning(editor, changes, warning):
    page = _sign_language_page()
    video = document_from(EXAMPLE_VIDEO_DIR / "example-video.webm")
    values = {"video": video.pk, "width": 320, "height": 240, "frame_rate": 25, "duration": 4}
    response = _edit(editor, page, **{**values, **changes})
    assert warning in _messages(response)
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object()
    assert saved.video_id == video.pk
    for name, value in changes.items():
        expected = Decimal(value) if value != "" else None
        assert getattr(saved, name) == expected


def test_a_video_whose_numbers_are_unknown_is_named_too():
    page = _sign_language_page()
    page.video = document_from(EXAMPLE_VIDEO_DIR / "example-video.webm")
    page.width, page.height, page.frame_rate, page.duration = 320, 240, None, None
    with translation.override("en"):
        shortfalls = [str(s) for s in page.bitv_shortfalls()]
    assert shortfalls == [
        "Enter the video's width, height and frame rate, so that it can be checked against "
        "BITV 2.0.",
        "Enter the playing time: BITV 2.0 asks for it with the download.",
    ]


def test_the_warning_names_bitv_in_german():
    page = _sign_language_page()
    page.video = document_from(EXAMPLE_VIDEO_DIR / "example-video.webm")
    page.width, page.height, page.frame_rate, page.duration = 240, 180, 25, 4
    with translation.override("de"):
        shortfalls = [str(s) for s in page.bitv_shortfalls()]
    # needs the German catalogue
    assert shortfalls == [
        "Das Video hat 240 × 180 Pixel; die BITV 2.0 verlangt mindestens 320 × 240."
    ]


def test_the_page_with_its_video_is_well_formed_html_with_unique_ids(client, with_video):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for url in ("/de/gebaerdensprache/", "/en/sign-language/"):
        response = client.get(url)
        parser.parse(response.content.decode())  # raises on any parse error
        ids = [tag["id"] for tag in _soup(response).find_all(id=True)]
        assert len(ids) == len(set(ids)), url
