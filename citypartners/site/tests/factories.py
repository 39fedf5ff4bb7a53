from decimal import Decimal
from pathlib import Path

import factory
from django.core.files import File
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from citypartners.site.models import AccessibilityFeedback
from citypartners.site.services import video_page_video_set


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    """A new message from the accessibility statement's feedback form."""

    class Meta:
        model = AccessibilityFeedback

    name = factory.Sequence(lambda n: f"Beispielperson {n} (Example)")
    email = factory.Sequence(lambda n: f"feedback{n}@example.org")
    message = "Ein Beispielhinweis. (An example message.)"
    language = "de"


# The demo's example video and captions (citypartners/demo/data/sign_language/README.md).
EXAMPLE_VIDEO_DIR = Path(__file__).resolve().parents[2] / "demo" / "data" / "sign_language"


def document_from(path: Path, title: str = ""):
    """A Wagtail document holding a copy of `path`, in the test's media root."""
    with open(path, "rb") as handle:
        document = get_document_model()(title=title or path.name, file=File(handle, name=path.name))
        document._set_document_file_metadata()
        document.save()
    return document


def document_with(name: str, content: bytes, title: str = ""):
    """A Wagtail document named `name` holding `content` (for files the editor must not use)."""
    document = get_document_model()(title=title or name, file=ContentFile(content, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


def example_video_on(page, **facts):
    """The demo's example video (320 × 240, 25 frames a second, 4 seconds) and its captions
    in both languages on the video page and its translation; `facts` replace its numbers."""
    values = {"width": 320, "height": 240, "frame_rate": Decimal(25), "duration": 4, **facts}
    return video_page_video_set(
        page=page,
        video=document_from(EXAMPLE_VIDEO_DIR / "example-video.webm", "Beispielvideo"),
        captions={
            language: document_from(EXAMPLE_VIDEO_DIR / f"captions-{language}.vtt")
            for language in ("de", "en")
        },
        **values,
    )
