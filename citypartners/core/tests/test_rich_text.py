"""Plain text from visitors, imports and the demo becomes rich text the editor can open."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citypartners.core.tests.rich_text import assert_editable, words
from citypartners.core.text import plain_to_rich_text

HOSTILE = [
    "one line",
    "first line\nsecond line",
    "Windows\r\nline\r\nends",
    "old Mac\rline ends",
    "paragraph one\n\nparagraph two\n\n\n\nthree",
    "\ttabbed\tcolumns\t",
    "a < b > c & d; <p>not a tag</p> <br> <script>alert(1)</script>",
    "\"double\" and 'single' quotes, `backticks`",
    "emoji 🎉🇩🇪👩‍👩‍👧 and umlauts äöüß, RTL שלום",
    "x" * 20_000,
    ("long line " * 2_000 + "\n") * 3,
    "\n\n\nstarts with empty lines",
    "ends with empty lines\n\n\n",
    "line\n   \nwhitespace-only line between",
    "form\x0cfeed, vertical\x0btab, NUL\x00 and bell\x07",
    "unicode\u2028line\u2029separators\x85next line",
    "&amp; already escaped &lt;p&gt;",
]
BLANK = ["", " ", "\n", "\r\n\r\n", "\t \n \r", "\x00"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_plain_text_opens_in_the_editor_with_every_word(text):
    markup = plain_to_rich_text(text)
    assert "\n" not in markup and "<br>" not in markup
    assert words(markup) == text.replace("\x00", "").replace("\x07", "").split()
    assert_editable(markup)


def test_line_breaks_become_what_wagtail_writes():
    assert plain_to_rich_text("a\r\nb\n\nc <d>") == "<p>a<br/>b</p><p>c &lt;d&gt;</p>"


@pytest.mark.parametrize("text", BLANK)
def test_blank_text_stays_empty(text):
    assert plain_to_rich_text(text) == ""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
@example("a\n\r\n\rb")
@example("<\n>\n&")
def test_any_plain_text_opens_in_the_editor(text):
    assert_editable(plain_to_rich_text(text))
