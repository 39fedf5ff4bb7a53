"""Back-office forms that check a partnership as a whole, documents and history included."""

from django import forms

from citypartners.accounts.admin_forms import OwnedRecordForm
from citypartners.accounts.permissions import account_owner_id
from citypartners.core.admin_forms import GuardedModelForm
from citypartners.core.countries import country_choices

from .services import partnership_history_errors


def _live_rows(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class PartnershipAdminForm(OwnedRecordForm):
    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        documents = _live_rows(self.formsets["founding_documents"])
        statuses = _live_rows(self.formsets["status_history"])
        errors = partnership_history_errors(
            document_dates=[row["date"] for row in documents],
            shown_count=sum(bool(row.get("is_shown")) for row in documents),
            status_dates=[row["valid_from"] for row in statuses],
        )
        for error in errors:
            self.add_error(None, error)
        return not errors


class CityAdminForm(GuardedModelForm):
    """Offers the countries by name (in the editor's language) instead of a bare code; a new
    city records the owner of the account that adds it (whose editors may then change it)."""

    def save(self, commit=True):
        city = self.instance
        if city._state.adding and self.for_user:  # a copy too: its copier added it
            city.created_by_owner_id = account_owner_id(self.for_user)
        return super().save(commit=commit)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country_code"].widget = forms.Select(
            choices=[
                ("", "---------"),
                *[(code, f"{name} ({code})") for code, name in country_choices()],
            ]
        )
