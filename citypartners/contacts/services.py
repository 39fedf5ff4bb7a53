"""Writes of contact people, and data protection: export everything held about a person,
erase it all, find who is past the retention period.

`unlinked_since` (since when a person has no partnership left) is derived: the services
here set it on every write (contact_retention_set), the back-office form calls the same
function, and whoever changes partnership links in bulk calls contact_retention_recompute.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from .models import ContactPerson

ERASED_LABEL = "erased contact person"


def contact_retention_set(
    *, person: ContactPerson, linked: bool, now: datetime.datetime | None = None
) -> None:
    """Note since when the person has no partnership left (kept if noted already), or clear
    it if they have one; nothing is saved."""
    if linked:
        person.unlinked_since = None
    elif person.unlinked_since is None:
        person.unlinked_since = now or timezone.now()


@transaction.atomic
def contact_retention_recompute(
    *,
    people: QuerySet[ContactPerson] | Iterable[ContactPerson] | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Derive `unlinked_since` again from the links the database holds (for everyone, or
    the people given) and write it where it differs; how many changed. People given as
    objects get the new value too."""
    given = None
    if people is None:
        queryset = ContactPerson.objects.all()
    elif isinstance(people, QuerySet):
        queryset = people
    else:
        given = list(people)
        queryset = ContactPerson.objects.filter(pk__in=[p.pk for p in given])
    links = ContactPerson.partnerships.through.objects.filter(contactperson_id=OuterRef("pk"))
    queryset = queryset.order_by()
    changed = queryset.filter(Exists(links), unlinked_since__isnull=False).update(
        unlinked_since=None
    )
    changed += queryset.filter(~Exists(links), unlinked_since__isnull=True).update(
        unlinked_since=now or timezone.now()
    )
    if given:
        values = dict(
            ContactPerson.objects.filter(pk__in=[p.pk for p in given]).values_list(
                "pk", "unlinked_since"
            )
        )
        for person in given:
            person.unlinked_since = values.get(person.pk)
    return changed


@transaction.atomic
def contact_create(
    *, partnerships: Iterable = (), focus_areas: Iterable = (), user=None, **fields
) -> ContactPerson:
    """Add a contact person with their partnerships and focus areas."""
    partnerships = list(partnerships)
    person = ContactPerson(**fields)
    contact_retention_set(person=person, linked=bool(partnerships))
    person.full_clean()
    person.save()
    person.partnerships.set(partnerships)
    person.focus_areas.set(focus_areas)
    person.save()  # parental relations are written on save
    log(instance=person, action="wagtail.create", user=user)
    return person


@transaction.atomic
def contact_update(
    *,
    person: ContactPerson,
    partnerships: Iterable | None = None,
    focus_areas=None,
    user=None,
    **fields,
) -> ContactPerson:
    """Change the given fields and links (None: keep them)."""
    for name, value in fields.items():
        setattr(person, name, value)
    if partnerships is not None:
        partnerships = list(partnerships)
        person.partnerships.set(partnerships)
        contact_retention_set(person=person, linked=bool(partnerships))
    if focus_areas is not None:
        person.focus_areas.set(focus_areas)
    person.full_clean()
    person.save()  # parental relations are written on save
    log(instance=person, action="wagtail.edit", user=user)
    return person


def _log_entries(person: ContactPerson):
    content_type = ContentType.objects.get_for_model(ContactPerson)
    return ModelLogEntry.objects.filter(content_type=content_type, object_id=str(person.pk))


def _contact_fields():
    """(model, field name) of every many-to-many field that links contact people, found in
    the model registry: the apps above (activities, projects, ...) need not be named here."""
    return [
        (field.model, field.name)
        for field in ContactPerson._meta.get_fields()
        if field.many_to_many and field.auto_created and not field.concrete
        for field in [field.remote_field]
    ]


def _revisions_mentioning(person: ContactPerson):
    """Saved revisions (of any model) whose content lists the person in a contact field,
    with the name of that field."""
    found = []
    for model, name in _contact_fields():
        content_type = ContentType.objects.get_for_model(model)
        for revision in Revision.objects.filter(base_content_type=content_type):
            if person.pk in (revision.content.get(name) or []):
                found.append((revision, name))
    return found


def contact_export(*, person: ContactPerson) -> dict:
    """All data held about a person, in a form that json.dumps() takes."""
    fields = {
        field.name: getattr(person, field.name)
        for field in ContactPerson._meta.concrete_fields
        if field.name != "organisation"
    }
    return {
        "exported_at": timezone.now(),
        "person": fields,
        "organisation": person.organisation.name if person.organisation else None,
        "partnerships": [str(p) for p in person.partnerships.all()],
        "focus_areas": [a.name_en for a in person.focus_areas.all()],
        "projects": [p.title_en for p in person.projects.all()],
        "activities": [a.title_en for a in person.activities.all()],
        "history": [
            {"action": e.action, "timestamp": e.timestamp, "label": e.label}
            for e in _log_entries(person)
        ],
    }


def contact_export_json(*, person: ContactPerson) -> str:
    import json

    return json.dumps(
        contact_export(person=person), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


@transaction.atomic
def _log_without_name(person_id: int, action: str, user) -> None:
    """An audit-log entry that says who did what to which record number, and no name."""
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(ContactPerson),
        object_id=str(person_id),
        label=f"#{person_id}",
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        timestamp=timezone.now(),
    )


def contact_exported(*, person: ContactPerson, user=None) -> None:
    _log_without_name(person.pk, "citypartners.contact_export", user)


def contact_erase(*, person: ContactPerson, user=None) -> None:
    """Erase the person, their links, their traces in activity revisions and in the audit log.

    Then the log records the erasure itself: who, when, which record number.
    """
    person_id = person.pk
    for revision, name in _revisions_mentioning(person):
        content = dict(revision.content)
        content[name] = [pk for pk in content.get(name, []) if pk != person_id]
        revision.content = content
        revision.save(update_fields=["content"])
    # The audit log keeps that something happened, not to whom.
    _log_entries(person).update(label=f"{ERASED_LABEL} #{person_id}", data={})
    person.delete()
    _log_without_name(person_id, "citypartners.contact_erase", user)


def contacts_past_retention(*, now: datetime.datetime | None = None):
    """People without any link to a partnership for longer than the retention period."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.CONTACT_RETENTION_DAYS)
    return (
        ContactPerson.objects.filter(partnerships__isnull=True)
        .filter(
            Q(unlinked_since__lte=limit) | Q(unlinked_since__isnull=True, created_at__lte=limit)
        )
        .select_related("organisation")
        .order_by("unlinked_since", "created_at")
    )
