"""Values that back-office screens show read-only, in the reader's language (issue 14, item 6).

Wagtail's inspect views and read-only panels show a value as Python writes it: an empty date
as "None", a flag as "True" or "False", a revision as '"Title" at 2026-11-30 17:39:08+00:00',
English in both languages. ``display_value`` gives the reader's words for them instead.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Revision


def display_value(value) -> str | None:
    """``value`` as a reader of the back office reads it; None if it shows as it is."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Revision):
        return date_format(timezone.localtime(value.created_at), "DATETIME_FORMAT")
    return None


class ReadOnlyFieldPanel(FieldPanel):
    """A field shown, not edited, with ``display_value``'s words for an empty value or a flag."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(*args, **kwargs)

    def format_value_for_display(self, value):
        shown = display_value(value)
        return super().format_value_for_display(value) if shown is None else shown
