"""A budget line's rules: one partnership, its own projects and activities only, amounts in
euro that are never negative and at least one given; every write has a revision and an
audit-log entry; amounts read and written in the German and English number formats."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import ModelLogEntry

from citypartners.activities.tests.factories import ActivityFactory
from citypartners.funding.fields import euro, parse_amount
from citypartners.funding.models import BudgetLine, FundingSource
from citypartners.funding.services import budget_line_create, budget_line_update
from citypartners.partnerships.models import Partnership
from citypartners.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def warsaw():
    return Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")


@pytest.fixture
def paris():
    return Partnership.objects.get(owner__slug="land-berlin", city__slug="paris")


def _create(partnership, **fields):
    return budget_line_create(
        owner=partnership.owner,
        partnership=partnership,
        year=fields.pop("year", 2025),
        source=fields.pop("source", FundingSource.EU),
        **fields,
    )


def test_a_line_is_created_with_a_revision_and_an_audit_log_entry(warsaw):
    line = _create(warsaw, amount_planned=Decimal("1234.56"), note_en="Example: flights")
    assert line.currency == "EUR" and line.is_public is False
    assert line.revisions.count() == 1
    assert list(ModelLogEntry.objects.for_instance(line).values_list("action", flat=True)) == [
        "wagtail.create"
    ]
    budget_line_update(line=line, amount_spent=Decimal("1000.00"))
    line.refresh_from_db()
    assert line.amount_spent == Decimal("1000.00")
    assert line.revisions.count() == 2
    actions = ModelLogEntry.objects.for_instance(line).values_list("action", flat=True)
    assert sorted(actions) == ["wagtail.create", "wagtail.edit"]


def test_a_line_without_any_amount_is_refused(warsaw):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            _create(warsaw)
        assert "Give the amount planned, the amount spent, or both." in error.value.messages
    assert not BudgetLine.objects.exists()


def test_a_negative_amount_and_a_year_out_of_bounds_are_refused(warsaw):
    with pytest.raises(ValidationError) as error:
        _create(warsaw, amount_spent=Decimal("-1.00"), year=1900)
    assert set(error.value.message_dict) == {"amount_spent", "year"}
    assert not BudgetLine.objects.exists()


def test_a_project_of_another_partnership_is_refused_with_a_clear_message(warsaw, paris):
    project = ProjectFactory(partnerships=[paris], title_en="Example: Seine festival")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _create(warsaw, project=project, amount_planned=Decimal("10.00"))
    assert error.value.message_dict["project"] == [
        "The project “Example: Seine festival” is not one of this partnership's projects. "
        "Choose one of its projects, or add the partnership to the project first."
    ]
    line = _create(paris, project=project, amount_planned=Decimal("10.00"))
    assert line.project == project


def test_an_activity_of_another_partnership_or_project_is_refused(warsaw, paris):
    activity = ActivityFactory(partnerships=[paris], title_en="Example: visit to Paris")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _create(warsaw, activity=activity, amount_planned=Decimal("10.00"))
    assert "is not one of this partnership's activities" in error.value.message_dict["activity"][0]
    project = ProjectFactory(partnerships=[paris])
    activity.project = ProjectFactory(partnerships=[paris])
    activity.save()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _create(paris, activity=activity, project=project, amount_planned=Decimal("10.00"))
    assert "belongs to another project" in error.value.message_dict["activity"][0]
    assert _create(paris, activity=activity, amount_planned=Decimal("10.00")).activity == activity


@pytest.mark.parametrize(
    ("language", "amount", "shown"),
    [
        ("de", "1234.56", "1.234,56\N{NO-BREAK SPACE}€"),
        ("en", "1234.56", "€1,234.56"),
        ("de", "1234567.8", "1.234.567,80\N{NO-BREAK SPACE}€"),
        ("en", "0", "€0.00"),
        ("de", "999", "999,00\N{NO-BREAK SPACE}€"),
    ],
)
def test_amounts_are_shown_in_the_language_s_format(language, amount, shown):
    with translation.override(language):
        assert euro(Decimal(amount)) == shown
    assert euro(None) == ""


@pytest.mark.parametrize(
    ("language", "typed", "amount"),
    [
        ("de", "1.234,56", "1234.56"),
        ("de", "1234,5", "1234.50"),
        ("de", "1.000.000", "1000000"),
        ("de", "12 €", "12"),
        ("en", "1,234.56", "1234.56"),
        ("en", "€1,234.56", "1234.56"),
        ("en", "1234", "1234"),
    ],
)
def test_amounts_are_read_in_the_language_s_format(language, typed, amount):
    with translation.override(language):
        assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("de", "1,234.56"),  # English in the German admin
        ("de", "1.5"),  # a grouping that is not in threes: not read as 15
        ("en", "1.234,56"),
        ("en", "1,5"),
        ("en", "twelve"),
        ("de", ""),
    ],
)
def test_amounts_in_another_format_are_refused(language, typed):
    with translation.override(language), pytest.raises(ValueError):
        parse_amount(typed)
