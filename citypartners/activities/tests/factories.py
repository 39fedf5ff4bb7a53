import datetime

import factory

from citypartners.activities.models import (
    Activity,
    ActivityKind,
    ActivityParticipantCountry,
    ActivityProgrammeDay,
)
from citypartners.activities.services import activity_instants_set
from citypartners.partnerships.models import Partnership


class ActivityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityKind
        django_get_or_create = ("slug",)

    slug = "official-visit"
    name_de = "Delegationsbesuch"
    name_en = "Official visit"


class ActivityFactory(factory.django.DjangoModelFactory):
    """A published, public, date-only activity of the Warsaw partnership unless told otherwise."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title_de = factory.Sequence(lambda n: f"Beispiel: Aktivität {n}")
    title_en = factory.Sequence(lambda n: f"Example: activity {n}")
    slug = factory.Sequence(lambda n: f"example-activity-{n}")
    kind = factory.SubFactory(ActivityKindFactory)
    start_date = datetime.date(2030, 5, 4)
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Saved directly (no revision), so the derived instants are set here as the services do.
        activity = model_class(*args, **kwargs)
        activity_instants_set(activity=activity)
        activity.save()
        return activity

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create:
            self.partnerships.set(
                extracted
                or [Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")]
            )
            self.save()  # parental relations are written on save


class FundedActivityFactory(ActivityFactory):
    """A public activity funded by an (invented) EU grant, kept online until 2035, without
    participants or programme days unless given (ParticipantCountryFactory, ProgrammeDayFactory)."""

    title_de = factory.Sequence(lambda n: f"Beispiel: Bürgerbegegnung {n}")
    title_en = factory.Sequence(lambda n: f"Example: citizens' meeting {n}")
    start_date = datetime.date(2030, 5, 4)
    end_date = datetime.date(2030, 5, 7)
    place_de = "Rotes Rathaus, Berlin"
    place_en = "Red City Hall, Berlin"
    funding_programme_de = "CERV – Städtepartnerschaften"
    funding_programme_en = "CERV – Town twinning"
    grant_agreement_number = factory.Sequence(lambda n: f"101-EXAMPLE-{n:04d}")
    funding_statement_de = "Gefördert von der Europäischen Union."
    funding_statement_en = "Funded by the European Union."
    keep_online_until = datetime.date(2035, 12, 31)


class ParticipantCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityParticipantCountry

    activity = factory.SubFactory(FundedActivityFactory)
    country_code = "DE"
    participants = 10


class ProgrammeDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityProgrammeDay

    activity = factory.SubFactory(FundedActivityFactory)
    date = datetime.date(2030, 5, 4)
    text_de = "Ankunft und Begrüßung im Rathaus."
    text_en = "Arrival and welcome at City Hall."
