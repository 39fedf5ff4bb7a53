"""Bilingual reference data: fields stored as <name>_de / <name>_en, read in the active language."""

import os

from django.conf import settings
from django.utils.translation import get_language


def current_language() -> str:
    """The active language code reduced to one of LANGUAGES ("de" or "en")."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def localized(obj, field: str) -> str:
    """The value of `field` in the active language, falling back to the other language."""
    lang = current_language()
    value = getattr(obj, f"{field}_{lang}", "")
    if value:
        return value
    for code, _name in settings.LANGUAGES:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


def terminal_language(given: str | None = None) -> str:
    """The language a command speaks: `given` (its --language), else the terminal's
    (LC_ALL, LC_MESSAGES, LANG), else the site's first (LANGUAGE_CODE)."""
    languages = dict(settings.LANGUAGES)
    candidates = [given] + [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for value in candidates:
        code = (value or "").split("_")[0].split(".")[0].lower()
        if code in languages:
            return code
    return settings.LANGUAGE_CODE
