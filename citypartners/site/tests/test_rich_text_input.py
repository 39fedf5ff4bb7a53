"""A crafted or broken rich-text value (the editor posts contentstate JSON) is a form error
in the editor's language on that field, never a 500. Generated over every rich-text field of
every snippet and page form, and once end to end through an edit view."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from citypartners.activities.models import Activity
from citypartners.activities.tests.test_admin import _form
from citypartners.core.tests.edit_tokens import opened_tokens

pytestmark = pytest.mark.django_db

MESSAGE = "This text could not be read. Please reload the page and enter it again."
BROKEN = [
    "not json",
    "{",
    "[]",
    "42",
    json.dumps({"blocks": 5}),
]
# Contentstate of an odd shape: read as far as it goes, or refused; never a 500.
ODD = [
    json.dumps({"blocks": [{"type": "unstyled"}], "entityMap": {}}),
    json.dumps({"blocks": [None], "entityMap": {}}),
    json.dumps({"blocks": [{"type": "unstyled", "text": 5}], "entityMap": []}),
    json.dumps(
        {
            "blocks": [
                {
                    "key": "a",
                    "type": "unstyled",
                    "text": "x",
                    "depth": 0,
                    "inlineStyleRanges": [{"offset": "x", "length": None, "style": "BOLD"}],
                    "entityRanges": [{"offset": 0, "length": 1, "key": 7}],
                }
            ],
            "entityMap": {},
        }
    ),
]


def _rich_text_forms():
    """(name, form class, rich-text field names) for every snippet and page form."""
    found = []
    for model in get_snippet_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        if fields:
            found.append((model.__name__, model.snippet_viewset.get_form_class(), fields))
    for model in get_page_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        if fields:
            found.append((model.__name__, model.get_edit_handler().get_form_class(), fields))
    return found


def _form_with(form_class, field, value):
    """The form with one field's value; a StreamField posts its block count (its script
    makes that input), so an empty one is posted as such."""
    model = form_class._meta.model
    data = {f"{f.name}-count": "0" for f in model._meta.get_fields() if isinstance(f, StreamField)}
    data[field] = value
    return form_class(data=data, for_user=get_user_model()(is_superuser=True))


@translation.override("en")
def test_an_editor_left_empty_is_an_empty_text_not_an_unreadable_one():
    # Draftail posts the JSON null for an editor without text (seen in the browser: an
    # activity without a description could not be saved).
    for name, form_class, fields in _rich_text_forms():
        for field in fields:
            form = _form_with(form_class, field, "null")
            form.is_valid()
            assert MESSAGE not in form.errors.get(field, []), (name, field)
            assert not form.cleaned_data.get(field, "")


@translation.override("en")
def test_every_rich_text_field_of_every_form_refuses_a_broken_value():
    forms = _rich_text_forms()
    assert {"Activity", "Project"} <= {name for name, _form_class, _fields in forms}
    for name, form_class, fields in forms:
        for field in fields:
            for value in BROKEN:
                form = _form_with(form_class, field, value)
                assert not form.is_valid()
                assert MESSAGE in form.errors.get(field, []), (name, field, value)
                form.as_div()  # shown again without failing
            for value in ODD:
                form = _form_with(form_class, field, value)
                form.is_valid()
                assert form.errors.get(field, [MESSAGE]) == [MESSAGE], (name, field, value)
                form.as_div()


@pytest.mark.parametrize("value", BROKEN[:2] + ODD)
def test_a_superuser_posting_broken_rich_text_gets_a_form_error(client, value):
    admin = get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password="a long and careful passphrase"
    )
    client.force_login(admin)
    activity = Activity.objects.filter(live=True).order_by("pk").first()
    url = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
    before = activity.description_en
    response = client.post(
        url,
        _form(description_en=value, slug=activity.slug, **opened_tokens(activity)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code in (200, 302)
    if value in BROKEN:
        assert response.status_code == 200 and MESSAGE in response.content.decode()
        activity.refresh_from_db()
        assert activity.description_en == before
