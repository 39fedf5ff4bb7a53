"""Plain text turned into rich text (HTML) for Wagtail's rich-text fields."""

from django.utils.html import escape, linebreaks


def plain_to_rich_text(text: str) -> str:
    """Escaped paragraphs; an empty string stays empty."""
    return linebreaks(escape(text)) if text.strip() else ""
