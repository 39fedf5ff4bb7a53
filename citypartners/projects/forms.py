"""The public proposal form and the contact-person finder."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citypartners.core.forms import PublicFormMixin
from citypartners.partnerships.fields import (
    PartnerCityField,
    PartnerCityFormMixin,
    SlugChoiceField,
)
from citypartners.partnerships.models import FocusArea

from .models import PROPOSAL_MAX_LENGTH


class ProposalForm(PublicFormMixin, PartnerCityFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Please enter your name.")},
    )
    organisation_name = forms.CharField(
        label=_("Your organisation (optional)"), max_length=200, required=False
    )
    # Optional: whoever leaves it out still proposes, and gets no answer (data minimisation).
    email = forms.EmailField(
        label=_("Your e-mail address (optional, for our answer)"),
        required=False,
        error_messages={
            "invalid": _("Please enter a valid e-mail address, such as name@example.org."),
        },
    )
    city = PartnerCityField(
        label=_("Partner city (optional)"),
        empty_label=_("No particular city"),
        error_messages={"invalid_choice": _("There is no partner city with this name.")},
    )
    focus_area = SlugChoiceField(
        FocusArea.objects.all(),
        label=_("Focus area (optional)"),
        empty_label=_("No particular field"),
        error_messages={"invalid_choice": _("There is no focus area with this name.")},
    )
    text = forms.CharField(
        label=_("Your proposal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=PROPOSAL_MAX_LENGTH,
        error_messages={
            "required": _("Please describe your proposal."),
            "max_length": _(
                "Please shorten your proposal to at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that the office stores my details to handle this proposal."),
        error_messages={
            "required": _("Please agree that we store your data to handle the proposal.")
        },
    )
    # A field people never see; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["text"].widget.attrs.pop("maxlength", None)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave the last field empty."))
        return ""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
                )


class FinderForm(PublicFormMixin, PartnerCityFormMixin, forms.Form):
    city = PartnerCityField(
        label=_("Partner city"),
        empty_label=_("All partner cities"),
        error_messages={"invalid_choice": _("There is no partner city with this name.")},
    )
    focus = SlugChoiceField(
        FocusArea.objects.all(),
        label=_("Focus area"),
        empty_label=_("All focus areas"),
        error_messages={"invalid_choice": _("There is no focus area with this name.")},
    )
