"""Stemming in each language, as the search index and the search query use it."""

from citypartners.core.stemming import stem_text


def test_stemmer_reduces_word_forms_in_each_language():
    assert stem_text("Partnerschaften", language="de") == stem_text("Partnerschaft", language="de")
    assert stem_text("Veranstaltungen", language="de") == stem_text("Veranstaltung", language="de")
    assert stem_text("exchanges", language="en") == stem_text("exchange", language="en")
    # Different words keep different stems.
    assert stem_text("Partnerschaft", language="de") != stem_text("Veranstaltung", language="de")
