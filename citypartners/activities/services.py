"""Writes of activities: validated, atomic, and published through Wagtail's revisions.

The instants `starts_at` and `ends_at` are derived from the dates, times, time zone and
precision. Every write here sets them (activity_instants_set); the back-office form calls
the same function, and whoever changes dates in bulk calls activity_instants_recompute.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from citypartners.core.countries import country_name
from citypartners.owners.selectors import state_owner

from .models import Activity, ActivityParticipantCountry, ActivityProgrammeDay

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


def activity_update_error(*, activity: Activity, today: datetime.date | None = None):
    """Why a change to `activity` may not be published, or None: while its saved state keeps
    a grant report online (Activity.keeps_grant_report_online), the change must keep it
    public and funded. For the back-office form and activity_update."""
    if activity.pk is None:
        return None
    saved = Activity.objects.filter(pk=activity.pk).first()
    if saved is None or not saved.keeps_grant_report_online(today):
        return None
    if activity.is_public and activity.is_funded:
        return None
    return _(
        "This activity's grant report must stay online until %(date)s, as its funding "
        "programme requires: until then it stays public and keeps its programme and grant "
        "agreement number."
    ) % {"date": date_format(saved.keep_online_until, "DATE_FORMAT")}


def activity_removal_error(
    *, activity: Activity, action: str, today: datetime.date | None = None
) -> str | None:
    """Why `activity` may not be deleted or unpublished (`action`: "delete" or
    "unpublish") now, or None. A funded activity's grant report stays online until its
    keep-online date."""
    if not activity.keeps_grant_report_online(today):
        return None
    params = {
        "title": activity.title,
        "date": date_format(activity.keep_online_until, "DATE_FORMAT"),
    }
    if action == "delete":
        message = _(
            "“%(title)s” cannot be deleted: its grant report must stay online until %(date)s, "
            "as its funding programme requires."
        )
    else:
        message = _(
            "“%(title)s” cannot be unpublished: its grant report must stay online until "
            "%(date)s, as its funding programme requires."
        )
    return message % params


def participant_country_errors(country_codes: Iterable[str]) -> list[str]:
    """Countries named more than once among an activity's participants, as messages."""
    seen, errors = set(), []
    for code in country_codes:
        code = (code or "").upper()
        if code and code in seen:
            errors.append(
                _(
                    "%(country)s is listed more than once under participants per country: "
                    "give each country once, with all its participants."
                )
                % {"country": country_name(code)}
            )
        seen.add(code)
    return errors


@transaction.atomic
def activity_funding_set(
    *,
    activity: Activity,
    countries: Iterable[tuple[str, int]] = (),
    days: Iterable[tuple[datetime.date, str, str]] = (),
    user=None,
    **fields,
) -> Activity:
    """Give an activity its funding facts (the fields), participants per country
    (code, number) and programme days (date, German, English), all checked as the
    back-office form checks them; saved and published as activity_update does."""
    for name, value in fields.items():
        setattr(activity, name, value)
    rows = [
        ActivityParticipantCountry(activity=activity, country_code=code, participants=number)
        for code, number in countries
    ]
    programme = [
        ActivityProgrammeDay(activity=activity, date=date, text_de=text_de, text_en=text_en)
        for date, text_de, text_en in days
    ]
    problems = participant_country_errors(row.country_code for row in rows)
    if problems:
        raise ValidationError(problems)
    for row in [*rows, *programme]:
        row.full_clean(exclude=["activity", "sort_order"], validate_unique=False)
    for order, row in enumerate(rows):
        row.sort_order = order
    for order, row in enumerate(programme):
        row.sort_order = order
    activity.participant_countries = rows
    activity.programme_days = programme
    return activity_update(activity=activity, user=user)


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
    refused = activity_update_error(activity=activity)
    if refused:
        raise ValidationError(refused)
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
