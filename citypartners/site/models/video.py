"""The video page: a video in German Sign Language (DGS) with captions, a transcript and a
download, as BITV 2.0 asks (Anlage 2 Teil 1: at least 320 × 240 pixels and 25 frames a
second, the film also as a download with its file size and playing time).

The video and captions are Wagtail documents (uploads are checked by content in
core.uploads); the page checks again that the chosen documents are a WebM or MP4 video and
WebVTT captions, so a wrong choice is refused in the editor with nothing saved. Numbers the
editor leaves empty are read from the file (video_facts). A video below BITV's size or frame
rate is saved, and the editor warned (wagtail_hooks).
"""

import filetype
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from citypartners.core.admin_forms import GuardedPageForm

from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..video_facts import video_facts

# BITV 2.0, Anlage 2 Teil 1, Nr. 5 and 6.
BITV_MIN_WIDTH, BITV_MIN_HEIGHT, BITV_MIN_FRAME_RATE = 320, 240, 25
# Extension -> what filetype reports for the content, and the format's name for people.
VIDEO_FORMATS = {"webm": ("video/webm", "WebM"), "mp4": ("video/mp4", "MP4")}
CAPTION_LANGUAGES = {"de": "Deutsch", "en": "English"}  # each in its own language


def _head(document, size=8192) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read(size)


def video_problem(document) -> str | None:
    """Why this document cannot be the page's video (not a WebM or MP4 file), or None."""
    extension = document.file_extension.lower()
    expected = VIDEO_FORMATS.get(extension)
    if expected is None:
        return _(
            "“%(title)s” is not a video: choose a WebM or MP4 file (its name ends in .webm "
            "or .mp4)."
        ) % {"title": document.title}
    try:
        kind = filetype.guess(_head(document))
    except OSError:
        return _("The file of “%(title)s” cannot be read.") % {"title": document.title}
    if kind is None or kind.mime != expected[0]:
        return _("The content of “%(title)s” is not a %(type)s video, whatever its name says.") % {
            "title": document.title,
            "type": expected[1],
        }
    return None


def captions_problem(document) -> str | None:
    """Why this document cannot be captions (not WebVTT: a .vtt file starting WEBVTT)."""
    if document.file_extension.lower() != "vtt":
        return _(
            "“%(title)s” is not a captions file: choose a WebVTT file (its name ends in .vtt)."
        ) % {"title": document.title}
    try:
        head = _head(document, 16)
    except OSError:
        return _("The file of “%(title)s” cannot be read.") % {"title": document.title}
    # Imported here: core.uploads loads Wagtail's document forms, which need loaded models.
    from citypartners.core.uploads import is_webvtt

    if not is_webvtt(head):
        return _(
            "“%(title)s” is not in WebVTT format: such a file begins with the word WEBVTT."
        ) % {"title": document.title}
    return None


def _document(verbose_name, help_text=""):
    return models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class VideoPage(StemmedPageSearchMixin, Page):
    """A video in sign language, with captions in both languages, a transcript and a download."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    body = RichTextField(_("text"), blank=True, help_text=_("Shown above the video."))
    video = _document(
        _("video"),
        _(
            "A WebM or MP4 file (WebM plays in every browser). The page offers it for "
            "download too, with its size and format."
        ),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the picture shown before the video starts."),
    )
    captions_de = _document(
        _("German captions (WebVTT)"),
        _("A .vtt file beginning with WEBVTT. Offered on both pages; the default in German."),
    )
    captions_en = _document(
        _("English captions (WebVTT)"),
        _("A .vtt file beginning with WEBVTT. Offered on both pages; the default in English."),
    )
    width = models.PositiveIntegerField(
        _("width in pixels"),
        null=True,
        blank=True,
        help_text=_(
            "BITV 2.0 asks for a video in sign language of at least 320 × 240 pixels. Left "
            "empty, width, height, frame rate and playing time are read from the file where it "
            "tells them."
        ),
    )
    height = models.PositiveIntegerField(_("height in pixels"), null=True, blank=True)
    frame_rate = models.DecimalField(
        _("frames per second"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("BITV 2.0 asks for at least 25 frames per second."),
    )
    duration = models.PositiveIntegerField(
        _("playing time in seconds"),
        null=True,
        blank=True,
        help_text=_("Shown with the download link, as BITV 2.0 asks."),
    )
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        help_text=_(
            "What the video says, in writing; shown below the video under the heading "
            "“Transcript”, so its own headings start at level 3."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("poster"),
                FieldRowPanel([FieldPanel("captions_de"), FieldPanel("captions_en")]),
                FieldRowPanel(
                    [
                        FieldPanel("width"),
                        FieldPanel("height"),
                        FieldPanel("frame_rate"),
                        FieldPanel("duration"),
                    ]
                ),
            ],
            heading=_("Video"),
        ),
        FieldPanel("transcript"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.SearchField("transcript"),
        STEMMED_PAGE_FIELD,
    ]
    stemmed_fields = ("body", "transcript")
    parent_page_types = ["site.HomePage", "site.StandardPage"]
    subpage_types = []
    template = "site/video_page.html"

    class Meta:
        verbose_name = _("video page")

    def clean(self):
        super().clean()
        errors = {}
        if self.video_id and (problem := video_problem(self.video)):
            errors["video"] = problem
        elif self.video_id:
            # The numbers BITV asks for, where the editor left them empty and the file tells.
            for name, value in video_facts(self.video).items():
                if getattr(self, name) is None:
                    setattr(self, name, value)
        for name in ("captions_de", "captions_en"):
            document = getattr(self, name)
            if document is not None and (problem := captions_problem(document)):
                errors[name] = problem
        if errors:
            raise ValidationError(errors)

    def bitv_shortfalls(self) -> list[str]:
        """What BITV 2.0 asks of a sign-language video that this one does not give (or whose
        numbers are missing), in the active language; empty if nothing."""
        if not self.video_id:
            return []
        found = []
        if self.width is None or self.height is None or self.frame_rate is None:
            found.append(
                _(
                    "Enter the video's width, height and frame rate, so that it can be "
                    "checked against BITV 2.0."
                )
            )
        else:
            if self.width < BITV_MIN_WIDTH or self.height < BITV_MIN_HEIGHT:
                found.append(
                    _(
                        "The video is %(width)s × %(height)s pixels; BITV 2.0 asks for at "
                        "least 320 × 240."
                    )
                    % {"width": self.width, "height": self.height}
                )
            if self.frame_rate < BITV_MIN_FRAME_RATE:
                found.append(
                    _("The video has %(rate)s frames per second; BITV 2.0 asks for at least 25.")
                    % {"rate": f"{self.frame_rate.normalize():f}"}
                )
        if self.duration is None:
            found.append(_("Enter the playing time: BITV 2.0 asks for it with the download."))
        return found

    def video_format(self) -> str:
        """The video's format for people: "WebM" or "MP4"."""
        if not self.video_id:
            return ""
        return VIDEO_FORMATS.get(self.video.file_extension.lower(), ("", ""))[1]

    def caption_tracks(self, language: str) -> list[dict]:
        """Each captions file as a <track>: its URL, language and label; the one in
        `language` (the page's) first, and the first shown by default."""
        tracks = [
            {"url": document.url, "srclang": code, "label": CAPTION_LANGUAGES[code]}
            for code in CAPTION_LANGUAGES
            if (document := getattr(self, f"captions_{code}")) is not None
        ]
        tracks.sort(key=lambda track: track["srclang"] != language)
        for position, track in enumerate(tracks):
            track["default"] = position == 0
        return tracks

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.video_id:
            context["caption_tracks"] = self.caption_tracks(self.locale.language_code)
            context["video_format"] = self.video_format()
            context["video_size"] = self.video.get_file_size()
            if self.duration is not None:
                minutes, seconds = divmod(self.duration, 60)
                context["duration"] = f"{minutes}:{seconds:02d}"
        return context
