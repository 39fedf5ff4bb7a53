"""Plain text turned into rich text (HTML) for Wagtail's rich-text fields.

What must stay true: everything written here opens in Wagtail's editor (Draftail). Its
contentstate converter parses the stored HTML with a strict tag matcher, so we write only
what Wagtail itself writes: `<p>` paragraphs, `<br/>` (self-closing) for a line break inside
one, escaped text, and no whitespace between the tags. Django's `linebreaks` writes `<br>`,
which the converter takes for an unclosed tag (the edit form answered 500).
"""

import re

from django.utils.html import escape

# Control characters other than tab and line breaks have no place in a text (PostgreSQL
# refuses NUL); form feed and vertical tab count as line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def plain_to_rich_text(text: str) -> str:
    """Escaped paragraphs (blank lines) with line breaks; a blank text stays empty."""
    text = _CONTROL.sub("", text or "")
    text = re.sub(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", text)
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [escape(line.strip()) for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append("<p>" + "<br/>".join(lines) + "</p>")
    return "".join(paragraphs)
