"""Writes for partnerships: every one atomic and validated before it is saved."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from citypartners.owners.models import Owner

from .models import City, FocusArea, FoundingDocument, Partnership, PartnershipStatus


@dataclass(frozen=True)
class DocumentData:
    kind: str
    date: datetime.date
    date_precision: str = "day"
    is_shown: bool = False
    source: str = ""
    note_de: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class StatusData:
    status: str
    valid_from: datetime.date
    reason_de: str = ""
    reason_en: str = ""


def partnership_history_errors(
    *, document_dates: list[datetime.date], shown_count: int, status_dates: list[datetime.date]
) -> list[str]:
    """What is wrong with a partnership's documents and status history, in the user's language."""
    errors = []
    if document_dates and shown_count != 1:
        errors.append(
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
                errors.append(
                    _(
                        "A status change on %(status)s lies before the partnership began "
                        "(%(began)s, its earliest founding document)."
                    )
                    % {"status": status_date.isoformat(), "began": began.isoformat()}
                )
    return errors


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
    slug: str = "",
) -> City:
    """Add a city after checking its country code and coordinates."""
    city = City(
        slug=slug or city_slug_free(name_en, country_code),
        name_en=name_en,
        name_de=name_de,
        name_local=name_local,
        country_code=country_code.upper(),
        latitude=latitude,
        longitude=longitude,
        geonames_id=geonames_id,
    )
    city.full_clean()
    city.save()
    return city


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
) -> Partnership:
    """Create a partnership with its founding documents and status history, or nothing."""
    documents, statuses = list(documents), list(statuses)
    errors = partnership_history_errors(
        document_dates=[d.date for d in documents],
        shown_count=sum(d.is_shown for d in documents),
        status_dates=[s.valid_from for s in statuses],
    )
    if errors:
        raise ValidationError(errors)
    partnership = Partnership(
        owner=owner, city=city, kind=kind, verified=verified, editor_note=editor_note
    )
    partnership.full_clean()
    partnership.save()
    partnership.focus_areas.set(focus_areas)
    partnership.save()  # parental relations are written on save
    for document in documents:
        child = FoundingDocument(partnership=partnership, **document.__dict__)
        child.full_clean()
        child.save()
    for status in statuses:
        child = PartnershipStatus(partnership=partnership, **status.__dict__)
        child.full_clean()
        child.save()
    return partnership
