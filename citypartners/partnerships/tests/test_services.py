import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from citypartners.partnerships.models import (
    City,
    FocusArea,
    FoundingDocument,
    Partnership,
    PartnershipStatus,
)
from citypartners.partnerships.services import (
    DocumentData,
    StatusData,
    city_create,
    partnership_create,
    partnership_history_add,
)

from .factories import CityFactory, OwnerFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _counts():
    return (
        City.objects.count(),
        Partnership.objects.count(),
        FoundingDocument.objects.count(),
        PartnershipStatus.objects.count(),
    )


def test_partnership_create_stores_documents_statuses_and_focus_areas():
    owner, city = OwnerFactory(), CityFactory()
    culture = FocusArea.objects.get(slug="culture")
    partnership = partnership_create(
        owner=owner,
        city=city,
        focus_areas=[culture],
        documents=[
            DocumentData(kind="declaration", date=D(1993, 4, 22), is_shown=True),
            DocumentData(kind="declaration", date=D(1994, 4, 13)),
        ],
        statuses=[StatusData(status="active", valid_from=D(1993, 4, 22))],
    )
    assert list(partnership.founding_documents.values_list("date", "is_shown")) == [
        (D(1993, 4, 22), True),
        (D(1994, 4, 13), False),
    ]
    assert partnership.status_history.get().status == "active"
    assert list(Partnership.objects.get(pk=partnership.pk).focus_areas.all()) == [culture]


def test_demo_partnerships_carry_the_focus_areas_of_their_activities():
    paris = Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")
    assert sorted(a.slug for a in paris.focus_areas.all()) == ["business", "youth-exchange"]


def test_status_change_before_the_partnership_began_is_refused_and_nothing_saved():
    owner, city = OwnerFactory(), CityFactory()
    before = _counts()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        partnership_create(
            owner=owner,
            city=city,
            documents=[DocumentData(kind="agreement", date=D(2000, 1, 1), is_shown=True)],
            statuses=[StatusData(status="suspended", valid_from=D(1999, 12, 31))],
        )
    assert "1999-12-31 lies before the partnership began (2000-01-01" in str(error.value)
    assert _counts() == before


def test_message_is_in_the_users_language():
    with translation.override("de"), pytest.raises(ValidationError) as error:
        partnership_create(
            owner=OwnerFactory(),
            city=CityFactory(),
            documents=[DocumentData(kind="agreement", date=D(2000, 1, 1), is_shown=True)],
            statuses=[StatusData(status="ended", valid_from=D(1990, 1, 1))],
        )
    assert "vor dem Beginn der Partnerschaft" in str(error.value)


def test_exactly_one_document_must_give_the_date_shown():
    with pytest.raises(ValidationError):
        partnership_create(
            owner=OwnerFactory(),
            city=CityFactory(),
            documents=[
                DocumentData(kind="agreement", date=D(2000, 1, 1), is_shown=True),
                DocumentData(kind="agreement", date=D(2001, 1, 1), is_shown=True),
            ],
        )
    with pytest.raises(ValidationError):
        partnership_create(
            owner=OwnerFactory(),
            city=CityFactory(),
            documents=[DocumentData(kind="agreement", date=D(2000, 1, 1))],
        )


def test_second_partnership_of_the_same_owner_with_the_same_city_is_refused():
    owner, city = OwnerFactory(), CityFactory()
    partnership_create(owner=owner, city=city)
    before = _counts()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        partnership_create(owner=owner, city=city)
    assert "already has a partnership with this city" in str(error.value)
    assert _counts() == before


def test_unknown_country_code_is_refused():
    before = _counts()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        city_create(name_en="Atlantis", name_de="Atlantis", country_code="QQ")
    with translation.override("en"):
        assert "“QQ” is not an ISO 3166 country code" in str(error.value)
    assert _counts() == before


def test_city_country_name_in_both_languages():
    city = city_create(name_en="Lyon", name_de="Lyon", country_code="fr")
    with translation.override("de"):
        assert city.country_name == "Frankreich"
    with translation.override("en"):
        assert city.country_name == "France"


def test_history_added_to_a_prefetched_partnership_is_published_with_it_and_kept():
    paris = Partnership.objects.prefetch_related("founding_documents", "status_history").get(
        city__slug="paris", owner__kind="state"
    )
    before = PartnershipStatus.objects.filter(partnership=paris).count()
    partnership_history_add(
        partnership=paris,
        statuses=[StatusData(status="dormant", valid_from=datetime.date(2024, 1, 1))],
    )
    assert PartnershipStatus.objects.filter(partnership=paris).count() == before + 1
    stored = Partnership.objects.get(pk=paris.pk)
    # The live record and its latest revision agree: a later draft starts from the new state.
    assert stored.live and stored.latest_revision_id == stored.live_revision_id
    assert len(stored.latest_revision.as_object().status_history.all()) == before + 1


def test_a_city_made_by_the_service_is_live_and_records_who_added_it():
    mitte = OwnerFactory(slug="example-borough")
    city = city_create(name_en="Example", name_de="Beispiel", country_code="fr", owner=mitte)
    assert city.live and city.first_published_at is not None
    assert city.created_by_owner == mitte


def test_a_city_and_partnership_made_as_drafts_wait_with_their_first_revision():
    owner = OwnerFactory()
    city = city_create(
        name_en="Windhoek", name_de="Windhuk", country_code="na", geonames_id=3352136, live=False
    )
    partnership = partnership_create(
        owner=owner,
        city=city,
        documents=[DocumentData(kind="agreement", date=D(2026, 5, 4), is_shown=True)],
        statuses=[StatusData(status="active", valid_from=D(2026, 5, 4))],
        live=False,
    )
    city.refresh_from_db()
    partnership.refresh_from_db()
    assert not city.live and city.latest_revision is not None and city.live_revision is None
    assert not partnership.live and partnership.live_revision is None
    # Its revision holds the history, so that approving it keeps the documents.
    stored = partnership.latest_revision.as_object()
    assert [d.date for d in stored.founding_documents.all()] == [D(2026, 5, 4)]
    partnership.latest_revision.publish()
    partnership.refresh_from_db()
    assert partnership.live and partnership.founding_documents.get().is_shown
    assert partnership.status_history.get().status == "active"
