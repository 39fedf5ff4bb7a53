"""The URLs `make lighthouse` measures, printed as JSON (run by tools/lighthouse/run in the
throwaway site's environment, so Django is set up against its database).

Every public page type in both languages, from the page models (bench/discover.py: a new page
type is measured without a change here), and the public views outside the page tree that have
their own template: the activity calendar, an activity, a project, an organisation, search and
the open-data page. Each entry: {"group", "name", "url"}; an entry with "error" has no URL.
"""

import json
import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings.production")
django.setup()

from bench import discover  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

# Of bench's view entries, the ones with a page type of their own (the past list and the one
# city's list are the activity index page's template again; the second search is search's).
VIEWS = ("calendar", "activity", "project", "organisation", "search for a city", "open data page")


# Search results are kept out of search engines on purpose (noindex, robots.txt), so
# Lighthouse's SEO audit "is-crawlable" fails there by design; the run accepts that one audit
# for these entries. The empty search form is indexable and measured as its own entry.
NOT_INDEXED = ("search for a city",)


def entries() -> list[dict]:
    city = discover.busiest_city()
    views = []
    for entry in discover.view_entries(city):
        kind = entry["name"].rsplit(" (", 1)[0]
        if kind in VIEWS:
            views.append(dict(entry, not_indexed=True) if kind in NOT_INDEXED else entry)
    searches = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            searches.append(
                {"group": "search", "name": f"search form ({code})", "url": reverse("search")}
            )
    return discover.page_entries() + views + searches


if __name__ == "__main__":
    json.dump(entries(), sys.stdout)
