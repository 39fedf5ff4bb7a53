import factory

from citypartners.contacts.models import ContactPerson
from citypartners.organisations.tests.factories import OrganisationFactory


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
