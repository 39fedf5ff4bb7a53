"""The demo's texts open in the editor: its HTML as written, its plain descriptions as the
loader converts them (no database needed)."""

import json

from citypartners.core.tests.rich_text import assert_editable
from citypartners.core.text import plain_to_rich_text
from citypartners.demo.loader import DATA_DIR, _rows


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def _descriptions():
    network = json.loads((DATA_DIR / "network.json").read_text(encoding="utf-8"))
    rows = _rows(DATA_DIR, "activities.csv") + network["organisations"] + network["projects"]
    return [row[f"description_{lang}"] for row in rows for lang in ("de", "en")]


def test_every_html_text_of_the_demo_opens_in_the_editor():
    texts = json.loads((DATA_DIR / "texts.json").read_text(encoding="utf-8"))
    markup = [text for text in _strings(texts) if text.startswith("<")]
    assert len(markup) > 40
    for text in markup:
        assert "\n" not in text, text[:80]
        assert_editable(text)


def test_every_plain_description_of_the_demo_opens_in_the_editor_once_loaded():
    descriptions = _descriptions()
    assert len(descriptions) > 20
    for text in descriptions + ["Eine Zeile\nund noch eine\r\n\r\nNeuer Absatz <&>"]:
        assert_editable(plain_to_rich_text(text))
