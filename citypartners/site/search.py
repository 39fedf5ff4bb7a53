"""One search over cities (with their partnerships), activities and pages, grouped by type."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from citypartners.activities.selectors import activities_public
from citypartners.core.stemming import stem_words
from citypartners.partnerships.models import City
from citypartners.partnerships.selectors import cities_public, partnerships_public_plain

MAX_PER_GROUP = 20
MAX_QUERY_LENGTH = 200


@dataclass
class SearchResults:
    query: str
    cities: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    activity_count: int = 0
    page_count: int = 0

    @property
    def total(self):
        return len(self.cities) + self.activity_count + self.page_count


def search_everything(*, query: str, language: str, locale_id: int) -> SearchResults:
    """Search in the reader's language; each group ranked by relevance, at most 20 shown."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=query)
    stems = " ".join(stem_words(query, language))
    if not stems:
        return results
    backend = get_search_backend()

    partnerships = partnerships_public_plain()
    # Cities without any partnership are dropped after ranking; the search backend
    # cannot filter on a relation.
    # No `fields=`: SQLite's full-text table searches all indexed fields of a model at once.
    cities = backend.search(stems, City.objects.all(), operator="and")
    city_ids = [c.pk for c in cities[: MAX_PER_GROUP * 2]]
    # Only public cities (cities_public(), the rule of the pages, the API and the downloads).
    by_id = (
        cities_public()
        .prefetch_related(
            Prefetch("partnerships", queryset=partnerships, to_attr="partnership_list")
        )
        .in_bulk(city_ids)
    )
    results.cities = [by_id[pk] for pk in city_ids if pk in by_id and by_id[pk].partnership_list][
        :MAX_PER_GROUP
    ]

    activities = backend.search(stems, activities_public(), operator="and")
    results.activity_count = activities.count()
    results.activities = list(activities[:MAX_PER_GROUP])

    pages = backend.search(
        stems,
        Page.objects.live().public().filter(locale_id=locale_id, depth__gt=1),
        operator="and",
    )
    results.page_count = pages.count()
    results.pages = list(pages[:MAX_PER_GROUP])
    return results
