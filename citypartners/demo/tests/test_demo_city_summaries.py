"""The demo's summaries in partner languages: short, in an offered language, for a partner city
of the demo, and every character drawn by the site's own fonts."""

import csv
import json
import re
from pathlib import Path

from citypartners.demo.loader import DATA_DIR
from citypartners.partnerships.languages import SUMMARY_LANGUAGES
from citypartners.partnerships.models.summary import SUMMARY_MAX_LENGTH

FONTS_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "partner-fonts.css"


def _summaries():
    return json.loads((DATA_DIR / "city_summaries.json").read_text(encoding="utf-8"))["summaries"]


def _covered(family_pattern: str) -> set[int]:
    """Code points of the @font-face rules whose family matches."""
    covered = set()
    for face in re.findall(r"@font-face \{(.*?)\}", FONTS_CSS.read_text(), re.S):
        if not re.search(rf'font-family: "{family_pattern}";', face):
            continue
        for part in re.search(r"unicode-range: ([^;]+);", face).group(1).split(","):
            first, _dash, last = part.strip()[2:].partition("-")
            covered |= set(range(int(first, 16), int(last or first, 16) + 1))
    return covered


def test_each_demo_summary_is_short_in_an_offered_language_for_a_demo_partner_city():
    with (DATA_DIR / "state_partner_cities.csv").open(encoding="utf-8") as file:
        partner_cities = {row["slug"] for row in csv.DictReader(file)}
    rows = _summaries()
    assert len(rows) == 7
    for row in rows:
        assert row["city"] in partner_cities
        assert row["language"] in SUMMARY_LANGUAGES
        assert 100 <= len(row["text"]) <= SUMMARY_MAX_LENGTH, row["city"]
        assert 2 <= len(re.findall(r"[.。](?:\s|$)|。", row["text"])) <= 4, row["city"]


def test_the_sites_own_fonts_draw_every_character_of_the_demo_summaries():
    latin_hebrew_cyrillic = _covered("Citypartners Noto Sans")
    japanese = _covered("Citypartners Noto Sans JP") | latin_hebrew_cyrillic
    for row in _summaries():
        covered = japanese if row["language"] == "ja" else latin_hebrew_cyrillic
        missing = {c for c in row["text"] if ord(c) not in covered}
        assert missing == set(), (row["city"], missing)
