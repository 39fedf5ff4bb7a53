"""Links to another owner's records need that owner's consent: the back-office forms of owned
records offer a borough account only its own owner's records to link, refuse a crafted POST
that links another owner's record, and keep the links the record already has.

The cases come from the model registry (every owned model, every relation field of its form
and of its inline panels that points to an owned model), so a new owned model or relation
is covered at once; it fails here until MAKERS can create a record of it.
"""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from citypartners.accounts.admin_forms import OTHER_OWNER_MESSAGE, OwnedRecordForm
from citypartners.accounts.permissions import owned_link_fields, owned_models
from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.core.tests.edit_tokens import opened_tokens
from citypartners.funding.models import BudgetLine
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.organisations.models import Organisation
from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.tests.factories import CityFactory, PartnershipFactory
from citypartners.projects.models import Project
from citypartners.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


def _partnership(owner):
    return PartnershipFactory(owner=owner, city=CityFactory())


# How to make a record of each owned model for an owner, linked only to that owner's records.
MAKERS = {
    Partnership: _partnership,
    Activity: lambda owner: ActivityFactory(owner=owner, partnerships=[_partnership(owner)]),
    Project: lambda owner: ProjectFactory(owner=owner, partnerships=[_partnership(owner)]),
    Organisation: lambda owner: OrganisationFactory(owner=owner),
    BudgetLine: lambda owner: BudgetLineFactory(owner=owner, partnership=_partnership(owner)),
}


def _fit(record, target):
    """What the record's own rules ask of a record it links, before the link: a budget
    line's project or activity is one of the line's partnership's (funding.models)."""
    if isinstance(record, BudgetLine) and isinstance(target, Project | Activity):
        target.partnerships.add(record.partnership)
        target.save()  # parental relations are written on save


def _form_class(model):
    return model.snippet_viewset.get_edit_handler().get_form_class()


def _cases():
    """(model, inline relation or None, field name) for every link to an owned model."""
    cases = []
    for model in sorted(owned_models(), key=lambda m: m._meta.label):
        for field in owned_link_fields(model):
            cases.append((model, None, field.name))
        for inline, formset_class in _form_class(model).formsets.items():
            for field in owned_link_fields(formset_class.model):
                cases.append((model, inline, field.name))
    return cases


CASES = _cases()
IDS = [f"{m._meta.model_name}.{inline + '.' if inline else ''}{name}" for m, inline, name in CASES]


def _login(client, role, owner, language="en"):
    user = account_create(email=f"{role}@example.org", password=PASSWORD, role=role, owner=owner)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def _target_model(model, inline, name):
    source = _form_class(model).formsets[inline].model if inline else model
    return source._meta.get_field(name).related_model


def _edit_url(instance):
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])


def _post_data(form):
    """The POST of the edit form as shown, unchanged (inline rows and management forms too),
    its values written in the account's language, as the form shows them (an amount of
    money: "1.000,00" in German, "1,000.00" in English)."""
    language = UserProfile.get_for_user(form.for_user).get_preferred_language()
    with translation.override(language):
        return _values_as_shown(form)


def _values_as_shown(form):
    data = {}
    for bound in [*form, *_formset_fields(form)]:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(bound.field, forms.ModelMultipleChoiceField):
            data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value or []]
        elif value is None:
            data[bound.html_name] = ""
        elif isinstance(widget, forms.Select):
            data[bound.html_name] = str(value)
        else:
            shown = widget.format_value(value)
            data[bound.html_name] = "" if shown is None else str(shown)
    data.update(opened_tokens(form.instance))  # the version the form was opened on
    return data


def _formset_fields(form):
    for formset in form.formsets.values():
        yield from formset.management_form
        for child in formset.forms:
            yield from child


def _shown_form(record, user):
    """The edit form as the edit view shows it: of the latest revision, if any."""
    record = type(record)._default_manager.get(pk=record.pk)
    revision = getattr(record, "latest_revision", None)
    if revision is not None:
        record = revision.as_object()
    return _form_class(type(record))(instance=record, for_user=user)


def _link(data, form, inline, name, target):
    """Adds a link to target: to the field's list, or as a new row of the inline panel."""
    if inline is None:
        field = form.fields[name]
        if isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [*data.get(name, []), str(target.pk)]
        else:
            data[name] = str(target.pk)
        return
    formset = form.formsets[inline]
    row = formset.empty_form
    index = int(data[f"{formset.prefix}-TOTAL_FORMS"])
    for bound in row:
        key = bound.html_name.replace("__prefix__", str(index))
        value = bound.value()
        if bound.name == name:
            data[key] = str(target.pk)
        elif isinstance(bound.field, forms.TypedChoiceField) and not value:
            data[key] = str(bound.field.choices[-1][0])  # e.g. the side of the organisation
        elif isinstance(bound.field.widget, forms.CheckboxInput):
            continue
        else:
            data[key] = "" if value is None else str(value)
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(index + 1)


def _linked_pks(record, inline, name):
    """The links the record has now: of its latest revision if it keeps revisions."""
    record = type(record)._default_manager.get(pk=record.pk)
    revision = getattr(record, "latest_revision", None)
    if revision is not None:
        record = revision.as_object()
    if inline is None:
        field = record._meta.get_field(name)
        if field.many_to_many:
            return {obj.pk for obj in getattr(record, name).all()}
        value = getattr(record, field.attname)
        return set() if value is None else {value}
    return {getattr(row, f"{name}_id") for row in getattr(record, inline).all()}


def _errors(response):
    form = response.context["form"]
    errors = [str(e) for messages in form.errors.values() for e in messages]
    for formset in form.formsets.values():
        for child in formset.forms:
            errors += [str(e) for messages in child.errors.values() for e in messages]
    return errors


def test_every_owned_model_is_covered_and_uses_the_owned_record_form():
    assert set(owned_models()) == set(MAKERS)
    for model in owned_models():
        assert issubclass(_form_class(model), OwnedRecordForm), model
    # The relations the issue named are among the generated cases.
    assert {"activity.partnerships", "activity.project", "activity.organisations"} <= set(IDS)
    assert {"project.partnerships", "organisation.partnerships"} <= set(IDS)
    assert "project.project_organisations.organisation" in IDS


@pytest.mark.parametrize(("model", "inline", "name"), CASES, ids=IDS)
def test_borough_editor_is_offered_only_own_records_to_link(client, model, inline, name):
    mitte, state = Owner.objects.get(slug="mitte"), Owner.objects.get(slug="land-berlin")
    user = _login(client, "borough-editor", "mitte")
    target_model = _target_model(model, inline, name)
    own, other = MAKERS[target_model](mitte), MAKERS[target_model](state)
    form = _shown_form(MAKERS[model](mitte), user)
    # What the editor can pick: the field's choices (a chooser's modal would list all).
    field = form.formsets[inline].empty_form.fields[name] if inline else form.fields[name]
    offered = [str(value) for value, _label in field.widget.choices]
    assert str(own.pk) in offered
    assert str(other.pk) not in offered


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(("model", "inline", "name"), CASES, ids=IDS)
def test_borough_editor_linking_another_owners_record_is_refused(
    client, model, inline, name, language
):
    mitte, state = Owner.objects.get(slug="mitte"), Owner.objects.get(slug="land-berlin")
    user = _login(client, "borough-editor", "mitte", language)
    record = MAKERS[model](mitte)
    other = MAKERS[_target_model(model, inline, name)](state)
    _fit(record, other)
    before = _linked_pks(record, inline, name)
    form = _shown_form(record, user)
    data = _post_data(form)
    _link(data, form, inline, name, other)
    response = client.post(_edit_url(record), data)
    assert response.status_code == 200
    with translation.override(language):
        assert str(OTHER_OWNER_MESSAGE) in _errors(response)
    assert _linked_pks(record, inline, name) == before


@pytest.mark.parametrize(("model", "inline", "name"), CASES, ids=IDS)
def test_state_editor_may_link_any_owners_record(client, model, inline, name):
    mitte, spandau = Owner.objects.get(slug="mitte"), Owner.objects.get(slug="spandau")
    user = _login(client, "state-editor", "land-berlin")
    record = MAKERS[model](mitte)
    other = MAKERS[_target_model(model, inline, name)](spandau)
    _fit(record, other)
    form = _shown_form(record, user)
    data = _post_data(form)
    _link(data, form, inline, name, other)
    response = client.post(_edit_url(record), data)
    assert response.status_code == 302, _errors(response)
    assert other.pk in _linked_pks(record, inline, name)


@pytest.mark.parametrize(("model", "inline", "name"), CASES, ids=IDS)
def test_links_made_by_the_state_survive_a_borough_editors_save(client, model, inline, name):
    mitte, state = Owner.objects.get(slug="mitte"), Owner.objects.get(slug="land-berlin")
    record = MAKERS[model](mitte)
    other = MAKERS[_target_model(model, inline, name)](state)
    _fit(record, other)
    state_editor = _login(client, "state-editor", "land-berlin")
    form = _shown_form(record, state_editor)
    data = _post_data(form)
    _link(data, form, inline, name, other)
    response = client.post(_edit_url(record), data)
    assert response.status_code == 302, _errors(response)

    borough_editor = _login(client, "borough-editor", "mitte")
    form = _shown_form(record, borough_editor)
    if inline is None:
        assert form.fields[name].queryset.filter(pk=other.pk).exists()
    response = client.post(_edit_url(record), _post_data(form))
    assert response.status_code == 302, _errors(response)
    assert other.pk in _linked_pks(record, inline, name)
