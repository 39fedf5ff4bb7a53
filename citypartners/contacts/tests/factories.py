import factory

from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import contact_retention_set
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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Saved directly, so `unlinked_since` is set here as the services do: no link yet.
        person = model_class(*args, **kwargs)
        contact_retention_set(person=person, linked=False)
        person.save()
        return person

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.set(extracted)
            contact_retention_set(person=self, linked=True)
            self.save()

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)
            self.save()
