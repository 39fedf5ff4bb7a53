import factory

from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.partnerships.tests.factories import PartnershipFactory
from citypartners.projects.models import Project, ProjectOrganisation


class ProjectFactory(factory.django.DjangoModelFactory):
    """A running project of a new partnership unless told otherwise."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title_de = factory.Sequence(lambda n: f"Beispiel: Projekt {n}")
    title_en = factory.Sequence(lambda n: f"Example: project {n}")
    slug = factory.Sequence(lambda n: f"example-project-{n}")
    status = Project.Status.RUNNING

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create:
            self.partnerships.set(extracted or [PartnershipFactory()])
            self.save()  # parental relations are written on save


class ProjectOrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation's part on the Berlin side of a project."""

    class Meta:
        model = ProjectOrganisation

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    side = ProjectOrganisation.Side.HOME
    role_de = "Partner"
    role_en = "Partner"
