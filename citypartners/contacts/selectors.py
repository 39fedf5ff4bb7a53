"""Reads of contact people. Public reads return only people who agreed to be shown."""

from citypartners.partnerships.selectors import public_partnership_q

from .models import ContactPerson


def contacts_public(*, city=None, focus_area=None):
    """Consenting contact people, optionally of a partner city's partnerships and a field."""
    people = ContactPerson.objects.shown_publicly().select_related("organisation")
    if city is not None:
        people = people.filter(public_partnership_q("partnerships"), partnerships__city=city)
    if focus_area is not None:
        people = people.filter(focus_areas=focus_area)
    return people.distinct().order_by("name")
