"""Reads of organisations.

``organisations_public()`` is the one rule for which organisations the public sees: the
organisation pages, the API, the CSV download and search all read through it, so a rule
added here (say, a "not yet public" flag) reaches every one of them at once.
"""

from .models import Organisation


def organisations_public():
    """Organisations shown on the public site (today: every recorded organisation)."""
    return Organisation.objects.select_related("city").order_by("name", "pk")
