import datetime

import pytest

from citypartners.partnerships import selectors
from citypartners.partnerships.models import Partnership

from .factories import FoundingDocumentFactory, PartnershipFactory, PartnershipStatusFactory

pytestmark = pytest.mark.django_db


def test_moscow_is_suspended_today_with_its_date():
    moscow = selectors.partnerships_annotated(city__geonames_id=524901).get()
    assert moscow.current_status == "suspended"
    assert moscow.current_status_since == datetime.date(2022, 2, 24)
    assert moscow.since == datetime.date(1991, 8, 28)


def test_status_in_force_ignores_future_changes():
    partnership = PartnershipFactory()
    FoundingDocumentFactory(partnership=partnership, date=datetime.date(2000, 1, 1))
    PartnershipStatusFactory(partnership=partnership, valid_from=datetime.date(2000, 1, 1))
    PartnershipStatusFactory(
        partnership=partnership, status="ended", valid_from=datetime.date(2030, 1, 1)
    )
    row = selectors.partnerships_annotated(pk=partnership.pk).get()
    assert row.current_status == "active"
    later = selectors._with_since_and_status(
        Partnership.objects.filter(pk=partnership.pk), today=datetime.date(2030, 1, 2)
    ).get()
    assert later.current_status == "ended"


def test_jakarta_shows_the_overview_date_and_keeps_the_conflicting_one():
    jakarta = selectors.partnership_detail(
        partnership_id=Partnership.objects.get(city__geonames_id=1642911).pk
    )
    assert jakarta.since == datetime.date(1993, 4, 22)
    dates = [(d.date, d.is_shown) for d in jakarta.founding_documents.all()]
    assert dates == [(datetime.date(1993, 4, 22), True), (datetime.date(1994, 4, 13), False)]


def test_boroughs_with_partnerships_lists_every_borough_in_order():
    boroughs = selectors.boroughs_with_partnerships()
    assert [b.name_de for b in boroughs] == ["Charlottenburg-Wilmersdorf", "Mitte", "Spandau"]
    assert [[p.city.name_en for p in b.partnership_list] for b in boroughs] == [
        ["Apeldoorn"],
        ["Shinjuku"],
        ["Luton"],
    ]
