"""Writes of owners: the state and its boroughs."""

from django.db import transaction

from .models import Owner


@transaction.atomic
def owner_ensure(
    *, slug: str, kind: str, name_de: str, name_en: str, sort_order: int = 0
) -> tuple[Owner, bool]:
    """The owner with `slug`, created from the other arguments if missing (and True then).

    An existing owner is kept as it is: its names may have been changed in the back office.
    """
    owner = Owner.objects.filter(slug=slug).first()
    if owner is not None:
        return owner, False
    owner = Owner(slug=slug, kind=kind, name_de=name_de, name_en=name_en, sort_order=sort_order)
    owner.full_clean()
    owner.save()
    return owner, True
