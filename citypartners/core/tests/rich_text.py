"""Test helper: does stored rich text open in Wagtail's editor (Draftail) and come back whole?"""

import html
import re

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import features


def words(markup: str) -> list[str]:
    """The words a reader sees in rich text, whitespace collapsed."""
    return html.unescape(re.sub(r"<[^>]*>", " ", markup or "")).split()


def editor_round_trip(markup: str, feature_names=None) -> str:
    """The HTML Draftail writes back after opening `markup`; raises where the edit form would.

    The default features are what a `RichTextField` without `features=` offers, which is
    every rich-text field in this project.
    """
    converter = ContentstateConverter(feature_names or features.get_default_features())
    return converter.to_database_format(converter.from_database_format(markup))


def assert_editable(markup: str, feature_names=None) -> None:
    """Rich text opens in the editor and saving it again keeps every word and line break."""
    back = editor_round_trip(markup, feature_names)
    assert words(back) == words(markup), (markup, back)
    assert len(re.findall(r"<br\s*/?>", back)) == len(re.findall(r"<br\s*/?>", markup)), (
        markup,
        back,
    )
