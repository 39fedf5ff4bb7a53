"""Loading the demo into a site: only into an empty one, only once, or afresh with reset.

The loader (loader.load_berlin) makes what is missing, so on its own it would bring back a
record an editor deleted. demo_load calls it only when the site holds nothing yet and the
demo was never loaded into this database (the audit log keeps that), so a deleted demo
record stays deleted; reset empties the whole database first.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Collection, ModelLogEntry, Site

from citypartners.site.setup import SetupReport, site_content_counts

from .loader import load_berlin

LOAD_ACTION = "citypartners.demo_load"

# What reset deletes, as the command tells it before it asks.
RESET_DELETES = _(
    "every page, partnership, city, owner, activity, project, budget line, organisation, "
    "contact person, proposal and feedback message, the office settings, the records of "
    "uploaded documents and images (their files stay in the media folder), every account and "
    "the change history"
)


@dataclass
class DemoOutcome:
    """What demo_load did: loaded (with its report), or why not."""

    loaded: bool
    report: SetupReport | None = None
    loaded_before: datetime.datetime | None = None
    content: dict | None = None  # what the site held, if that kept the demo out


def demo_loaded_at() -> datetime.datetime | None:
    """When the demo was last loaded into this database, or None."""
    entry = ModelLogEntry.objects.filter(action=LOAD_ACTION).order_by("-timestamp").first()
    return entry.timestamp if entry else None


def _database_empty():
    """Delete every row, as Django's flush does, and forget what caches knew of them."""
    # PostgreSQL truncates no table with foreign-key checks still pending in this
    # transaction (writes before the reset, as in a test): run them now.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    # Content types come back with new ids, and Wagtail caches the sites' root paths.
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()
    # Wagtail's migrations made the root collection; documents and images need it.
    Collection.add_root(name="Root")


@transaction.atomic
def demo_load(*, reset: bool = False) -> DemoOutcome:
    """Load the Berlin demo into an empty site, once; with `reset`, empty the database first."""
    if reset:
        _database_empty()
    else:
        loaded_before = demo_loaded_at()
        if loaded_before is not None:
            return DemoOutcome(loaded=False, loaded_before=loaded_before)
        content = {what: n for what, n in site_content_counts().items() if n}
        if content:
            return DemoOutcome(loaded=False, content=content)
    report = load_berlin()
    log(
        instance=Site.objects.get(is_default_site=True),
        action=LOAD_ACTION,
        data={"created": report.created},
    )
    return DemoOutcome(loaded=True, report=report)
