"""Reads of owners."""

from .models import Owner


def state_owner():
    """The state itself: the owner of records no borough owns."""
    return Owner.objects.filter(kind=Owner.Kind.STATE).order_by("sort_order").first()


def boroughs():
    """The boroughs in their order."""
    return Owner.objects.filter(kind=Owner.Kind.BOROUGH)
