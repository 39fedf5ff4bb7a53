"""Bilingual reference data: fields stored as <name>_de / <name>_en, read in the active language."""

import os

from django.apps import apps
from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q, TextField
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey


def current_language() -> str:
    """The active language code reduced to one of LANGUAGES ("de" or "en")."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LocalizedText(str):
    """A text read by ``localized()``, knowing the language it is written in: where that is
    not the active one (the active one's field is empty), the public site marks it with its
    ``lang`` (the template filter ``lang`` in site.templatetags.citypartners_tags)."""

    language: str = ""

    def __new__(cls, value: str = "", language: str = ""):
        text = super().__new__(cls, value)
        text.language = language
        return text

    def __reduce__(self):  # copied and pickled (a cached page's context) with its language
        return (LocalizedText, (str(self), self.language))

    @property
    def is_fallback(self) -> bool:
        return bool(self) and self.language != current_language()


def localized(obj, field: str) -> str:
    """The value of `field` in the active language, falling back to the other language; a
    ``LocalizedText`` that says which of them it is."""
    lang = current_language()
    value = getattr(obj, f"{field}_{lang}", "")
    if value:
        return LocalizedText(value, lang)
    for code, _name in settings.LANGUAGES:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return LocalizedText(value, code)
    return LocalizedText("", lang)


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
    """The texts stored as ``<name>_de`` / ``<name>_en`` on ``model``, each with whether one
    of the two is required (not ``blank``), in the model's field order. Only text fields
    pair: a file per language (a video page's captions_de / captions_en) is not a text that
    falls back or waits for its translation."""
    fields = {
        field.name: field
        for field in model._meta.concrete_fields
        if isinstance(field, CharField | TextField)
    }
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


def form_children(model) -> list[tuple[type, str]]:
    """The child models held in ``model``'s edit form (a parental key to it), each with the
    name of that key: a founding document's note is translated in the partnership's form."""
    children = []
    for child in apps.get_models():
        for field in child._meta.concrete_fields:
            if isinstance(field, ParentalKey) and field.related_model is model:
                children.append((child, field.name))
    return children


def untranslated_records_q(model):
    """The records of ``model`` whose translation is missing (``untranslated_q``), on
    themselves or in a child record edited in their form. None: no pairs in either."""
    condition = untranslated_q(model)
    for child, key in form_children(model):
        child_condition = untranslated_q(child)
        if child_condition is None:
            continue
        missing = Exists(child._default_manager.filter(child_condition, **{key: OuterRef("pk")}))
        condition = missing if condition is None else condition | missing
    return condition


def translation_missing_fields(instance) -> list[tuple[str, str]]:
    """The paired fields of ``instance`` written in one language and empty in another, each
    as (the empty field's name, the language of the written one)."""
    codes = [code for code, _name in settings.LANGUAGES]
    missing = []
    for base, _required in paired_fields(type(instance)):
        values = {code: getattr(instance, f"{base}_{code}", "") for code in codes}
        written = [code for code in codes if values[code]]
        if not written:
            continue
        missing.extend((f"{base}_{code}", written[0]) for code in codes if not values[code])
    return missing
