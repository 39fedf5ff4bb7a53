"""No public answer needs more memory on a site ten times larger (issue 17): every page type,
view, feed, download and API answer of the query-count test (test_world_query_counts), asked
at both sizes of the same generator, its peak of Python allocations measured with tracemalloc
while its body is read chunk by chunk (a streamed download is never held whole).

What may grow is bounded by design: a feed carries at most its window's caps, an API list its
page, a download its chunk of rows, a map its points; the test lowers each bound (feeds 5 + 5,
API pages of 5, downloads read 5 rows at a time, maps of 5 points) so that both sizes fill
it. What grows with the data is a defect: an answer that loads every activity, or builds a
download in memory, needs ten times as much
at 10× (3,000 activities instead of 300: megabytes). The allowance below is far under that
and above the noise of a page whose few rows have longer names.
"""

import gc
import tracemalloc

import pytest
from django.test import Client

from citypartners.activities import selectors as activity_selectors
from citypartners.activities.models import Activity
from citypartners.geo import maps as geo_maps
from citypartners.opendata import tables
from citypartners.site.models import partnerships as partnership_pages

from .test_world_query_counts import LARGE, SMALL, _generate, _urls

pytestmark = pytest.mark.django_db

# Growth allowed from the small site to the one ten times larger: a fifth more, and 200 KB.
GROWTH_FACTOR = 1.2
GROWTH_BYTES = 200 * 1024


# Known to grow, each with its reason: the test fails when one of them stops growing too, so
# that this list says what is left. None is left.
KNOWN_GROWTH: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _bounds_filled_at_both_sizes(monkeypatch):
    monkeypatch.setattr(activity_selectors, "FEED_UPCOMING", 5)
    monkeypatch.setattr(activity_selectors, "FEED_PAST", 5)
    monkeypatch.setattr(tables, "CHUNK", 5)
    monkeypatch.setattr(geo_maps, "MAX_MARKERS", 5)
    monkeypatch.setattr(partnership_pages, "MAX_MARKERS", 5)
    monkeypatch.setattr(tables, "BYTES", 4096)


def _bounded_urls() -> dict[str, str]:
    """The query-count test's addresses, the API lists asking for pages of 5."""
    return {
        name: f"{url}?limit=5" if url.startswith("/api/") and url.endswith("s/") else url
        for name, url in _urls().items()
    }


def _peak(client: Client, url: str) -> tuple[int, int]:
    """The answer's status and the peak of memory allocated while it is made and read."""
    client.get(url)  # warm the per-process caches (site root paths, content types, templates)
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        response = client.get(url)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        # No response.close(): the test client closed it when the stream ended, and closing
        # again would close the database connection inside the test's transaction.
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return response.status_code, peak


def _peaks(client) -> dict[str, int]:
    peaks = {}
    for name, url in _bounded_urls().items():
        status, peak = _peak(client, url)
        assert status == 200, f"{name}: {url} answers {status}"
        peaks[name] = peak
    return peaks


def test_no_public_answer_needs_more_memory_at_ten_times_the_size():
    client = Client()  # Django's own: reads nothing ahead (conftest's client joins streams)
    _generate(SMALL)
    small = _peaks(client)
    _generate(LARGE)
    assert Activity.objects.count() == LARGE.activities
    large = _peaks(client)
    for name in small:  # shown with pytest -s: the figures of the report
        print(f"{name:40} {small[name] / 1024:8.0f} KB {large[name] / 1024:8.0f} KB")
    grown = {
        name: f"{small[name] // 1024} KB → {large[name] // 1024} KB"
        for name in small
        if large[name] > small[name] * GROWTH_FACTOR + GROWTH_BYTES
    }
    new = {name: figures for name, figures in grown.items() if name not in KNOWN_GROWTH}
    assert not new, f"answers whose memory grows with the data (small → 10×): {new}"
    stopped = set(KNOWN_GROWTH) - set(grown)
    assert not stopped, f"no longer growing, take them off KNOWN_GROWTH: {sorted(stopped)}"
