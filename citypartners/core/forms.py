"""What every public form shares: single-line fields refuse control characters.

What must stay true: a value typed into a one-line field (a name, an e-mail address, a
search text) never carries a line break or another control character onwards, where it
could split a mail header or a log line. The check sits on the form, not on each field,
so that a field added later is covered without anyone remembering it
(`citypartners/site/tests/test_public_form_input.py` posts to every public form).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every C0 and C1 control character and the Unicode line and paragraph separators.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(value) -> None:
    """Refuses a line break or another control character in a one-line value."""
    if isinstance(value, str) and _NOT_ONE_LINE.search(value):
        raise ValidationError(
            _("Please write this on one line, without line breaks or control characters."),
            code="single_line",
        )


def is_single_line_field(field: forms.Field) -> bool:
    """A text field whose widget is one line (a Textarea may hold line breaks)."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)


class PublicFormMixin:
    """For every form the public can post: each single-line text field gets `single_line`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_single_line_field(field) and single_line not in field.validators:
                field.validators = [*field.validators, single_line]
