"""What a back-office screen shows, and which of it is in the other language (issue 14, item 6).

``Catalogues`` reads every German catalogue the back office loads (the project's ``locale/``,
``citypartners/vendor_locale/``, each installed app's, Django's; the ``django`` and
``djangojs`` domains) into the strings that are English there and the strings that are
German there. ``labels`` lists what a response shows a reader: text nodes; the attributes
title, aria-label, placeholder, alt and a button's value; the strings in JSON data islands
(``<script type="application/json">``, Wagtail's ``wagtail-config``, sidebar props, telepath
form data); the HTML and strings of a JSON answer (a chooser's modal); a CSV export's header
row; a JavaScript catalogue's translations. ``Catalogues.foreign`` says which of them are in
the other language: a whole label that is a catalogue string of the other language, or a
label made of a translated frame and an untranslated part ("Auswählen owner").
"""

import csv
import gettext
import io
import json
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.utils import translation

# Catalogue strings that are also ordinary text in the other language, each with its reason.
# (Words that German and English share, such as "Status" and "Partner", need no entry: their
# German translation is the same word, so they are neither language's alone.) Each entry must
# be needed: test_one_language checks that each is a catalogue string of one language only.
SAME_IN_BOTH = {
    "Export": "the German word too",
    "Tags": "Wagtail's German catalogue keeps it",
    "Tag": "the German word for day, and taggit's name for a tag",
    "Login": "Wagtail's German catalogue keeps it",
    "Deutsch": "a language is named in its own language in the language choice",
    "English": "a language is named in its own language in the language choice",
    "Englisch": "the German name of the language, also a word in English catalogues' msgstr",
    "E-Mail": "the German word too",
    "Standard": "the German word too",
    "Version": "the English word too",
    "Start": "the English word too",
    "Port": "the English word too",
    "Hostname": "the English word too",
    "Cc": "an e-mail header, the same in both",
    "Bcc": "an e-mail header, the same in both",
}

# How Python writes an empty value or a flag: a screen that shows them shows English.
PYTHON_WORDS = {"None", "True", "False"}

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_SPACE = re.compile(r"\s+")


def normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _is_label(text: str) -> bool:
    return bool(_LETTERS.search(text)) and len(text) < 400


@dataclass(frozen=True)
class Template:
    """A catalogue string with placeholders, as a pattern for a whole label."""

    source: str
    pattern: re.Pattern
    literal: str  # its longest word, to find the labels worth trying it on


def _template(message: str) -> Template | None:
    parts = _PLACEHOLDER.split(message)
    literal_letters = "".join(_LETTERS.findall("".join(parts)))
    if len(parts) < 2 or len(literal_letters) < 4 or "\n" in message:
        return None
    pattern = "(.+?)".join(re.escape(_SPACE.sub(" ", part)) for part in parts)
    words = sorted(_LETTERS.findall(" ".join(parts)), key=len)
    return Template(message, re.compile(f"^{pattern}$"), words[-1].lower())


class Catalogues:
    """The German catalogues the back office loads: which strings are English, which German."""

    def __init__(self, names: set[str]):
        self.names = names  # record names, page titles: user data, never a finding

    @cached_property
    def files(self) -> list[Path]:
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [Path(app.path) / "locale" for app in apps.get_app_configs()]
        roots.append(Path(django.__file__).parent / "conf" / "locale")
        return [
            root / "de" / "LC_MESSAGES" / f"{domain}.po"
            for root in roots
            for domain in ("django", "djangojs")
            if (root / "de" / "LC_MESSAGES" / f"{domain}.po").exists()
        ]

    @cached_property
    def _entries(self) -> list[tuple[str, str, str, bool, str | None]]:
        """(domain, msgid, msgstr, translated, context) of each entry; a plural as two."""
        found = []
        for path in self.files:
            domain = path.stem
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                if entry.msgid_plural:
                    forms = entry.msgstr_plural
                    pairs = [
                        (entry.msgid, forms.get(0, "")),
                        (entry.msgid_plural, forms.get(1, "")),
                    ]
                else:
                    pairs = [(entry.msgid, entry.msgstr)]
                for msgid, msgstr in pairs:
                    translated = bool(msgstr) and "fuzzy" not in entry.flags
                    found.append((domain, msgid, msgstr, translated, entry.msgctxt))
        return found

    @cached_property
    def _js_translations(self) -> dict[str, str]:
        """The djangojs domain as the German JavaScript catalogues serve it, project first."""
        merged = {}
        for path in self.files:
            if path.stem != "djangojs" or not path.with_suffix(".mo").exists():
                continue
            with path.with_suffix(".mo").open("rb") as mo:
                for key, value in gettext.GNUTranslations(mo)._catalog.items():
                    msgid = key[0] if isinstance(key, tuple) else key
                    merged.setdefault(msgid.split("\x04")[-1], value)
        return merged

    def javascript_msgids(self, package: str) -> set[str]:
        """The strings a package's JavaScript asks its catalogue for (its djangojs.po)."""
        path = next(
            (p for p in self.files if p.stem == "djangojs" and f"/{package}/locale/" in str(p)),
            None,
        )
        assert path, f"no German JavaScript catalogue of {package}"
        return {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}

    def german(self, domain: str, msgid: str, context: str | None) -> str:
        """The German the back office shows for ``msgid``."""
        if domain == "djangojs":
            return self._js_translations.get(msgid, msgid)
        with translation.override("de"):
            if context:
                return translation.pgettext(context, msgid)
            return translation.gettext(msgid)

    @cached_property
    def english(self) -> dict[str, str]:
        """English catalogue strings that the German back office shows otherwise (or that no
        catalogue translates), each with where it comes from."""
        found = {}
        for domain, msgid, _msgstr, _translated, context in self._entries:
            text = normal(msgid)
            if not _is_label(text) or text in found:
                continue
            if normal(self.german(domain, msgid, context)) != text:
                found[text] = domain
        return found

    @cached_property
    def german_strings(self) -> set[str]:
        """German catalogue strings that differ from their English source."""
        return {
            normal(msgstr)
            for _domain, msgid, msgstr, translated, _context in self._entries
            if translated and normal(msgstr) != normal(msgid) and _is_label(normal(msgstr))
        }

    @cached_property
    def _all_english(self) -> set[str]:
        return {normal(msgid) for _d, msgid, _s, _t, _c in self._entries}

    @cached_property
    def english_only(self) -> set[str]:
        """English strings that are not also German catalogue strings nor names."""
        return {
            text for text in self.english if text not in self.names and text not in SAME_IN_BOTH
        }

    @cached_property
    def german_only(self) -> set[str]:
        return {
            text
            for text in self.german_strings
            if text not in self._all_english and text not in self.names
            if text not in SAME_IN_BOTH
        }

    def _is_own(self, text: str, language: str) -> bool:
        """Whether ``text`` is a catalogue string of ``language`` (and not of the other)."""
        if language == "de":
            return text in self.german_strings and text not in self.english
        return text in self._all_english and text not in self.german_strings

    def _words(self, messages) -> set[str]:
        return {word.lower() for message in messages for word in _LETTERS.findall(message)}

    def _index(self, messages, other_words=frozenset()) -> dict[str, list[Template]]:
        """Templates by their longest word; only those with a word of their own language."""
        index = {}
        for message in messages:
            template = _template(message)
            literal = _PLACEHOLDER.sub(" ", message)
            if template and self._words([literal]) - other_words:
                index.setdefault(template.literal, []).append(template)
        return index

    @cached_property
    def english_templates(self):
        return self._index(
            {msgid for _d, msgid, _s, _t, _c in self._entries if _PLACEHOLDER.search(msgid)}
            - {msgstr for _d, _m, msgstr, _t, _c in self._entries},
            self._words(self.german_strings),
        )

    @cached_property
    def german_templates(self):
        return self._index(
            {
                msgstr
                for _d, msgid, msgstr, translated, _c in self._entries
                if translated and msgstr != msgid and _PLACEHOLDER.search(msgstr)
            }
            - {msgid for _d, msgid, _s, _t, _c in self._entries},
            self._words(self._all_english),
        )

    def _matches(self, index, text):
        lowered = text.lower()
        for word in set(_LETTERS.findall(lowered)):
            for template in index.get(word, ()):
                match = template.pattern.match(text)
                if match:
                    yield template, match.groups()

    def foreign(self, text: str, language: str) -> str | None:
        """Why ``text``, shown in the ``language`` back office, is in the other language."""
        text = normal(text)
        if text in PYTHON_WORDS:
            return "Python's word for a value, English in both languages"
        if not _is_label(text) or text in SAME_IN_BOTH or text in self.names:
            return None
        own, other = (
            (self.german_templates, self.english_templates)
            if language == "de"
            else (self.english_templates, self.german_templates)
        )
        strings = self.english_only if language == "de" else self.german_only
        if text in strings:
            return "a catalogue string of the other language"
        known = self.english_only | self.german_only | self.names
        for template, parts in self._matches(other, text):
            # The other language's frame around names, numbers or catalogue strings; not a
            # frame that happens to match a longer label of this language.
            if all(normal(part) in known or part.strip().isdigit() for part in parts):
                return f"the other language's {template.source!r}"
        words = text.split(" ")
        for cut in range(1, len(words)):  # a translated and an untranslated part: "Auswählen owner"
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            for one, two in ((left, right), (right, left)):
                if two in strings and one not in strings and self._is_own(one, language):
                    return f"{one!r} with {two!r} of the other language"
        for template, parts in self._matches(own, text):
            for part in parts:
                part = normal(part)
                if part in strings:
                    return f"{template.source!r} with {part!r} of the other language"
        return None


# What a response shows ---------------------------------------------------------------------

ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value")
SKIPPED_ELEMENTS = {"style", "textarea", "svg", "noscript", "-"}
# Attributes of elements whose text is a placeholder for a number, never shown as it is:
# Wagtail's side panel's error counter holds "None" until its script counts.
NO_LABEL = {"data-side-panel-toggle-counter"}


class _Labels(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (where, text)
        self.stack: list[str] = []
        self.script_json = False
        self.script_id = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("br", "img", "input", "hr", "meta", "link", "source", "wbr"):
            # An element whose text is no label, marked as the element (see NO_LABEL).
            self.stack.append("-" if NO_LABEL.intersection(attrs) else tag)
        if tag == "script":
            self.script_json = "json" in (attrs.get("type") or "")
            self.script_id = attrs.get("id") or ""
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.found.append((f"<{tag} {name}>", attrs[name]))
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            if attrs.get("value"):
                self.found.append((f"<{tag} value>", attrs["value"]))
        # Wagtail's sidebar and controllers keep their props in attributes as JSON.
        for name, value in attrs.items():
            if name.startswith("data-") and value and value[:1] in "[{":
                try:
                    data = json.loads(value)
                except ValueError:
                    continue
                self.found.extend((f"<{tag} {name}> {w}", t) for w, t in json_labels(data))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not data.strip() or SKIPPED_ELEMENTS.intersection(self.stack):
            return
        where = self.stack[-1] if self.stack else ""
        if where == "script":
            if self.script_json:
                try:
                    loaded = json.loads(data)
                except ValueError:
                    return
                label = f"<script {self.script_id or 'application/json'}>"
                self.found.extend((f"{label} {w}", t) for w, t in json_labels(loaded))
            return
        self.found.append((f"<{where}>", data))


# A field's name, an icon's, a URL: what data islands hold besides labels.
_IDENTIFIER = re.compile(r"^[a-z0-9_.:/#?=&%\-]*$")


def json_labels(data, where="") -> list[tuple[str, str]]:
    """Strings in JSON data, with their keys; those holding HTML read as HTML."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(json_labels(value, f"{where}.{key}"))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(json_labels(value, f"{where}[{i}]"))
    elif isinstance(data, str) and not _IDENTIFIER.match(data):
        if "<" in data and ">" in data:
            found.extend((f"{where} {w}", t) for w, t in html_labels(data))
        else:
            found.append((where or "json", data))
    return found


def html_labels(html: str) -> list[tuple[str, str]]:
    parser = _Labels()
    parser.feed(html)
    parser.close()
    return parser.found


def javascript_catalogue(response) -> dict:
    """The translations a JavaScript catalogue (Django's JavaScriptCatalog) serves."""
    found = _JS_CATALOGUE.search(response.content.decode(errors="replace"))
    return json.loads(found.group(1)) if found else {}


_JS_CATALOGUE = re.compile(r"const newcatalog = (\{.*?\});\n", re.S)


def labels(response) -> list[tuple[str, str]]:
    """(where, text) of everything the response shows a reader."""
    kind = response.get("Content-Type", "")
    if not re.search(r"csv|javascript|json|html", kind):
        return []  # images, documents, spreadsheets
    if response.streaming:
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    if "csv" in kind:
        return [("CSV header", cell) for cell in next(csv.reader(io.StringIO(body)), [])]
    if "javascript" in kind:
        catalogue = _JS_CATALOGUE.search(body)
        if not catalogue:
            return []
        found = []
        for msgid, value in json.loads(catalogue.group(1)).items():
            for one in value if isinstance(value, list) else [value]:
                found.append((f"JavaScript catalogue: {msgid!r}", one))
        return found
    if "json" in kind:
        try:
            return json_labels(json.loads(body))
        except ValueError:
            return []
    if "html" in kind:
        return html_labels(body)
    return []
