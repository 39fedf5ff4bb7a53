"""The back-office form for owned records: allowed owners only, and no silent overwrites."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from citypartners.accounts.permissions import ALL_OWNERS, owner_scope

STALE_MESSAGE = _(
    "Someone else saved this record after you opened it. Your changes were not saved, so "
    "that theirs are not lost. Open the record again to see the current version, then make "
    "your changes once more."
)


class StaleEdit(Exception):
    """Another save won the race between checking and saving; nothing of this one was saved."""


class OwnedRecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            self.fields["owner"].required = True
            if self.for_user is not None:
                self._limit_owners(owner_scope(self.for_user))
        if "edit_version" in self.fields:
            self.fields["edit_version"].required = False
        if "edit_version" in self.fields and self.instance.pk and not self.is_bound:
            # The version saved now, even when the form shows an older revision (revert).
            self.initial["edit_version"] = self._saved_version()

    def _limit_owners(self, scope):
        if scope == ALL_OWNERS:
            return
        field = self.fields["owner"]
        field.queryset = field.queryset.filter(pk=scope) if scope else field.queryset.none()
        if not self.instance.pk and scope:
            self.initial["owner"] = scope

    def _saved_version(self):
        model = type(self.instance)
        return (
            model._default_manager.filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )

    def clean(self):
        data = super().clean()
        if "edit_version" in self.fields and not self.instance.pk:
            data["edit_version"] = 0
        elif "edit_version" in self.fields:
            if data.get("edit_version") != self._saved_version():
                raise forms.ValidationError(STALE_MESSAGE, code="stale")
        return data

    def save(self, commit=True):
        if "edit_version" in self.fields and self.instance.pk:
            seen = self.cleaned_data["edit_version"]
            model = type(self.instance)
            if not model._default_manager.filter(pk=self.instance.pk, edit_version=seen).update(
                edit_version=seen + 1
            ):
                raise StaleEdit(STALE_MESSAGE)
            self.instance.edit_version = seen + 1
        return super().save(commit=commit)
