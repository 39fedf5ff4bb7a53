"""A site of its own for a test: every page type of the site app, German and English.

Built with factories only, on its own host, so that it works with or without other pages
(the Berlin demo) in the database. Ask its pages with ``site.get(client, url)``, which sends
the host along. Use it through ``site_fixture()``, which forgets the site's addresses
afterwards: Wagtail caches every site's root paths across tests, and a rolled-back site
left in that cache would make the next test's pages answer with absolute URLs.
"""

from dataclasses import dataclass, field
from itertools import count
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import models
from wagtail.models import Locale, Page, Site

from citypartners.partnerships.tests.factories import OwnerFactory, PartnershipFactory

HOST = "records.testserver"
_numbers = count()


def site_page_models() -> list[type[Page]]:
    """Every concrete page model of the site app: the page types of the public site."""
    return [
        model
        for model in apps.get_app_config("site").get_models()
        if issubclass(model, Page) and not model._meta.abstract
    ]


def page_records(model: type[Page]) -> dict:
    """The records a page of `model` stands for (its required foreign keys), made anew.

    A new page type with a required foreign key has to be named here; building the tree
    says so until it is.
    """
    makers = {
        "PartnerCityPage": lambda: {"partnership": PartnershipFactory()},
        "BoroughPage": lambda: {"borough": OwnerFactory()},
        "AnnualReportPage": lambda: {"year": 2026},
    }
    if model.__name__ in makers:
        return makers[model.__name__]()
    own_fields = [f for f in model._meta.get_fields() if f.model is model and f.concrete]
    required = [
        f.name
        for f in own_fields
        if isinstance(f, models.ForeignKey) and not f.null and not f.primary_key
    ]
    assert not required, f"{model.__name__} needs {required}: add it to page_records()"
    return {}


@dataclass
class BuiltSite:
    """One Wagtail site with a German tree and its English translation."""

    site: Site
    # page model name -> language code -> the live page
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)

    def page(self, name: str, lang: str) -> Page:
        return self.pages[name][lang]

    def path(self, page: Page) -> str:
        """The page's address on this site, without the host."""
        return page.get_url(current_site=self.site)

    def get(self, client, url: str, **extra):
        """Ask this site (not the default one) for `url`."""
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return client.get(path, HTTP_HOST=parts.netloc or HOST, **extra)

    def all_pages(self) -> list[Page]:
        """Every live page of both trees, in tree order."""
        roots = [self.page("HomePage", lang) for lang in ("de", "en")]
        return [
            page.specific
            for root in roots
            for page in Page.objects.live().descendant_of(root, inclusive=True).order_by("path")
        ]


def _publish(page):
    page.save_revision().publish()


def build_site(*, hostname: str = HOST) -> BuiltSite:
    """A new site on `hostname` with one live page of every page type, in German and English.

    Each page is placed under the first built page its type may live under; the English
    tree is the German one translated, as editors make it with wagtail-localize.
    """
    number = next(_numbers)
    de, _ = Locale.objects.get_or_create(language_code="de")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home_model = apps.get_model("site", "HomePage")
    home = home_model(title=f"Übersicht {number}", slug=f"records-{number}", locale=de)
    root.add_child(instance=home)
    _publish(home)
    result = BuiltSite(site=None, pages={})
    _add(result, home, en, slug=f"records-{number}-en", title=f"Overview {number}")

    waiting = [model for model in site_page_models() if model is not home_model]
    while waiting:
        placed = False
        for model in list(waiting):
            parents = [
                result.pages[parent.__name__]["de"]
                for parent in model.allowed_parent_page_models()
                if parent.__name__ in result.pages
            ]
            if not parents:
                continue
            name = model._meta.verbose_name
            page = model(
                title=f"Beispiel: {name}",
                slug=model.__name__.lower(),
                locale=de,
                **page_records(model),
            )
            parents[0].add_child(instance=page)
            _publish(page)
            _add(result, page, en, slug=f"{model.__name__.lower()}-en", title=f"Example: {name}")
            waiting.remove(model)
            placed = True
        assert placed, f"no parent page can be built for {[m.__name__ for m in waiting]}"

    # After the pages: a site's root paths are cached when the site is saved.
    result.site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name=f"records {number}"
    )
    Site.clear_site_root_paths_cache()
    return result


def _add(result: BuiltSite, page: Page, en: Locale, *, slug: str, title: str):
    translated = page.copy_for_translation(en)
    translated.slug = slug
    translated.title = title
    translated.save()
    _publish(translated)
    result.pages[type(page).__name__] = {"de": page, "en": translated.specific}


def site_fixture():
    """A pytest fixture giving a test a site of its own (``build_site``)."""

    @pytest.fixture
    def site():
        yield build_site()
        Site.clear_site_root_paths_cache()

    return site
