"""Stemmed search text for pages, in the language of the page's own locale."""

from wagtail.search import index

from citypartners.core.stemming import stem_text


class StemmedPageSearchMixin:
    """Adds one search field holding the page's title and text fields, stemmed."""

    stemmed_fields: tuple[str, ...] = ()

    def stemmed_search_text(self) -> str:
        values = [self.title, *[getattr(self, name, "") or "" for name in self.stemmed_fields]]
        return stem_text(*values, language=self.locale.language_code)


STEMMED_PAGE_FIELD = index.SearchField("stemmed_search_text")
