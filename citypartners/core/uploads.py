"""Uploads: the type is read from the file's content, not its name, and sizes are limited.

Images go through Wagtail's own check (Pillow must recognise the content as one of
WAGTAILIMAGES_EXTENSIONS; SVG is not among them). Documents get the check below, which
Wagtail leaves to the extension alone.
"""

import filetype
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# Extension -> the content it must have (a MIME type filetype reports, or a text check).
DOCUMENT_CONTENT = {
    "pdf": {"application/pdf"},
    "mp4": {"video/mp4"},
    "webm": {"video/webm"},
    "vtt": "text/vtt",
}


def is_webvtt(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT")


def document_problem(upload) -> str | None:
    """Why this uploaded document is refused, or None if it may be stored."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if upload.size > limit:
        return _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    expected = DOCUMENT_CONTENT.get(extension)
    if expected is None:
        return _("Files of this type cannot be uploaded. Allowed: %(types)s.") % {
            "types": ", ".join(sorted(DOCUMENT_CONTENT))
        }
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if expected == "text/vtt":
        fits = is_webvtt(head)
    else:
        kind = filetype.guess(head)
        fits = kind is not None and kind.mime in expected
    if not fits:
        return _(
            "The content of “%(name)s” is not a %(type)s file, whatever its name says. "
            "Nothing was saved."
        ) % {"name": name, "type": extension.upper()}
    return None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, checking the content of the uploaded file."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "size") and "file" in self.changed_data:
            problem = document_problem(upload)
            if problem:
                raise forms.ValidationError(problem, code="content")
        return upload

    def _post_clean(self):
        if "file" in self._errors:
            return  # the model would only add "no extension" for the file refused above
        super()._post_clean()
