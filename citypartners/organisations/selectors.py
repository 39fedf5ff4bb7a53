"""Reads of organisations.

``organisations_public()`` is the one rule for which organisations the public sees: the
organisation pages, the API, the CSV download and search all read through it, so a rule
added here (say, a "not yet public" flag) reaches every one of them at once.
"""

from .models import Organisation


def organisations_public():
    """Organisations shown on the public site: those of a published city (a city added as a
    draft is not shown through its institutions either)."""
    return (
        Organisation.objects.filter(city__live=True).select_related("city").order_by("name", "pk")
    )
