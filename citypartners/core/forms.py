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
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


def _attrs(attrs: dict) -> str:
    """HTML attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A Select written in Python, byte for byte what Django's select templates write.

    A list's filter offers every partner city: through the template engine each option is
    an include (about 5 ms per form for 150 cities, on every request of a list page).
    core/tests/test_forms_quick_select.py compares the two renderings.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append("\n  ")
                parts.append(format_html('<option value="{}"', str(option["value"])))
                parts.append(_attrs(option["attrs"]))
                parts.append(format_html(">{}</option>\n", option["label"]))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # the renderer strips the last line break
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)
