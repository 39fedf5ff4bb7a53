from decimal import Decimal

import factory

from citypartners.funding.models import BudgetLine, FundingSource
from citypartners.partnerships.models import Partnership


class BudgetLineFactory(factory.django.DjangoModelFactory):
    """An internal budget line of the state's Warsaw partnership unless told otherwise, owned
    by the partnership's owner; saved directly (no revision), as other factories do."""

    class Meta:
        model = BudgetLine

    partnership = factory.LazyFunction(
        lambda: Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")
    )
    owner = factory.LazyAttribute(lambda line: line.partnership.owner)
    year = 2024
    source = FundingSource.OWN_BUDGET
    amount_planned = Decimal("1000.00")
    amount_spent = None
    note_de = factory.Sequence(lambda n: f"Beispiel: Haushaltsposten {n}")
    note_en = factory.Sequence(lambda n: f"Example: budget line {n}")
