"""Every chooser searches (issue 14, item 4): generated over every registered snippet model,
so a chooser added later is covered too. Its modal has a search box, and a word of one
record's name narrows the list to fewer records, that one among them."""

import importlib
import re

import factory
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from factory.django import DjangoModelFactory
from wagtail.snippets.models import get_snippet_models

pytestmark = pytest.mark.django_db

ROWS = 3  # new rows of each model, besides those of the small site


def _snippet_models():
    return sorted(get_snippet_models(), key=lambda model: model._meta.label_lower)


def _factory(model):
    for app in apps.get_app_configs():
        if not app.name.startswith("citypartners."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and value._meta.model is model
            ):
                return value
    raise AssertionError(f"{model._meta.label} has a chooser but no factory")


def _build(model):
    factory_class = _factory(model)
    unique = {
        field.name
        for field in model._meta.fields
        if field.unique and isinstance(field, models.CharField) and not field.primary_key
    }
    overrides = {
        name: factory.Sequence(lambda n, name=name: f"cs{name[:4]}{n}")
        for name in unique.union(factory_class._meta.django_get_or_create)
    }
    factory_class.create_batch(ROWS, **overrides)


def _results(client, model, query=None):
    url = reverse(
        f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}:choose_results"
    )
    response = client.get(url, {"q": query} if query else {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, (model, query)
    return response.context["results"]


def _value(row, path):
    for name in path.split("__"):
        row = getattr(row, name, None)
    return "" if row is None else str(row)


def _words(target, model):
    """Words of the target's name, then of the fields its list searches: what an editor
    types to find it."""
    fields = model.snippet_viewset.search_fields
    fields = fields if isinstance(fields, list) else []  # Wagtail's UNDEFINED: none named
    texts = [str(target), *(_value(target, f) for f in fields)]
    words = []
    for text in texts:
        words += [w for w in re.findall(r"\w+", text) if w not in words]
    return words


@pytest.fixture
def superuser_client(client):
    admin = get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password="a long and careful passphrase"
    )
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", _snippet_models(), ids=lambda m: m._meta.label_lower)
def test_the_chooser_offers_a_search_box_and_a_word_narrows_its_list(superuser_client, model):
    _build(model)
    choose = reverse(
        f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}:choose"
    )
    html = superuser_client.get(choose, HTTP_ACCEPT_LANGUAGE="en").json()["html"]
    assert re.search(r'<input[^>]*name="q"', html), f"{model._meta.label}: no search box"

    everything = _results(superuser_client, model)
    rows = list(everything.paginator.object_list)
    assert len(rows) >= 2
    target = rows[-1]
    narrowing = []
    for word in _words(target, model):
        found = _results(superuser_client, model, word)
        if target.pk in {row.pk for row in found.paginator.object_list}:
            narrowing.append((word, found.paginator.count))
            if found.paginator.count < everything.paginator.count:
                break
    # Found by a word of its own, with fewer records than the whole list.
    assert narrowing and narrowing[-1][1] < everything.paginator.count, (model, narrowing)
