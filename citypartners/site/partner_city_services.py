"""Writes of the "new partner city" flow (issue 14): a city, its partnership and the city's
page in German and English, in one transaction, as drafts, submitted for review or published.

Apart from site/services.py because it knows the page models, which import those services.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page

from citypartners.core.uploads import document_problem
from citypartners.owners.models import Owner
from citypartners.partnerships import geonames
from citypartners.partnerships import services as partnership_services
from citypartners.partnerships.models import City, FocusArea, Partnership

from .models import BoroughPage, HomePage, PartnerCityPage
from .services import page_translation_link

DRAFT, SUBMIT, PUBLISH = "draft", "submit", "publish"
GERMAN, ENGLISH = "de", "en"
_GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


@dataclass(frozen=True)
class NewPartnerCity:
    city: City
    city_is_new: bool
    partnership: Partnership
    page_de: PartnerCityPage
    page_en: PartnerCityPage


def page_slug(name: str, language: str) -> str:
    """A page's address from a city's name: "Düsseldorf" is "duesseldorf" in German."""
    if language == GERMAN:
        name = name.translate(_GERMAN_LETTERS)
    return slugify(name)[:80] or "city"


def partner_city_parent(owner: Owner, language: str = GERMAN) -> Page | None:
    """Where an owner's partner city pages live: the state's below the overview, a
    borough's below its borough page; None if that page is missing."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    if owner.kind == Owner.Kind.BOROUGH:
        pages = BoroughPage.objects.filter(borough=owner, locale=locale)
    else:
        pages = HomePage.objects.filter(locale=locale)
    return pages.order_by("path").first()


def _free_slug(parent: Page, base: str, page: Page | None = None) -> str:
    """``base``, or ``base-2``, ``base-3`` … if a sibling of ``page`` has it."""
    siblings = parent.get_children()
    if page is not None:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    return next(
        slug for slug in [base, *(f"{base}-{n}" for n in range(2, 1000))] if slug not in taken
    )


def partner_city_problems(*, owner: Owner, geonames_id: int) -> list[str]:
    """What stops a new partner city before anything is written, in the user's language."""
    problems = []
    if geonames.by_id(geonames_id) is None:
        problems.append(_("Choose the city from the GeoNames matches."))
    city = City.objects.filter(geonames_id=geonames_id).first()
    if city is not None and Partnership.objects.filter(owner=owner, city=city).exists():
        problems.append(
            _("%(owner)s already has a partnership with %(city)s.") % {"owner": owner, "city": city}
        )
    for language in (GERMAN, ENGLISH):
        if partner_city_parent(owner, language) is None:
            problems.append(
                _("There is no page for %(owner)s in %(language)s to put the city's page under.")
                % {"owner": owner, "language": language}
            )
    return problems


def _upload_stored(*, upload, title: str, user):
    problem = document_problem(upload)  # as every upload to the documents library
    if problem:
        raise ValidationError(problem)
    document = get_document_model()(
        title=title[:255],
        file=upload,
        collection=Collection.get_first_root_node(),
        uploaded_by_user=user,
    )
    document._set_document_file_metadata()
    document.full_clean()
    document.save()
    return document


def _start_review(record, user) -> None:
    workflow = record.get_workflow()
    if workflow is not None and workflow.active:
        workflow.start(record, user)


@transaction.atomic
def partner_city_create(
    *,
    user,
    owner: Owner,
    geonames_id: int,
    name_de: str,
    name_en: str,
    kind: str,
    status: str,
    start_date: datetime.date,
    focus_areas: Iterable[FocusArea],
    document: partnership_services.DocumentData,
    upload=None,
    upload_title: str = "",
    action: str = DRAFT,
) -> NewPartnerCity:
    """The city (found in GeoNames; the one with that GeoNames id if it exists), its
    partnership with the founding document (and the signed file) and status, and the city's
    page in German and English linked as translations (one translation key), ready for the
    office's text. ``action``: leave all as drafts, submit them to the office's review, or
    publish them (whoever may). All or nothing."""
    problems = partner_city_problems(owner=owner, geonames_id=geonames_id)
    if problems:
        raise ValidationError(problems)
    place = geonames.by_id(geonames_id)
    stored = None
    try:
        city = City.objects.filter(geonames_id=geonames_id).first()
        city_is_new = city is None
        if city_is_new:
            city = partnership_services.city_create(
                name_en=name_en,
                name_de=name_de,
                country_code=place["country_code"],
                # As written in GeoNames (four places), not as the float's binary value.
                latitude=Decimal(str(place["latitude"])),
                longitude=Decimal(str(place["longitude"])),
                geonames_id=geonames_id,
                owner=owner if owner.kind == Owner.Kind.BOROUGH else None,
                live=False,
                user=user,
            )
        if upload is not None:
            stored = _upload_stored(upload=upload, title=upload_title or str(city), user=user)
            document = partnership_services.DocumentData(
                **{**document.__dict__, "document_id": stored.pk}
            )
        partnership = partnership_services.partnership_create(
            owner=owner,
            city=city,
            kind=kind,
            focus_areas=focus_areas,
            documents=[document],
            statuses=[partnership_services.StatusData(status=status, valid_from=start_date)],
            live=False,
            user=user,
        )
        page_de, page_en = _pages_create(
            partnership=partnership, name_de=name_de, name_en=name_en, user=user
        )
    except Exception:
        if stored is not None:
            stored.file.delete(save=False)  # the rolled-back transaction leaves no file behind
        raise
    result = NewPartnerCity(
        city=city,
        city_is_new=city_is_new,
        partnership=partnership,
        page_de=page_de,
        page_en=page_en,
    )
    new_records = [*([city] if city_is_new else []), partnership, page_de, page_en]
    if action == SUBMIT:
        for record in new_records:
            _start_review(record, user)
    elif action == PUBLISH:
        for record in new_records:
            record.get_latest_revision().publish(user=user)
    return result


def _pages_create(*, partnership: Partnership, name_de: str, name_en: str, user):
    parent = partner_city_parent(partnership.owner, GERMAN)
    page_de = PartnerCityPage(
        title=name_de,
        slug=_free_slug(parent, page_slug(name_de, GERMAN)),
        partnership=partnership,
        live=False,
        locale=parent.locale,
    )
    parent.add_child(instance=page_de)
    page_de.save_revision(user=user, log_action=True)
    # The English page as Wagtail (and wagtail-localize) link a translation: same key.
    page_en = page_de.copy_for_translation(
        Locale.objects.get(language_code=ENGLISH), copy_parents=False
    )
    page_en = page_en.specific
    page_en.title = name_en
    page_en.slug = _free_slug(page_en.get_parent(), page_slug(name_en, ENGLISH), page_en)
    page_en.save()
    page_en.save_revision(user=user, log_action=True)
    # ... and the English as wagtail-localize's translation of the German: the translation
    # editor shows it, and it counts as older than its source when the German changes.
    page_translation_link(source=page_de, translated=page_en, user=user)
    return page_de, page_en
