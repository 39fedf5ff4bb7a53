import datetime

import factory

from citypartners.activities.models import Activity, ActivityKind
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
