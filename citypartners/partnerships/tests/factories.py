import datetime

import factory

from citypartners.owners.models import Owner
from citypartners.partnerships.models import (
    City,
    FocusArea,
    FoundingDocument,
    Partnership,
    PartnershipStatus,
)


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Owner

    name_de = factory.Sequence(lambda n: f"Beispielbezirk {n}")
    name_en = factory.Sequence(lambda n: f"Example borough {n}")
    slug = factory.Sequence(lambda n: f"example-borough-{n}")
    kind = Owner.Kind.BOROUGH


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"Example City {n}")
    name_de = factory.Sequence(lambda n: f"Beispielstadt {n}")
    slug = factory.Sequence(lambda n: f"example-city-{n}")
    country_code = "FR"


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    name_de = factory.Sequence(lambda n: f"Beispielfeld {n}")
    name_en = factory.Sequence(lambda n: f"Example field {n}")
    slug = factory.Sequence(lambda n: f"example-field-{n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    owner = factory.SubFactory(OwnerFactory)
    city = factory.SubFactory(CityFactory)


class FoundingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FoundingDocument

    partnership = factory.SubFactory(PartnershipFactory)
    kind = FoundingDocument.Kind.AGREEMENT
    date = datetime.date(2001, 5, 4)
    is_shown = True


class PartnershipStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipStatus

    partnership = factory.SubFactory(PartnershipFactory)
    status = PartnershipStatus.Status.ACTIVE
    valid_from = datetime.date(2001, 5, 4)
