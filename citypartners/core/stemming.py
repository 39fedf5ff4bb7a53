"""Stemming in the text's own language, so that German content is found by German word forms.

The index and the query are stemmed alike here, in Python, so the result does not depend on
the database: SQLite's full-text index has no German stemmer, and PostgreSQL runs with the
neutral "simple" configuration (see WAGTAILSEARCH_BACKENDS).
"""

import re
from functools import cache, lru_cache

import snowballstemmer
from django.utils.html import strip_tags

STEMMER_LANGUAGES = {"de": "german", "en": "english"}
WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMER_LANGUAGES.get(language, "english"))


# Snowball in pure Python costs a fraction of a millisecond a word, and indexing stems each
# text several times (once per part of an index entry); words repeat, so remember the stems.
@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def stem_words(text: str, language: str) -> list[str]:
    """The stems of the words in `text` (HTML removed), lower-cased."""
    return [_stem(word, language) for word in WORD.findall(strip_tags(text or "").lower())]


def stem_text(*texts: str, language: str) -> str:
    return " ".join(word for text in texts for word in stem_words(text, language))
