"""Writes for partnerships: every one atomic and validated before it is saved.

Partnerships and cities have drafts and revisions (Wagtail's, as activities). A record made
here is live at once (imports and the demo make thousands: no revision for each; the first
edit in the back office makes one). A change made here is published through a revision, so
that the live record and its latest revision agree and a pending draft does not silently
undo it. Drafts and review are the back office's (its workflow: accounts.services).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from citypartners.owners.models import Owner

from .models import (
    City,
    CitySummary,
    FocusArea,
    FoundingDocument,
    Partnership,
    PartnershipStatus,
)


def _publish(record, *, user=None, log_action: bool = False):
    """Save the record as stored now as a revision and publish it. Read afresh: a caller's
    instance may hold prefetched children from before the write, and publishing a revision
    writes its children (one missing there would be deleted)."""
    stored = type(record)._default_manager.get(pk=record.pk)
    revision = stored.save_revision(user=user, log_action=log_action)
    revision.publish(user=user)
    record.latest_revision_id = record.live_revision_id = revision.pk
    return revision


def _draft_saved(record, *, user=None) -> None:
    """A new record saved as a draft, with its first revision (what review approves)."""
    record.live = False
    record.full_clean()
    record.save()
    record.save_revision(user=user, log_action=True)


def _published_now(record) -> None:
    """A new record made live at once, dated as Wagtail dates a publication."""
    record.live = True
    record.first_published_at = record.last_published_at = timezone.now()


@dataclass(frozen=True)
class DocumentData:
    kind: str
    date: datetime.date
    date_precision: str = "day"
    is_shown: bool = False
    source: str = ""
    note_de: str = ""
    note_en: str = ""
    document_id: int | None = None  # the signed text in the documents library


@dataclass(frozen=True)
class StatusData:
    status: str
    valid_from: datetime.date
    reason_de: str = ""
    reason_en: str = ""


def partnership_history_problems(
    *, document_dates: list[datetime.date], shown_count: int, status_dates: list[datetime.date]
) -> dict[str, list[str]]:
    """What is wrong with a partnership's documents and status history, in the user's language:
    under "documents" the mark of the date shown, under "statuses" changes dated too early."""
    problems = {"documents": [], "statuses": []}
    if document_dates and shown_count != 1:
        problems["documents"].append(
            _(
                "Mark exactly one founding document as the date shown as “partner since” "
                "(now %(n)d)."
            )
            % {"n": shown_count}
        )
    if document_dates:
        began = min(document_dates)
        for status_date in sorted(set(status_dates)):
            if status_date < began:
                problems["statuses"].append(
                    _(
                        "A status change on %(status)s lies before the partnership began "
                        "(%(began)s, its earliest founding document)."
                    )
                    % {"status": status_date.isoformat(), "began": began.isoformat()}
                )
    return problems


def partnership_history_errors(
    *, document_dates: list[datetime.date], shown_count: int, status_dates: list[datetime.date]
) -> list[str]:
    """What is wrong with a partnership's documents and status history, in the user's language."""
    problems = partnership_history_problems(
        document_dates=document_dates, shown_count=shown_count, status_dates=status_dates
    )
    return problems["documents"] + problems["statuses"]


def partnership_history_add_problems(
    *,
    partnership: Partnership | None,
    documents: Iterable[DocumentData] = (),
    statuses: Iterable[StatusData] = (),
) -> dict[str, list[str]]:
    """What would be wrong with the history of `partnership` (None: a new one) once
    `documents` and `statuses` are added, keyed as in partnership_history_problems.

    A new document shown as “partner since” takes the mark from the one shown so far.
    Reads the partnership's documents and statuses through its relations, so a caller
    that checks many partnerships prefetches them.
    """
    documents, statuses = list(documents), list(statuses)
    old_documents = list(partnership.founding_documents.all()) if partnership else []
    old_statuses = list(partnership.status_history.all()) if partnership else []
    takes_mark = any(d.is_shown for d in documents)
    return partnership_history_problems(
        document_dates=[d.date for d in old_documents] + [d.date for d in documents],
        shown_count=sum(d.is_shown for d in documents)
        + (0 if takes_mark else sum(d.is_shown for d in old_documents)),
        status_dates=[s.valid_from for s in old_statuses] + [s.valid_from for s in statuses],
    )


def city_slug_free(name: str, country_code: str = "") -> str:
    """A slug for a new city from its name, with the country added if the name is taken."""
    base = slugify(name)[:90] or "city"
    candidates = [base, f"{base}-{country_code.lower()}"] + [f"{base}-{n}" for n in range(2, 100)]
    taken = set(City.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(slug for slug in candidates if slug not in taken)


@transaction.atomic
def city_create(
    *,
    name_en: str,
    name_de: str,
    country_code: str,
    name_local: str = "",
    latitude=None,
    longitude=None,
    geonames_id: int | None = None,
    wikidata_id: str | None = None,
    slug: str = "",
    owner: Owner | None = None,
    live: bool = True,
    user=None,
) -> City:
    """Add a city after checking its country code and coordinates, live at once (or, with
    ``live=False``, as a draft for review, saved by ``user``).

    ``owner`` added it: a borough's editors may change the city until another owner's
    partnership uses it (None: the state)."""
    city = City(
        created_by_owner=owner,
        slug=slug or city_slug_free(name_en, country_code),
        name_en=name_en,
        name_de=name_de,
        name_local=name_local,
        country_code=country_code.upper(),
        latitude=latitude,
        longitude=longitude,
        geonames_id=geonames_id,
        wikidata_id=wikidata_id,
    )
    if not live:
        _draft_saved(city, user=user)
        return city
    _published_now(city)
    city.full_clean()
    city.save()
    return city


@transaction.atomic
def city_bulk_create(*, cities: Iterable[dict]) -> list[City]:
    """Add many cities in a few queries, each checked field by field first.

    Unlike city_create, this does not look up whether slug, GeoNames id or Wikidata id are
    taken, which would cost three queries a city: the caller checks them against its own
    rows and the database (the CSV import does), and the database refuses what it missed.
    """
    from wagtail.search.backends import get_search_backend

    new = []
    for fields in cities:
        city = City(**{**fields, "country_code": fields["country_code"].upper()})
        city.full_clean(validate_unique=False)
        new.append(city)
    created = City.objects.bulk_create(new, batch_size=1000)
    # bulk_create sends no post_save, so the search index learns of them here.
    get_search_backend().add_bulk(City, created)
    return created


@transaction.atomic
def city_update(*, city: City, user=None, **fields) -> tuple[City, bool]:
    """Change the given fields of a city; whether anything changed (if not, nothing is written)."""
    if "country_code" in fields:
        fields["country_code"] = fields["country_code"].upper()
    changed = [name for name, value in fields.items() if getattr(city, name) != value]
    if not changed:
        return city, False
    for name in changed:
        setattr(city, name, fields[name])
    city.full_clean()
    city.save()
    log(instance=city, action="wagtail.edit", user=user, data={"fields": changed})
    _publish(city, user=user)
    return city, True


@transaction.atomic
def city_summary_set(
    *, city: City, language: str, text: str, is_example: bool = False, user=None
) -> CitySummary:
    """Write the city's summary in ``language`` (a new one, or the text of the one it has) and
    publish the city with it; ValidationError, and nothing saved, for an unknown language or a
    text too long."""
    summary = CitySummary.objects.filter(city=city, language=language).first()
    if summary is None:
        summary = CitySummary(
            city=city, language=language, sort_order=CitySummary.objects.filter(city=city).count()
        )
    summary.text = text.strip()
    summary.is_example = is_example
    summary.full_clean()
    summary.save()
    log(instance=city, action="wagtail.edit", user=user, data={"summary": language})
    _publish(city, user=user)
    return summary


def _history_write(partnership: Partnership, documents, statuses) -> None:
    for document in documents:
        child = FoundingDocument(partnership=partnership, **document.__dict__)
        child.full_clean()
        child.save()
    for status in statuses:
        child = PartnershipStatus(partnership=partnership, **status.__dict__)
        child.full_clean()
        child.save()


@transaction.atomic
def partnership_create(
    *,
    owner: Owner,
    city: City,
    kind: str = Partnership.Kind.PARTNERSHIP,
    focus_areas: Iterable[FocusArea] = (),
    documents: Iterable[DocumentData] = (),
    statuses: Iterable[StatusData] = (),
    verified: bool = True,
    editor_note: str = "",
    live: bool = True,
    user=None,
) -> Partnership:
    """Create a partnership with its founding documents and status history, or nothing;
    live at once (or, with ``live=False``, as a draft for review, saved by ``user``)."""
    documents, statuses = list(documents), list(statuses)
    problems = partnership_history_add_problems(
        partnership=None, documents=documents, statuses=statuses
    )
    if problems["documents"] or problems["statuses"]:
        raise ValidationError(problems["documents"] + problems["statuses"])
    partnership = Partnership(
        owner=owner, city=city, kind=kind, verified=verified, editor_note=editor_note
    )
    if live:
        _published_now(partnership)
    else:
        partnership.live = False
    partnership.full_clean()
    partnership.save()
    partnership.focus_areas.set(focus_areas)
    partnership.save()  # parental relations are written on save
    _history_write(partnership, documents, statuses)
    if not live:
        # Its first revision holds the documents and statuses too (read afresh, as _publish).
        stored = Partnership.objects.get(pk=partnership.pk)
        revision = stored.save_revision(user=user, log_action=True)
        partnership.latest_revision_id = revision.pk
    return partnership


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    kind: str | None = None,
    verified: bool | None = None,
    editor_note: str | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    user=None,
) -> tuple[Partnership, bool]:
    """Change what is given (None: keep it); whether anything changed. History is added
    with partnership_history_add."""
    given = {"kind": kind, "verified": verified, "editor_note": editor_note}
    changed = [
        name
        for name, value in given.items()
        if value is not None and getattr(partnership, name) != value
    ]
    for name in changed:
        setattr(partnership, name, given[name])
    if focus_areas is not None:
        focus_areas = list(focus_areas)
        if {a.pk for a in partnership.focus_areas.all()} != {a.pk for a in focus_areas}:
            partnership.focus_areas.set(focus_areas)
            changed.append("focus_areas")
    if not changed:
        return partnership, False
    partnership.full_clean()
    partnership.save()  # parental relations are written on save
    log(instance=partnership, action="wagtail.edit", user=user, data={"fields": changed})
    _publish(partnership, user=user)
    return partnership, True


@transaction.atomic
def partnership_history_add(
    *,
    partnership: Partnership,
    documents: Iterable[DocumentData] = (),
    statuses: Iterable[StatusData] = (),
    user=None,
) -> Partnership:
    """Add founding documents and status changes to a partnership, or nothing if the history
    would then break the rule; a new document shown as “partner since” takes the mark."""
    documents, statuses = list(documents), list(statuses)
    if not documents and not statuses:
        return partnership
    problems = partnership_history_add_problems(
        partnership=partnership, documents=documents, statuses=statuses
    )
    if problems["documents"] or problems["statuses"]:
        raise ValidationError(problems["documents"] + problems["statuses"])
    if any(d.is_shown for d in documents):
        FoundingDocument.objects.filter(partnership=partnership, is_shown=True).update(
            is_shown=False
        )
    _history_write(partnership, documents, statuses)
    log(
        instance=partnership,
        action="wagtail.edit",
        user=user,
        data={"documents": len(documents), "statuses": len(statuses)},
    )
    _publish(partnership, user=user)
    return partnership
