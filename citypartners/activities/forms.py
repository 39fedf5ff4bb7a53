"""The back-office form of an activity, and the public filter of the activity list and
calendar (every value checked, none trusted)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citypartners.accounts.admin_forms import OwnedRecordForm
from citypartners.core.admin_forms import kept_child_rows
from citypartners.core.forms import PublicFormMixin
from citypartners.partnerships.fields import (
    PartnerCityField,
    PartnerCityFormMixin,
    SlugChoiceField,
)
from citypartners.partnerships.models import FocusArea

from .models import ActivityKind
from .models.activity import programme_day_error
from .services import activity_instants_set, activity_update_error, participant_country_errors


class ActivityAdminForm(OwnedRecordForm):
    """Sets the derived instants: Wagtail's create and edit actions save the instance, or
    only its revision, through this form's save() and never through the services. Checks
    the funding facts as a whole (each country once; a grant report kept online stays so)."""

    def is_valid(self):
        # Checked also when a field is wrong, so that every problem shows at once.
        valid = super().is_valid()
        for formset in self.formsets.values():
            formset.is_valid()  # modelcluster stops at the first invalid one; check them all
        countries_valid = self._check_countries()
        days_valid = self._check_days()
        refused = activity_update_error(activity=self.instance)
        if refused:
            self.add_error(None, refused)
        expiry_error = self._expiry_error()
        if expiry_error:
            self.add_error("expire_at", expiry_error)
        return valid and countries_valid and days_valid and not refused and not expiry_error

    def _check_countries(self) -> bool:
        """Each country once. Django's own check of the unique constraint names the columns
        ("activity and country_code"); its message above the rows is replaced by ours."""
        formset = self.formsets.get("participant_countries")
        if formset is None:
            return True
        codes = [
            form.instance.country_code  # the cleaned value; Django drops it on a duplicate
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        # Saved rows the post does not name by id stay (core.admin_forms): they count too.
        kept = [row.country_code for row in kept_child_rows(formset)]
        errors = participant_country_errors(kept + codes)
        if errors:
            formset._non_form_errors = formset.error_class(errors, error_class="nonform")
        return not errors

    def _check_days(self) -> bool:
        """Each programme day within the activity's dates (as its row shows it)."""
        formset = self.formsets.get("programme_days")
        valid = True
        for form in formset.forms if formset is not None else []:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or "date" in form.errors:
                continue
            error = programme_day_error(self.instance, data.get("date"))
            if error:
                form.add_error("date", error)
                valid = False
        return valid

    def _expiry_error(self):
        activity = self.instance
        expire_at = getattr(self, "cleaned_data", {}).get("expire_at")
        keep = activity.keep_online_until
        if not (expire_at and keep and activity.is_funded):
            return None
        if timezone.localtime(expire_at).date() > keep:
            return None
        return _(
            "The grant report must stay online until %(date)s: let the activity expire "
            "after that day, or not at all."
        ) % {"date": date_format(keep, "DATE_FORMAT")}

    def save(self, commit=True):
        # A draft may lack its dates yet (Wagtail defers required fields for drafts).
        if self.instance.start_date and not self.instance.timezone_errors():
            activity_instants_set(activity=self.instance)
        return super().save(commit=commit)


class ActivityFilterForm(PublicFormMixin, PartnerCityFormMixin, forms.Form):
    PERIODS = [
        ("current", _("Current and upcoming")),
        ("past", _("Past (archive)")),
        ("all", _("All")),
    ]

    period = forms.ChoiceField(
        label=_("Period"),
        choices=PERIODS,
        required=False,
        error_messages={"invalid_choice": _("Choose current, past or all.")},
    )
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
    kind = SlugChoiceField(
        ActivityKind.objects.all(),
        label=_("Kind"),
        empty_label=_("All kinds"),
        error_messages={"invalid_choice": _("There is no kind of activity with this name.")},
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2026-05-01.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2026-05-31.")},
    )
    q = forms.CharField(label=_("Text"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("“To” lies before “From”."))
        return data

    def filters(self) -> dict:
        """The valid filters, ready for the selector."""
        data = self.cleaned_data
        return {
            "city": data.get("city"),
            "focus_area": data.get("focus"),
            "kind": data.get("kind"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "text": (data.get("q") or "").strip(),
        }

    def chosen_period(self) -> str:
        """Current activities unless the reader asks for the past, all, or a date range."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("period"):
            return data["period"]
        if data.get("date_from") or data.get("date_to"):
            return "all"
        return "current"

    def query_string(self, **override) -> str:
        """The current filter as a query string, for pagination and calendar links."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name in self.fields:
            value = self.data.get(name)
            if value:
                query[name] = value
        for name, value in override.items():
            if value is None:
                query.pop(name, None)
            else:
                query[name] = value
        return query.urlencode()
