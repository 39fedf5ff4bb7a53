import factory

from citypartners.contacts.models import ContactPerson
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An example club in Paris; partnerships and focus areas only when given."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Beispiel-Verein {n} (Example)")
    slug = factory.Sequence(lambda n: f"example-club-{n}")
    type = Organisation.Type.NGO
    city = factory.LazyFunction(lambda: City.objects.get(slug="paris"))

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.set(extracted)
            self.save()  # parental relations are written on save

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)
            self.save()


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Beispielperson {n} (Example)")
    role_de = "Koordination"
    role_en = "Coordination"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    consent_stored_how = "Example form"

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.set(extracted)
            self.save()

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)
            self.save()
