"""Bilingual reference data: fields stored as <name>_de / <name>_en, read in the active language."""

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
