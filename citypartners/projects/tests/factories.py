import datetime

import factory

from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.projects.models import Project, ProjectOrganisation, Proposal


class ProjectFactory(factory.django.DjangoModelFactory):
    """A running example project; partnerships, focus areas and contacts only when given."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title_de = factory.Sequence(lambda n: f"Beispiel: Projekt {n}")
    title_en = factory.Sequence(lambda n: f"Example: project {n}")
    slug = factory.Sequence(lambda n: f"example-project-{n}")
    status = Project.Status.RUNNING
    start_date = datetime.date(2026, 3, 1)
    end_date = datetime.date(2027, 6, 30)

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

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)
            self.save()


class ProjectOrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation's part on the home city's side of a project."""

    class Meta:
        model = ProjectOrganisation

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    side = ProjectOrganisation.Side.HOME
    role_de = "Partner"
    role_en = "Partner"


class ProposalFactory(factory.django.DjangoModelFactory):
    """A new proposal from the public, as the public form stores it."""

    class Meta:
        model = Proposal

    name = factory.Sequence(lambda n: f"Beispielperson {n} (Example)")
    email = factory.Sequence(lambda n: f"proposer{n}@example.org")
    text = "Ein Beispielvorschlag. (An example proposal.)"
    consent = True
    language = "de"
