"""The proposal inbox's form: the editor's decision comes with the fields it needs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citypartners.core.admin_forms import GuardedModelForm

from .services import proposal_to_project_errors


class ProposalAdminForm(GuardedModelForm):
    DECISIONS = [
        ("", _("No decision yet")),
        ("new_project", _("Accept: turn into a new project")),
        ("accept", _("Accept: linked to the project or activity chosen above")),
        ("decline", _("Decline, with the reason given above")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, required=False)

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == "accept" and not (data.get("project") or data.get("activity")):
            self.add_error("project", _("Choose the project or activity the proposal became."))
        if decision == "new_project" and self.instance.pk:
            for message in proposal_to_project_errors(proposal=self.instance):
                self.add_error("decision", message)
        if decision == "decline" and not (data.get("decline_reason") or "").strip():
            self.add_error("decline_reason", _("Give a reason for declining."))
        return data
