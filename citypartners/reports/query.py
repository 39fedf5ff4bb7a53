"""The question a partnership report answers: a period and filters (issue 15).

One form reads it from the back office's report screen and from ``manage.py
partnership_report``: the same names (slugs), the same checks and the same messages in the
user's language. A borough account reports on its own borough only.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from citypartners.accounts.permissions import ALL_OWNERS, owner_scope
from citypartners.activities.models import ActivityKind
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FocusArea

LONGEST_PERIOD_YEARS = 100


@dataclass(frozen=True)
class ReportQuery:
    """A report's question. Empty filters mean "all"; ``owners`` empty means every owner."""

    date_from: datetime.date
    date_to: datetime.date
    owners: tuple = ()
    cities: tuple = ()
    focus_areas: tuple = ()
    kinds: tuple = ()
    internal: bool = False

    @property
    def years(self) -> range:
        return range(self.date_from.year, self.date_to.year + 1)


class _Slugs(forms.ModelMultipleChoiceField):
    """Records named by their slugs (``?city=paris&city=madrid``), shown by their names."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ReportForm(forms.Form):
    date_from = forms.DateField(label=_("first day of the period"), widget=AdminDateInput)
    date_to = forms.DateField(label=_("last day of the period"), widget=AdminDateInput)
    owner = _Slugs(Owner.objects.all(), label=_("owners"))
    city = _Slugs(
        City.objects.filter(partnerships__isnull=False).distinct(), label=_("partner cities")
    )
    focus = _Slugs(FocusArea.objects.all(), label=_("focus areas"))
    kind = _Slugs(ActivityKind.objects.all(), label=_("kinds of activity"))
    internal = forms.BooleanField(
        label=_("include internal items"),
        required=False,
        help_text=_("Activities not shown to the public, and records not yet published."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = owner_scope(user) if user is not None else ALL_OWNERS
        if self.scope != ALL_OWNERS:
            # A borough's account reports on its own borough; an account without an owner
            # on nothing.
            self.fields["owner"].queryset = Owner.objects.filter(pk=self.scope)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end of the period lies before its start."))
            elif end.year - start.year > LONGEST_PERIOD_YEARS:
                self.add_error(
                    "date_to",
                    _("A report covers at most %(years)s years.") % {"years": LONGEST_PERIOD_YEARS},
                )
        if self.scope is None:
            raise forms.ValidationError(_("This account keeps no records to report on."))
        return data

    def query(self) -> ReportQuery:
        """The question asked (call after ``is_valid()``); a borough's own borough always."""
        data = self.cleaned_data
        owners = tuple(data["owner"])
        if not owners and self.scope != ALL_OWNERS:
            owners = tuple(Owner.objects.filter(pk=self.scope))
        return ReportQuery(
            date_from=data["date_from"],
            date_to=data["date_to"],
            owners=owners,
            cities=tuple(data["city"]),
            focus_areas=tuple(data["focus"]),
            kinds=tuple(data["kind"]),
            internal=data["internal"],
        )
