"""Build the self-hosted fonts for partner-language summaries (issue 16, item 5).

Run once by hand when the font set changes; its output is committed:
    cd /tmp && npm pack @fontsource/noto-sans @fontsource/noto-sans-hebrew @fontsource/noto-sans-jp
    (unpack each into /tmp/<name>/package)
    .venv/bin/python tools/fonts/build_partner_fonts.py /tmp

Writes citypartners/static/fonts/partner/*.woff2 and citypartners/static/css/partner-fonts.css:
two families, "Citypartners Noto Sans" and "Citypartners Noto Sans JP", in slices with
`unicode-range`, so a browser downloads a slice only when the page shows one of its
characters. Japanese keeps Google's slicing (by frequency) but each slice is cut down to kana,
punctuation, full-width forms and the kanji of JIS X 0208 level 1 (2,965): common Japanese,
about a fifth of the full font's size.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
OUT_FONTS = ROOT / "citypartners" / "static" / "fonts" / "partner"
OUT_CSS = ROOT / "citypartners" / "static" / "css" / "partner-fonts.css"
FAMILY = "Citypartners Noto Sans"
# Its own family: used for lang="ja" only, so that Chinese text never gets Japanese glyph forms.
FAMILY_JP = "Citypartners Noto Sans JP"

# (package, file, script, unicode-range): slices taken as fontsource declares them (the ranges
# from its CSS, not the files' character maps, which all hold the space and would overlap).
# Latin Extended is cut to blocks A and B (Polish, Czech, Hungarian, Romanian, Turkish ...).
WHOLE = [
    (
        "fontsource-noto-sans",
        "noto-sans-latin-400-normal.woff2",
        "latin",
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
        "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    ),
    ("fontsource-noto-sans", "noto-sans-latin-ext-400-normal.woff2", "latin-ext", "U+0100-024F"),
    (
        "fontsource-noto-sans",
        "noto-sans-cyrillic-400-normal.woff2",
        "cyrillic",
        "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116",
    ),
    (
        "fontsource-noto-sans-hebrew",
        "noto-sans-hebrew-hebrew-400-normal.woff2",
        "hebrew",
        "U+0307-0308,U+0590-05FF,U+20AA,U+25CC,U+FB1D-FB4F",
    ),
]


def jis_level1() -> set[int]:
    """Kana, symbols (JIS X 0208 rows 1-8) and the level 1 kanji (rows 16-47)."""
    chars = set()
    for row in [*range(1, 9), *range(16, 48)]:
        for cell in range(1, 95):
            try:
                chars.add(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("euc_jp")))
            except UnicodeDecodeError:
                continue
    chars |= set(range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    chars |= set(range(0xFF01, 0xFF9F))  # full-width and half-width forms
    return chars


def ranges(codepoints) -> str:
    spans, start, prev = [], None, None
    for cp in sorted(codepoints):
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            spans.append((start, prev))
            start = prev = cp
    if start is not None:
        spans.append((start, prev))
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in spans)


def face(filename: str, codepoints, family: str = FAMILY) -> str:
    unicode_range = codepoints if isinstance(codepoints, str) else ranges(codepoints)
    return (
        "@font-face {\n"
        f'  font-family: "{family}"; font-style: normal; font-weight: 400; font-display: swap;\n'
        f'  src: url("../fonts/partner/{filename}") format("woff2");\n'
        f"  unicode-range: {unicode_range};\n"
        "}\n"
    )


def _numbered(path: Path) -> bool:
    """A numbered slice (noto-sans-jp-12-…), not the script-named ones (…-latin-…)."""
    return path.name.split("-")[3].isdigit()


def _subset(path: Path, target: Path, unicodes: set[int]) -> TTFont:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return font


def main(source: Path) -> None:
    OUT_FONTS.mkdir(parents=True, exist_ok=True)
    for old in OUT_FONTS.glob("*.woff2"):
        old.unlink()
    faces = []
    for package, name, script, unicode_range in WHOLE:
        path = source / package / "package" / "files" / name
        target = f"noto-sans-{script}.woff2"
        if script == "latin-ext":
            _subset(path, OUT_FONTS / target, set(range(0x0100, 0x0250)))
        else:
            (OUT_FONTS / target).write_bytes(path.read_bytes())
        faces.append(face(target, unicode_range))
    wanted = jis_level1()
    jp_dir = source / "fontsource-noto-sans-jp" / "package" / "files"
    jp_files = sorted(
        (p for p in jp_dir.glob("noto-sans-jp-*-400-normal.woff2") if _numbered(p)),
        key=lambda p: int(p.name.split("-")[3]),
    )
    for path in jp_files:
        covered = set(TTFont(path).getBestCmap()) & wanted
        if not covered:
            continue
        target = f"noto-sans-jp-{path.name.split('-')[3]}.woff2"
        font = _subset(path, OUT_FONTS / target, covered)
        faces.append(face(target, font.getBestCmap().keys(), FAMILY_JP))
    OUT_CSS.write_text(
        "/* Issue 16, item 5: fonts for the partner-language summaries, served by the site.\n"
        "   Noto Sans, Noto Sans Hebrew and Noto Sans JP (SIL Open Font License 1.1: see\n"
        "   ../fonts/partner/OFL.txt), from the @fontsource packages, Japanese cut to common use\n"
        "   by tools/fonts/build_partner_fonts.py, which writes this file. Linked only by pages\n"
        "   that show a summary; each slice is fetched only for the characters a page shows. */\n"
        + "".join(faces)
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
