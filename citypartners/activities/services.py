"""Writes of activities: validated, atomic, and published through Wagtail's revisions.

The instants `starts_at` and `ends_at` are derived from the dates, times, time zone and
precision. Every write here sets them (activity_instants_set); the back-office form calls
the same function, and whoever changes dates in bulk calls activity_instants_recompute.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from wagtail.log_actions import log

from citypartners.owners.selectors import state_owner

from .models import Activity

# The fields the instants are derived from.
INSTANT_SOURCES = (
    "all_day",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "timezone",
    "date_precision",
)


def activity_instants_set(*, activity: Activity) -> None:
    """Derive the activity's first instant and the instant it is over; nothing is saved."""
    activity.starts_at, activity.ends_at = activity.compute_bounds()


@transaction.atomic
def activity_instants_recompute(
    *, activities: QuerySet[Activity] | Iterable[Activity] | None = None
) -> int:
    """Derive the instants again from what the database holds (all activities, or those
    given) and write the ones that differ; how many did. For bulk writes that skip the
    services, such as bulk_update() or QuerySet.update() of dates."""
    if activities is None:
        queryset = Activity.objects.all()
    elif isinstance(activities, QuerySet):
        queryset = activities
    else:
        queryset = Activity.objects.filter(pk__in=[a.pk for a in activities])
    stale = []
    rows = queryset.order_by().only("pk", "starts_at", "ends_at", *INSTANT_SOURCES)
    for activity in rows.iterator(chunk_size=2000):
        before = (activity.starts_at, activity.ends_at)
        activity_instants_set(activity=activity)
        if (activity.starts_at, activity.ends_at) != before:
            stale.append(activity)
    Activity.objects.bulk_update(stale, ["starts_at", "ends_at"], batch_size=1000)
    return len(stale)


@transaction.atomic
def activity_create(
    *, partnerships, focus_areas=(), publish: bool = True, user=None, **fields
) -> Activity:
    """Create an activity, save its first revision and publish it unless told not to.

    Without an owner, the activity belongs to the owner of its first partnership.
    """
    if fields.get("owner") is None and fields.get("owner_id") is None:
        partnerships = list(partnerships)
        fields["owner"] = partnerships[0].owner if partnerships else state_owner()
    activity = Activity(**fields)
    if not publish:
        activity.live = False
    activity.full_clean(exclude=["starts_at", "ends_at"])
    activity_instants_set(activity=activity)
    activity.save()
    activity.partnerships.set(partnerships)
    activity.focus_areas.set(focus_areas)
    activity.save()  # parental relations are written on save
    revision = activity.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    partnerships=None,
    focus_areas=None,
    user=None,
    **fields,
) -> Activity:
    """Change the given fields and relations (None: keep them), then save a revision and
    publish it, so that the live record and its latest revision agree."""
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["starts_at", "ends_at"])
    activity_instants_set(activity=activity)
    activity.save()
    if partnerships is not None:
        activity.partnerships.set(partnerships)
    if focus_areas is not None:
        activity.focus_areas.set(focus_areas)
    activity.save()  # parental relations are written on save
    revision = activity.save_revision(user=user)
    log(instance=activity, action="wagtail.edit", user=user, revision=revision)
    revision.publish(user=user)
    return activity
