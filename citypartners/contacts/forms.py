"""The back-office form of a contact person."""

from citypartners.core.admin_forms import GuardedModelForm

from .services import contact_retention_set


class ContactPersonAdminForm(GuardedModelForm):
    """Notes since when the person has no partnership left: Wagtail's create and edit
    actions save through this form's save() and never through the services."""

    def save(self, commit=True):
        if "partnerships" in self.cleaned_data:
            linked = bool(self.cleaned_data["partnerships"])
        else:
            linked = self.instance.pk is not None and self.instance.partnerships.exists()
        contact_retention_set(person=self.instance, linked=linked)
        return super().save(commit=commit)
