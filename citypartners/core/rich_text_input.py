"""Rich text as the back office receives it: a crafted or broken editor value is a form
error on its field, never a 500.

Wagtail's Draftail widget turns the posted contentstate (JSON) into HTML while the form
reads its data, before any validation, so invalid JSON or an unexpected structure raised
straight through the view. Here the widget hands on a marker instead, and the form field
answers it with a message; a page shown again offers the text as it was stored.

Installed for every rich-text field: the widget as the default editor
(``WAGTAILADMIN_RICH_TEXT_EDITORS``), the form field as Wagtail's override for
``RichTextField`` (``CoreConfig.ready``). Remove both if Wagtail validates contentstate.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea


class Unreadable:
    """What the widget hands on when the posted text cannot be read."""

    def __str__(self):
        return ""


class SafeDraftailRichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        posted = data.get(name)
        try:
            if posted is not None:
                contentstate = json.loads(posted)
                if contentstate is None:
                    # What Draftail posts for an editor left empty: no text.
                    return super().value_from_datadict(data, files, name)
                if not isinstance(contentstate, dict) or not isinstance(
                    contentstate.get("blocks"), list
                ):
                    return Unreadable()  # Draftail always sends its blocks
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
            return Unreadable()

    def format_value(self, value):
        return super().format_value(None if isinstance(value, Unreadable) else value)


class RichTextFormField(forms.CharField):
    """A CharField that refuses what the rich-text widget could not read."""

    def bound_data(self, data, initial):
        return initial if isinstance(data, Unreadable) else data

    def to_python(self, value):
        if isinstance(value, Unreadable):
            raise ValidationError(
                _("This text could not be read. Please reload the page and enter it again."),
                code="unreadable",
            )
        return super().to_python(value)

    def has_changed(self, initial, data):
        return isinstance(data, Unreadable) or super().has_changed(initial, data)
