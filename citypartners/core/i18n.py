"""Bilingual reference data: fields stored as <name>_de / <name>_en, read in the active language."""

import os

from django.conf import settings
from django.db.models import Q
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


def paired_fields(model) -> list[tuple[str, bool]]:
    """The names stored as ``<name>_de`` / ``<name>_en`` on ``model``, each with whether one
    of the two is required (not ``blank``), in the model's field order."""
    fields = {field.name: field for field in model._meta.concrete_fields}
    codes = [code for code, _name in settings.LANGUAGES]
    pairs = []
    for name in fields:
        base, _sep, code = name.rpartition("_")
        if code != codes[0] or not all(f"{base}_{other}" in fields for other in codes):
            continue
        pairs.append((base, any(not fields[f"{base}_{other}"].blank for other in codes)))
    return pairs


def untranslated_q(model):
    """The records of ``model`` whose translation is missing: a paired field written in one
    language and empty in the other, or a required one empty in either. None: no pairs."""
    codes = [code for code, _name in settings.LANGUAGES]
    condition = None
    for base, required in paired_fields(model):
        empty = [Q(**{f"{base}_{code}": ""}) for code in codes]
        if required:
            missing = empty[0]
            for other in empty[1:]:
                missing |= other
        else:  # one written, another empty
            missing = None
            for index, one in enumerate(empty):
                for other in empty[index + 1 :]:
                    part = (one & ~other) | (~one & other)
                    missing = part if missing is None else missing | part
        condition = missing if condition is None else condition | missing
    return condition
