"""Writes of activities: validated, atomic, and published through Wagtail's revisions."""

from django.db import transaction

from citypartners.owners.selectors import state_owner

from .models import Activity


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
    activity.save()
    activity.partnerships.set(partnerships)
    activity.focus_areas.set(focus_areas)
    activity.save()  # parental relations are written on save
    revision = activity.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return activity
