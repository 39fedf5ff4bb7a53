"""No silent overwrites, for every editable record: every registered snippet, every page type
and every settings model (found in Wagtail's registries, so a new one is covered at once).

For each, two editors open the same edit form in the back office, as a browser would post
it back. The second saves first; the first one's save is then refused with a message, and
what the second saved stays. Opened again, the first editor's form saves.
"""

import html
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.utils import quote
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Site, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, streamfield

from citypartners.contacts.models import ContactPerson
from citypartners.core.admin_forms import (
    STALE_MESSAGE,
    STALE_REVISION_MESSAGE,
    is_guarded,
    is_revisioned,
    is_versioned,
)
from citypartners.funding.models import BudgetLine
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.projects.models import Proposal
from citypartners.site.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


def _page_models():
    return [
        model
        for model in get_page_models()
        if model.__module__.startswith("citypartners.") and model.is_creatable
    ]


def _editable_models():
    """(kind, model) for every model the back office has an edit form for."""
    models = [("snippet", model) for model in get_snippet_models()]
    models += [("page", model) for model in _page_models()]
    models += [("setting", model) for model in settings_registry]
    return models


def _form_class(kind, model):
    if kind == "snippet":
        return model.snippet_viewset.get_form_class()
    if kind == "page":
        return model.get_edit_handler().get_form_class()
    return get_edit_handler(model).get_form_class()


def test_every_edit_form_refuses_stale_saves():
    """Every form is guarded, and a record without revisions carries its version counter."""
    found = _editable_models()
    names = {model.__name__ for _kind, model in found}
    assert {"ContactPerson", "Proposal", "City", "FocusArea", "HomePage"} <= names
    assert {"OfficeSettings", "PartnerCityPage", "Activity"} <= names
    unguarded, uncounted = [], []
    for kind, model in found:
        form_class = _form_class(kind, model)
        if not is_guarded(form_class):
            unguarded.append(model.__name__)
        if not is_revisioned(model) and not (
            is_versioned(model) and "edit_version" in form_class.base_fields
        ):
            uncounted.append(model.__name__)
    assert not unguarded, f"Edit forms that may silently overwrite: {unguarded}"
    assert not uncounted, f"Records without revisions and without a version field: {uncounted}"


def _record(kind, model):
    """A record of the model, made here where the small site has none."""
    if kind == "page":
        return model.objects.filter(locale__language_code="de").order_by("pk").first()
    if kind == "setting":
        return model.for_site(Site.objects.get(is_default_site=True))
    found = model._default_manager.order_by("pk").first()
    if found is not None:
        return found
    if model is Proposal:
        return Proposal.objects.create(
            name="Beispiel / Example", email="p@example.org", text="Example", consent=True
        )
    if model is AccessibilityFeedback:
        return AccessibilityFeedback.objects.create(
            name="Example", email="f@example.org", message="Example", language="en"
        )
    if model is ContactPerson:
        return ContactPerson.objects.create(name="Example", consent_stored_how="Example")
    if model is BudgetLine:
        return BudgetLineFactory()
    return None


def _edit_url(kind, model, record):
    if kind == "page":
        return reverse("wagtailadmin_pages:edit", args=[record.pk])
    if kind == "setting":
        meta = model._meta
        return reverse(
            "wagtailsettings:edit", args=[meta.app_label, meta.model_name, record.site_id]
        )
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(record.pk)])


def form_data(content):
    """What a browser posts for the edit form on the page, untouched."""
    soup = BeautifulSoup(content, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True}) or soup.find(
        "form", attrs={"method": lambda m: m and m.lower() == "post"}
    )
    assert form is not None, "no edit form on the page"
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled") or field.find_parent("template"):
            continue
        if field.name == "input":
            kind = (field.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    add(name, field.get("value", "on"))
                continue
            add(name, field.get("value", ""))
        elif field.name == "textarea":
            add(name, field.text.removeprefix("\n"))
        else:
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.text))
    # A StreamField's inputs are made by script from the JSON its element carries (a list
    # of blocks, each a dict of plain values, as the accessibility statement's limitations).
    for block in form.select("[data-controller='w-block']"):
        state, _errors = json.loads(block["data-w-block-arguments-value"])
        items = [(item["type"], item["value"]) for item in state]
        for name, value in nested_form_data({block["id"]: streamfield(items)}).items():
            add(name, str(value))
    return data


def _errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    shown = soup.select(".error-message, .help-critical, .messages .error, [role=alert]")
    return [" ".join(item.get_text(" ").split()) for item in shown][:8]


def _state(kind, model, record):
    """What a save changes: the latest revision, or the version counter."""
    fresh = model._default_manager.get(pk=record.pk)
    return fresh.latest_revision_id if is_revisioned(model) else fresh.edit_version


def _said(response, message):
    body = html.unescape(response.content.decode())
    said = []
    for language in ("de", "en"):
        with translation.override(language):
            said.append(str(message) in body)
    return any(said)


@pytest.mark.parametrize(
    "kind,model", _editable_models(), ids=lambda v: v if isinstance(v, str) else v.__name__
)
def test_a_second_editor_cannot_silently_overwrite(kind, model, django_user_model):
    record = _record(kind, model)
    assert record is not None, f"no {model.__name__} to edit; make one in _record()"
    if is_revisioned(model) and record.latest_revision_id is None:
        record.save_revision()  # as every save in the back office does
    first, second = Client(), Client()  # two editors (one editor's own saves never stop them)
    first.force_login(
        django_user_model.objects.create_superuser("one", "one@example.org", PASSWORD)
    )
    second.force_login(
        django_user_model.objects.create_superuser("two", "two@example.org", PASSWORD)
    )
    url = _edit_url(kind, model, record)

    opened_first = form_data(first.get(url).content)
    opened_second = form_data(second.get(url).content)
    saved = second.post(url, opened_second)
    assert saved.status_code == 302, (
        f"{model.__name__}: the edit form as shown does not save: {_errors(saved)}"
    )
    after_second = _state(kind, model, record)

    refused = first.post(url, opened_first)
    assert refused.status_code == 200
    message = STALE_REVISION_MESSAGE if is_revisioned(model) else STALE_MESSAGE
    assert _said(refused, message), f"{model.__name__}: no message: {_errors(refused)}"
    assert _state(kind, model, record) == after_second, f"{model.__name__}: overwritten"

    reopened = first.post(url, form_data(first.get(url).content))
    assert reopened.status_code == 302, f"{model.__name__}: {_errors(reopened)}"


def test_pages_of_both_languages_are_covered():
    """The page check above edits the German page; the English one has the same form."""
    english = Page.objects.filter(locale__language_code="en").exclude(depth=1).first().specific
    assert is_guarded(type(english).get_edit_handler().get_form_class())
