"""Data protection for contact people: export everything held about a person, erase it all."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from .models import ContactPerson

ERASED_LABEL = "erased contact person"


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
