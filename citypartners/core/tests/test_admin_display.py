"""Values shown read-only in the back office are in the reader's words, not Python's."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import Revision

from citypartners.core.admin_display import display_value


@pytest.mark.parametrize(("language", "yes", "no"), [("de", "Ja", "Nein"), ("en", "Yes", "No")])
def test_a_flag_reads_yes_or_no_in_the_readers_language(language, yes, no):
    with translation.override(language):
        assert (display_value(True), display_value(False)) == (yes, no)


def test_an_empty_value_reads_as_a_dash_not_none():
    assert display_value(None) == "–"
    assert display_value("") == "–"


def test_a_revision_reads_as_its_date_and_time():
    created = datetime.datetime(2026, 5, 4, 10, 30, tzinfo=datetime.UTC)
    with translation.override("de"):
        shown = display_value(Revision(created_at=created))
    assert "2026" in shown and "12:30" in shown  # Berlin time, summer
    assert " at " not in shown


def test_any_other_value_shows_as_it_is():
    assert display_value("Warschau") is None
    assert display_value(0) is None
