"""The OpenAPI document in the reader's language: its human texts (summaries and
descriptions, paragraph by paragraph) are English msgids in the catalogue, translated when
the document is served; names, types and the API's data stay as they are."""

import copy

from django.utils.translation import gettext, gettext_noop

# What django-ninja writes for each response: marked here so the catalogue holds them.
RESPONSE_TEXTS = (
    gettext_noop("OK"),
    gettext_noop("Bad Request"),
    gettext_noop("Not Found"),
    gettext_noop("Too Many Requests"),
)

TRANSLATED_KEYS = ("summary", "description")


def text_translated(text: str) -> str:
    """One human text in the active language, translated paragraph by paragraph."""
    return "\n\n".join(gettext(part) if part else part for part in text.split("\n\n"))


def document_translated(document: dict) -> dict:
    """A copy of an OpenAPI document with its summaries and descriptions in the active
    language (the title and every name stay as they are)."""

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                # A property *named* "description" is a schema, not a text: only strings.
                if key in TRANSLATED_KEYS and isinstance(value, str):
                    node[key] = text_translated(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    translated = copy.deepcopy(document)
    walk(translated)
    return translated
