"""Every back-office list runs as many queries for many rows as for a few (issue 13).

The lists come from the registries: every ModelViewSet (snippets included) of one of our
models in Wagtail's viewset registry, every snippet's chooser, and the page explorer. Their
rows come from the factories in each app's ``tests/factories.py``; a model whose list has no
factory fails here by name. Each list is asked by the ACCOUNTS that may open it (a borough
editor with rows of its own borough), all rows on one page, first with a few
rows of every model and then with more: the second count must not be higher. Only in the
explorer, the few statements per page that are Wagtail's or wagtail-localize's own are left
out of the count (NOT_OURS_PER_PAGE).
"""

import importlib
import re
from collections import Counter

import factory
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factory.django import DjangoModelFactory
from wagtail.admin.views.generic.chooser import BaseChooseView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site
from wagtail.snippets.models import get_snippet_models

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create
from citypartners.owners.models import Owner
from citypartners.site.models import BoroughPage, StandardPage

pytestmark = pytest.mark.django_db

FEW, MORE = 1, 3  # rows of each model before the first count, and in all before the second
SUPERUSER = "superuser"
# A superuser, a state editor (group permissions, checked by Wagtail per page) and the roles
# that see only some owners' records.
ACCOUNTS = (
    SUPERUSER,
    "state-editor",
    *(slug for slug, role in ROLES.items() if role.borough_only),
)
BOROUGH = "mitte"  # the owner of the borough editors' account and rows


def _listings():
    """Every registered ModelViewSet (SnippetViewSets too) on one of our models."""
    importlib.import_module("wagtail.admin.urls")  # which fills Wagtail's viewset registry
    return sorted(
        (
            viewset
            for viewset in viewsets.viewsets
            if isinstance(viewset, ModelViewSet)
            and viewset.model._meta.app_config.name.startswith("citypartners.")
        ),
        key=lambda viewset: viewset.model._meta.label_lower,
    )


def _snippet_models():
    return sorted(get_snippet_models(), key=lambda model: model._meta.label_lower)


def _factories():
    """The factory of each model, from every app's tests/factories.py."""
    found = {}
    for app in apps.get_app_configs():
        name = f"{app.name}.tests.factories"
        if not app.name.startswith("citypartners."):
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DjangoModelFactory):
                found.setdefault(value._meta.model, value)
    return found


def _build(model, count, owner):
    """``count`` new rows of ``model`` (of ``owner``, if the model has one)."""
    factory_class = _factories().get(model)
    assert factory_class, f"{model._meta.label} has a back-office list but no factory"
    # A factory that looks its record up (get_or_create) would give the same row again, and
    # one with a fixed value for a unique field would fail on the second row.
    unique = {
        field.name
        for field in model._meta.fields
        if field.unique and isinstance(field, models.CharField) and not field.primary_key
    }
    # Short values: PostgreSQL refuses one longer than the column (a Wikidata id has 20).
    overrides = {
        field: factory.Sequence(lambda n, field=field: f"qc{field[:4]}{n}")
        for field in unique.union(factory_class._meta.django_get_or_create)
    }
    if any(field.name == "owner" for field in model._meta.fields):
        overrides["owner"] = owner
    factory_class.create_batch(count, **overrides)


def _build_all(model, count, owner):
    """``count`` new rows of ``model``, and as many of every other model with a factory: a
    list also shows linked records (a column, a filter's choices), which must not cost a
    query each either."""
    _build(model, count, owner)
    for other in _factories():
        if other is not model:
            _build(other, count, owner)


def _login(client, account):
    if account == SUPERUSER:
        user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    else:
        user = account_create(
            email=f"{account}@example.org",
            password="a long and careful passphrase",
            role=account,
            owner=BOROUGH if ROLES[account].borough_only else None,
        )
    client.force_login(user)


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, queries


def _grows_not(client, url, build, rows, others=()):
    """Asks ``url`` with FEW rows built and then MORE, and compares the query counts (of
    statements other than those matching a pattern in ``others``)."""
    response = client.get(url)
    if response.status_code in (302, 403):
        pytest.skip("this account may not open the list")
    assert response.status_code == 200
    build(FEW)
    client.get(url)  # fills the caches that the rows' first showing fills
    response, few = _get(client, url)
    shown_few = rows(response)
    build(MORE - FEW)
    response, more = _get(client, url)
    shown_more = rows(response)
    assert shown_more >= shown_few + MORE - FEW, "the new rows are not on the page"
    few, more = _ours(few, others), _ours(more, others)
    assert len(more) <= len(few), (
        f"{url}: {len(few)} queries for {shown_few} rows, {len(more)} for {shown_more}; "
        f"asked more often:\n{_grown(few, more)}"
    )


def _ours(queries, others):
    return [
        query["sql"]
        for query in queries.captured_queries
        if not any(re.search(pattern, query["sql"]) for pattern in others)
    ]


def _grown(few, more):
    """The statements (with their values left out) asked more often the second time."""

    def shapes(statements):
        return Counter(
            re.sub(r"\(\?(, \?)*\)", "(...)", re.sub(r"'[^']*'|\b\d+\b", "?", sql))
            for sql in statements
        )

    grown = shapes(more) - shapes(few)
    return "\n".join(f"+{count}x {sql[:300]}" for sql, count in grown.items())


@pytest.fixture
def one_page(monkeypatch):
    """Every row on one page, so that each row built is shown."""
    monkeypatch.setattr(IndexView, "get_paginate_by", lambda self, queryset: 1000)
    results_page = BaseChooseView.get_results_page

    def one_results_page(self, request):
        self.per_page = 1000  # a chooser view is given its page size when it is built
        return results_page(self, request)

    monkeypatch.setattr(BaseChooseView, "get_results_page", one_results_page)


def test_every_snippet_has_a_listing_here():
    covered = {viewset.model for viewset in _listings()}
    assert set(get_snippet_models()) <= covered


@pytest.mark.parametrize("account", ACCOUNTS)
@pytest.mark.parametrize("viewset", _listings(), ids=lambda viewset: viewset.model._meta.label)
def test_a_back_office_list_asks_no_more_queries_for_more_rows(client, one_page, viewset, account):
    _login(client, account)
    owner = Owner.objects.get(slug=BOROUGH)
    _grows_not(
        client,
        reverse(viewset.get_common_view_kwargs()["index_url_name"]),  # "list" for snippets
        lambda count: _build_all(viewset.model, count, owner),
        lambda response: len(response.context["object_list"]),
    )


@pytest.mark.parametrize("account", ACCOUNTS)
@pytest.mark.parametrize("model", _snippet_models(), ids=lambda model: model._meta.label)
def test_a_chooser_asks_no_more_queries_for_more_rows(client, one_page, model, account):
    _login(client, account)
    owner = Owner.objects.get(slug=BOROUGH)
    _grows_not(
        client,
        reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose")),
        lambda count: _build_all(model, count, owner),
        lambda response: len(response.context["results"]),
    )


# What the page explorer asks per page and is not ours: wagtail-localize's buttons on each
# page ("Translate this page", "Sync translated pages"; its hook is given one page at a time),
# and Wagtail's check whether an editor without "publish" may delete the page (no live page
# below it: PagePermissionTester.can_delete).
NOT_OURS_PER_PAGE = (
    r'"wagtail_localize_\w+"',
    r'FROM "wagtailcore_locale" WHERE NOT \(',
    # (PostgreSQL's form casts the path: "path"::text LIKE)
    r'FROM "wagtailcore_page" WHERE \("wagtailcore_page"\."path"(::text)? LIKE .* AND '
    r'"wagtailcore_page"\."live"\) LIMIT',
)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_page_explorer_asks_no_more_queries_for_more_pages(client, account):
    _login(client, account)
    owner = Owner.objects.get(slug=BOROUGH)
    home = Site.objects.get(is_default_site=True).root_page
    if account in ROLES and ROLES[account].borough_only:  # their pages: their borough's
        home = BoroughPage.objects.get(borough=owner, locale=home.locale_id)
    parent = home.add_child(instance=StandardPage(title="Query count", slug="query-count"))
    built = []

    def build(count):
        _build_all(Owner, count, owner)
        for _ in range(count):
            number = len(built)
            built.append(
                parent.add_child(
                    instance=StandardPage(title=f"Page {number}", slug=f"page-{number}")
                )
            )

    _grows_not(
        client,
        reverse("wagtailadmin_explore", args=[parent.pk]),
        build,
        lambda response: len(response.context["object_list"]),
        others=NOT_OURS_PER_PAGE,
    )
