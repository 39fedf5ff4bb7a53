"""Width, height, frame rate and playing time read from a video file's header (WebM, MP4),
and filled in where the editor left them empty."""

import struct
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.site.models import VideoPage
from citypartners.site.video_facts import video_facts

from .factories import EXAMPLE_VIDEO_DIR, document_from, document_with
from .test_no_silent_overwrite import form_data

pytestmark = pytest.mark.django_db


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def _mp4(width=640, height=360, scale=30_000, delta=1001, frames=150) -> bytes:
    """A minimal MP4: a media box first, then the moov box with one video track."""
    tkhd = b"\0" * 76 + struct.pack(">II", width << 16, height << 16)
    mdhd = struct.pack(">I4x4xII4x", 0, scale, frames * delta)
    hdlr = struct.pack(">I4x4s12x", 0, b"vide") + b"\0"
    stts = struct.pack(">IIII", 0, 1, frames, delta)
    stbl = _box(b"stbl", _box(b"stts", stts))
    mdia = _box(b"mdia", _box(b"mdhd", mdhd) + _box(b"hdlr", hdlr) + _box(b"minf", stbl))
    moov = _box(b"moov", _box(b"trak", _box(b"tkhd", tkhd) + mdia))
    return _box(b"ftyp", b"isom\0\0\0\0isom") + _box(b"mdat", b"\0" * 64) + moov


def test_the_example_webm_tells_320_by_240_at_25_frames_for_4_seconds():
    document = document_from(EXAMPLE_VIDEO_DIR / "example-video.webm")
    assert video_facts(document) == {
        "width": 320,
        "height": 240,
        "frame_rate": Decimal("25.00"),
        "duration": 4,
    }


def test_an_mp4_with_its_moov_at_the_end_tells_its_numbers():
    document = document_with("video.mp4", _mp4())
    assert video_facts(document) == {
        "width": 640,
        "height": 360,
        "frame_rate": Decimal("29.97"),
        "duration": 5,
    }


@pytest.mark.parametrize(
    "name,content",
    [("kaputt.webm", b"\x1aE\xdf\xa3\xff\xff"), ("leer.mp4", b""), ("a.vtt", b"WEBVTT")],
)
def test_a_file_that_tells_nothing_gives_nothing(name, content):
    assert video_facts(document_with(name, content)) == {}


def test_numbers_left_empty_in_the_editor_are_read_from_the_file(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    page = VideoPage.objects.get(locale__language_code="de")
    video = document_from(EXAMPLE_VIDEO_DIR / "example-video.webm")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin_client.get(url).content)
    data.update(video=[str(video.pk)], width=[""], height=[""], frame_rate=["30"], duration=[""])
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    saved = VideoPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    # What the editor typed stays; the rest comes from the file.
    assert (saved.width, saved.height, saved.frame_rate, saved.duration) == (320, 240, 30, 4)
    # and nothing falls short of BITV 2.0, so no warning among the messages
    shown = BeautifulSoup(response.content, "html.parser").select(".messages li")
    assert shown and not [m for m in shown if "BITV" in m.get_text()]
