"""The back-office form of a budget line: the owner rules and the stale-edit guard
(``OwnedRecordForm``), amounts in the admin language's format (``fields.EuroFormField``)."""

from citypartners.accounts.admin_forms import OwnedRecordForm


class BudgetLineForm(OwnedRecordForm):
    """A budget line's form; the rules on amounts and links are the model's
    (``models.budget_line_errors``), shown on the fields they concern."""
