"""The records around the period 2022–2023 that the report tests ask about."""

import datetime

import pytest

from citypartners.activities.tests.factories import ActivityFactory, ActivityKindFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.models import FocusArea, Partnership
from citypartners.partnerships.tests.factories import (
    FoundingDocumentFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)
from citypartners.projects.models import Project
from citypartners.projects.tests.factories import ProjectFactory


@pytest.fixture
def period_records():
    """Records around the period 2022–2023: inside, outside, at its edges, internal."""
    state = Owner.objects.get(slug="land-berlin")
    mitte = Owner.objects.get(slug="mitte")
    warsaw = Partnership.objects.get(owner=state, city__slug="warsaw")
    mitte_partnership = Partnership.objects.filter(owner=mitte).first()
    culture, youth = FocusArea.objects.all()[:2]
    visit = ActivityKindFactory()
    exchange = ActivityKindFactory(slug="exchange", name_de="Austausch", name_en="Exchange")
    for day, kwargs in [
        (datetime.date(2021, 12, 31), {}),  # the day before
        (datetime.date(2022, 1, 1), {"focus_areas": [culture]}),  # the first day
        (datetime.date(2022, 6, 1), {"is_public": False}),  # internal
        (datetime.date(2022, 7, 1), {"live": False}),  # a draft
        (datetime.date(2023, 3, 1), {"owner": mitte, "partnerships": [mitte_partnership]}),
        (datetime.date(2023, 4, 1), {"partnerships": [warsaw, mitte_partnership]}),
        (datetime.date(2023, 12, 31), {"kind": exchange, "focus_areas": [culture, youth]}),
        (datetime.date(2024, 1, 1), {}),  # the day after
    ]:
        focus = kwargs.pop("focus_areas", [])
        activity = ActivityFactory(start_date=day, kind=kwargs.pop("kind", visit), **kwargs)
        activity.focus_areas.set(focus)
        activity.save()
    # Begun before the period and running into it.
    ActivityFactory(
        start_date=datetime.date(2021, 12, 20), end_date=datetime.date(2022, 1, 5), kind=visit
    )
    ActivityFactory(start_date=datetime.date(2022, 5, 5), partnerships=[], kind=visit)
    # A partnership founded in the period, one ended in it, one ended before, one after.
    for founded, ended in [
        (datetime.date(2022, 9, 1), None),
        (datetime.date(1990, 1, 1), datetime.date(2023, 2, 1)),
        (datetime.date(1990, 1, 1), datetime.date(2015, 2, 1)),
        (datetime.date(2024, 3, 1), None),
    ]:
        partnership = PartnershipFactory(owner=mitte)
        FoundingDocumentFactory(partnership=partnership, date=founded)
        PartnershipStatusFactory(partnership=partnership, valid_from=founded)
        if ended:
            PartnershipStatusFactory(partnership=partnership, valid_from=ended, status="ended")
    ProjectFactory(
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2022, 2, 1),
        partnerships=[warsaw],
    )
    ProjectFactory(start_date=datetime.date(2024, 1, 1), end_date=None, partnerships=[warsaw])
    ProjectFactory(
        start_date=None, end_date=None, status=Project.Status.PROPOSED, partnerships=[warsaw]
    )
    return {"state": state, "mitte": mitte, "culture": culture, "exchange": exchange}
