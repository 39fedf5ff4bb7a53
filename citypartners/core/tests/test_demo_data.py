import pytest
from wagtail.models import Page, Revision

from citypartners.activities.models import Activity
from citypartners.demo.loader import load_berlin
from citypartners.partnerships.models import City, FoundingDocument, Partnership

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        City.objects.count(),
        Partnership.objects.count(),
        FoundingDocument.objects.count(),
        Page.objects.count(),
        Revision.objects.count(),
        Activity.objects.count(),
        list(Partnership.objects.values_list("pk", "owner_id", "city_id", "kind", "verified")),
    )


def test_loading_twice_changes_nothing():
    before = _snapshot()
    report = load_berlin()
    assert report.total == 0
    assert _snapshot() == before


def test_demo_data_set_has_all_partnerships_and_flags_single_source_rows():
    assert Partnership.objects.filter(owner__kind="state").count() == 19
    assert Partnership.objects.filter(owner__kind="borough").count() == 130
    unverified = Partnership.objects.filter(verified=False)
    assert unverified.count() == 66  # the rows marked single_source
    assert all("Single source" in p.editor_note for p in unverified)
    # Every state partnership has a German and an English page.
    for partnership in Partnership.objects.filter(owner__kind="state"):
        assert {p.locale.language_code for p in partnership.pages.all()} == {"de", "en"}


def test_demo_activities_are_published_and_invented_ones_say_so():
    activities = Activity.objects.all()
    assert activities.count() == 47 and all(a.live for a in activities)
    examples = [a for a in activities if not a.source]
    assert len(examples) == 11
    assert all(
        a.title_de.startswith("Beispiel: ") and a.title_en.startswith("Example: ") for a in examples
    )
    facts = [a for a in activities if a.source]
    assert not any(a.title_en.startswith("Example") for a in facts)
