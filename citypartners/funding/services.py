"""Writes of budget lines: validated, atomic, with a revision and an audit-log entry each,
as the back office's own edits make them."""

from decimal import Decimal

from django.db import transaction
from wagtail.log_actions import log

from .models import BudgetLine

FIELDS = {
    "owner",
    "partnership",
    "project",
    "activity",
    "year",
    "amount_planned",
    "amount_spent",
    "source",
    "focus_area",
    "note_de",
    "note_en",
    "is_public",
}


@transaction.atomic
def budget_line_create(
    *,
    owner,
    partnership,
    year: int,
    source: str,
    amount_planned: Decimal | None = None,
    amount_spent: Decimal | None = None,
    project=None,
    activity=None,
    focus_area=None,
    note_de: str = "",
    note_en: str = "",
    is_public: bool = False,
    user=None,
) -> BudgetLine:
    """A new budget line, checked (``models.budget_line_errors``) and logged."""
    line = BudgetLine(
        owner=owner,
        partnership=partnership,
        project=project,
        activity=activity,
        year=year,
        amount_planned=amount_planned,
        amount_spent=amount_spent,
        source=source,
        focus_area=focus_area,
        note_de=note_de,
        note_en=note_en,
        is_public=is_public,
    )
    line.full_clean()
    line.save()
    log(instance=line, action="wagtail.create", user=user)
    line.save_revision(user=user)
    return line


@transaction.atomic
def budget_line_update(*, line: BudgetLine, user=None, **changes) -> BudgetLine:
    """The line with ``changes`` (field names as on the model), checked, saved as a new
    revision and logged."""
    unknown = set(changes) - FIELDS
    if unknown:
        raise TypeError(f"budget_line_update() got unknown fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(line, name, value)
    line.full_clean()
    line.save()
    line.save_revision(user=user, log_action=True)
    return line
