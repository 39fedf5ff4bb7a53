"""Reads for the public pages, each in a fixed number of queries whatever the data size.

Partnerships and cities have drafts: the public sees a partnership only while it and its
city are live (``PUBLIC_PARTNERSHIP``), and a city only with such a partnership. A draft of
changes lives in a revision, so the live row is what was published last. Every public read
goes through ``partnerships_public``, ``cities_public`` or the filter ``PUBLIC_PARTNERSHIP``
(also where another app prefetches partnerships); ``partnerships_annotated`` is the back
office's (every row).
"""

import datetime

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from citypartners.owners.models import Owner

from .models import City, FoundingDocument, Partnership, PartnershipStatus

PROJECT_KIND = Partnership.Kind.PROJECT
PARTNERSHIP_KINDS = [Partnership.Kind.PARTNERSHIP, Partnership.Kind.FRIENDSHIP]
# A partnership the public sees: published, with a published city.
PUBLIC_PARTNERSHIP = Q(live=True, city__live=True)


def public_partnership_q(prefix: str = "") -> Q:
    """``PUBLIC_PARTNERSHIP`` seen from a model that links to partnerships through
    ``prefix`` (``"partnerships"`` from an activity: ``partnerships__live`` ...)."""
    if not prefix:
        return PUBLIC_PARTNERSHIP
    return Q(**{f"{prefix}__live": True, f"{prefix}__city__live": True})


def partnerships_public_plain():
    """Public partnerships with city and owner, not annotated: for other apps' prefetches."""
    return Partnership.objects.filter(PUBLIC_PARTNERSHIP).select_related("city", "owner")


def _with_since_and_status(queryset, *, today: datetime.date | None = None):
    """Annotate the shown founding date and the status in force today."""
    today = today or timezone.localdate()
    shown = FoundingDocument.objects.filter(partnership=OuterRef("pk"), is_shown=True)
    current = PartnershipStatus.objects.filter(
        partnership=OuterRef("pk"), valid_from__lte=today
    ).order_by("-valid_from", "-pk")
    return queryset.annotate(
        since=Subquery(shown.values("date")[:1]),
        since_precision=Subquery(shown.values("date_precision")[:1]),
        current_status=Subquery(current.values("status")[:1]),
        current_status_since=Subquery(current.values("valid_from")[:1]),
    )


def partnerships_annotated(**filters):
    """Partnerships with city and owner, the date shown and the current status."""
    return _with_since_and_status(
        Partnership.objects.filter(**filters).select_related("city", "owner")
    )


def partnerships_public(**filters):
    """Partnerships shown on the public site, annotated: the published ones of published
    cities.

    The one rule for the public pages, the API, the downloads and the map data.
    """
    return _with_since_and_status(
        Partnership.objects.filter(PUBLIC_PARTNERSHIP, **filters).select_related("city", "owner")
    )


def cities_public():
    """Partner cities shown on the public site: published ones with at least one public
    partnership.

    The one rule for the city pages' lists, the API, the CSV download and search.
    """
    public = Partnership.objects.filter(PUBLIC_PARTNERSHIP).order_by().values("city_id")
    return City.objects.filter(live=True, pk__in=public).order_by("name_en", "pk")


def partnership_list(*, owner_id=None, kinds=None, owner_kind=None) -> list:
    """Public partnerships ordered by the date shown, with city, owner, date and status."""
    filters = {}
    if owner_id is not None:
        filters["owner_id"] = owner_id
    if owner_kind is not None:
        filters["owner__kind"] = owner_kind
    if kinds is not None:
        filters["kind__in"] = kinds
    return list(partnerships_public(**filters).order_by("since", "city__name_en"))


def state_partnership_list() -> list:
    """The state's own partnerships (not project cooperations), for the overview."""
    return partnership_list(owner_kind=Owner.Kind.STATE, kinds=PARTNERSHIP_KINDS)


def partnership_detail(*, partnership_id: int):
    """One public partnership with everything its city page shows, and the status change in
    force; Partnership.DoesNotExist when the public does not see it (a draft)."""
    partnership = (
        partnerships_public(pk=partnership_id)
        .prefetch_related("founding_documents", "status_history", "focus_areas")
        .get()
    )
    today = timezone.localdate()
    in_force = [c for c in partnership.status_history.all() if c.valid_from <= today]
    partnership.current_change = in_force[-1] if in_force else None
    return partnership


def boroughs():
    """The boroughs, in their order."""
    return Owner.objects.filter(kind=Owner.Kind.BOROUGH)


def boroughs_prefetched():
    """The boroughs in order, each with its partnerships (``partnership_list``) ordered by
    the date shown, loaded for whichever slice of them is read (a page of a long list)."""
    partnerships = partnerships_public().order_by("since", "city__name_en")
    return boroughs().prefetch_related(
        Prefetch("partnerships", queryset=partnerships, to_attr="partnership_list")
    )


def boroughs_with_partnerships():
    """Every borough in order, each with its partnerships ordered by the date shown."""
    return list(boroughs_prefetched())


def borough_partnerships():
    """Every public partnership of a borough, with what the map needs, in one query."""
    return list(
        partnerships_public()
        .filter(owner__kind=Owner.Kind.BOROUGH)
        .order_by("owner__sort_order", "owner__slug", "city__name_en", "pk")
    )
