import factory

from citypartners.organisations.models import Organisation
from citypartners.partnerships.tests.factories import CityFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An NGO in a new example city unless told otherwise."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Beispiel-Verein {n} (Example)")
    slug = factory.Sequence(lambda n: f"example-club-{n}")
    type = Organisation.Type.NGO
    city = factory.SubFactory(CityFactory)

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.set(extracted)
            self.save()  # parental relations are written on save

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)
            self.save()  # parental relations are written on save
