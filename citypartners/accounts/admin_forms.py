"""The back-office form for owned records: allowed owners only, links to other owners'
records only with their consent, and (from core.admin_forms) no silent overwrites.

Every owned snippet's edit_handler uses OwnedRecordForm (or a subclass) as its base form;
accounts/tests/test_owned_links.py checks that for every owned model.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from citypartners.accounts.permissions import ALL_OWNERS, owned_link_fields, owner_scope
from citypartners.core.admin_forms import GuardedModelForm

OTHER_OWNER_MESSAGE = _(
    "You can link only records of your own owner here: a link to another owner's record "
    "needs that owner's consent."
)


def limit_owned_links(form, scope):
    """Narrows the form's links to owned records to the scope's own records, keeping the
    links the record already has (a state editor may have made them with consent).

    The narrowed queryset both limits what is offered and refuses (as a field error)
    a crafted POST naming another owner's record."""
    if scope == ALL_OWNERS:
        return
    for model_field in owned_link_fields(form._meta.model):
        field = form.fields.get(model_field.name)
        if field is None or not hasattr(field, "queryset"):
            continue
        kept = _linked_pks(form.instance, model_field)
        own = Q(owner_id=scope) if scope is not None else Q(pk__in=[])
        if not isinstance(field.widget, forms.Select):
            # A chooser's modal lists every owner's records; a select lists these only.
            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            field.widget = forms.SelectMultiple() if multiple else forms.Select()
            field.widget.is_required = field.required
        field.queryset = field.queryset.filter(own | Q(pk__in=kept))  # also sets the choices
        field.error_messages = {**field.error_messages, "invalid_choice": OTHER_OWNER_MESSAGE}


def _linked_pks(instance, model_field):
    if model_field.many_to_one:
        pk = getattr(instance, model_field.attname)
        return [] if pk is None else [pk]
    if instance.pk is None and not isinstance(model_field, ParentalManyToManyField):
        return []  # a new record with a plain many-to-many field links nothing yet
    return [obj.pk for obj in getattr(instance, model_field.name).all()]


def _limit_rows(formset, scope):
    """The same for the rows of an inline panel: the POSTed ones and the new-row template."""

    def __init__(form, *args, **kwargs):
        super(row_form, form).__init__(*args, **kwargs)
        limit_owned_links(form, scope)

    row_form = type(formset.form.__name__, (formset.form,), {"__init__": __init__})
    formset.form = row_form
    formset.__dict__.pop("forms", None)  # built again, with the narrowed form, when needed


class OwnedRecordForm(GuardedModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            self.fields["owner"].required = True
            if self.for_user is not None:
                self._limit_owners(owner_scope(self.for_user))
        scope = owner_scope(self.for_user) if self.for_user is not None else ALL_OWNERS
        limit_owned_links(self, scope)
        for formset in getattr(self, "formsets", {}).values():
            _limit_rows(formset, scope)

    def _limit_owners(self, scope):
        if scope == ALL_OWNERS:
            return
        field = self.fields["owner"]
        field.queryset = field.queryset.filter(pk=scope) if scope else field.queryset.none()
        if not self.instance.pk and scope:
            self.initial["owner"] = scope
