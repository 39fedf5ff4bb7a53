"""Reads of contact people. Public reads return only people who agreed to be shown."""

import datetime

from django.db.models import Exists, OuterRef

from citypartners.partnerships.models import Partnership
from citypartners.partnerships.selectors import (
    partnerships_active_for_dashboard,
    public_partnership_q,
)

from .models import ContactPerson


def contacts_public(*, city=None, focus_area=None):
    """Consenting contact people, optionally of a partner city's partnerships and a field."""
    people = ContactPerson.objects.shown_publicly().select_related("organisation")
    if city is not None:
        people = people.filter(public_partnership_q("partnerships"), partnerships__city=city)
    if focus_area is not None:
        people = people.filter(focus_areas=focus_area)
    return people.distinct().order_by("name")


def focus_areas_without_contact_for_dashboard(
    *, user, today: datetime.date | None = None, limit: int = 10, offset: int = 0
) -> tuple[int, list]:
    """The focus areas of the account's active partnerships for which no contact person (of
    any consent) of that partnership is recorded: the gaps of the partnership's network.
    Rows of the partnership–focus area table, each with its partnership (city and owner) and
    its focus area. Names no person, so it needs no permission on contact people. Two queries."""
    through = Partnership.focus_areas.through
    covered = ContactPerson.objects.filter(
        partnerships=OuterRef("partnership_id"), focus_areas=OuterRef("focusarea_id")
    )
    active = partnerships_active_for_dashboard(user=user, today=today)
    queryset = through.objects.filter(partnership__in=active.values("pk")).exclude(Exists(covered))
    rows = list(
        queryset.select_related("partnership__city", "partnership__owner", "focusarea").order_by(
            "partnership__city__name_en",
            "partnership__owner__sort_order",
            "partnership_id",
            "focusarea__sort_order",
            "focusarea__name_en",
        )[offset : offset + limit]
    )
    return queryset.count(), rows
