"""sitemap.xml: every public page and record page in both languages, by absolute URL.

Django's sitemap framework, not Wagtail's: Wagtail's lists a site's pages and asks each
for its URLs, so the 1,000,000 activities of a generated world would sit in one
unpaginated section. Here each kind of record is a section per language, paginated by the
framework (a sitemap index names every page of every section); each page of a section
costs a fixed number of queries whatever the data size. Personal data (contact people)
is never listed.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from citypartners.activities.selectors import activities_funded_public, activities_public
from citypartners.organisations.selectors import organisations_public
from citypartners.partnerships.selectors import public_partnership_q
from citypartners.projects.selectors import projects_public

from .models import PartnerCityPage
from .sections import detail_url, section_page

# Well below the protocol's 50,000: one page of a section answers quickly.
URLS_PER_SITEMAP = 5000


class _RequestSitemap(Sitemap):
    """A section that builds its URLs with the request (Wagtail's site lookup is cached on it)."""

    limit = URLS_PER_SITEMAP

    def __init__(self, request):
        self.request = request


class PageSitemap(_RequestSitemap):
    """Every live page without a view restriction, in every language."""

    def items(self):
        # A city page answers 404 while its partnership or city is a draft.
        hidden = PartnerCityPage.objects.exclude(public_partnership_q("partnership"))
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .exclude(pk__in=hidden.values("pk"))
            .only("pk", "path", "depth", "url_path", "locale_id", "last_published_at")
            .order_by("path")
        )

    def location(self, page):
        parts = page.get_url_parts(self.request)
        return parts[2] if parts else ""

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class ViewSitemap(_RequestSitemap):
    """The public pages that are views, not Wagtail pages (open data and its API)."""

    names = ("open_data", "api_docs")

    def items(self):
        return [(name, code) for name in self.names for code, _name in settings.LANGUAGES]

    def location(self, item):
        name, code = item
        with translation.override(code):
            return reverse(name)


class RecordSitemap(_RequestSitemap):
    """The detail pages of one kind of record, in one language, on its section page's route."""

    def __init__(self, request, *, language: str, section: str, records, lastmod_field=None):
        super().__init__(request)
        self.language = language
        self.section_name = section
        self.records = records
        self.lastmod_field = lastmod_field
        self._section = None

    @property
    def section(self):
        if self._section is None:
            locale = Locale.objects.filter(language_code=self.language).first()
            self._section = locale and section_page(locale_id=locale.pk, name=self.section_name)
        return self._section

    def items(self):
        if not self.section:
            return self.records.none()
        fields = ["pk", "slug"] + ([self.lastmod_field] if self.lastmod_field else [])
        return self.records.select_related(None).prefetch_related(None).only(*fields).order_by("pk")

    def location(self, record):
        with translation.override(self.language):
            return detail_url(self.section, record, request=self.request)

    def lastmod(self, record):
        return getattr(record, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        if not self.lastmod_field:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]


class GrantReportSitemap(RecordSitemap):
    """The grant report pages of funded activities, in one language."""

    def location(self, record):
        if not hasattr(self.section, "grant_report_url"):
            self._section = self.section.specific  # once per sitemap page
        with translation.override(self.language):
            return self.section.grant_report_url(record, request=self.request)


def sitemaps(request) -> dict:
    """The sections of the sitemap, by the name their URL carries."""
    found = {"pages": PageSitemap(request), "views": ViewSitemap(request)}
    records = [
        ("activities", "ActivityIndexPage", activities_public(), "last_published_at"),
        ("projects", "ProjectIndexPage", projects_public(), "updated_at"),
        ("organisations", "OrganisationIndexPage", organisations_public(), "updated_at"),
    ]
    for code, _name in settings.LANGUAGES:
        for name, section, queryset, lastmod_field in records:
            found[f"{name}-{code}"] = RecordSitemap(
                request,
                language=code,
                section=section,
                records=queryset,
                lastmod_field=lastmod_field,
            )
        found[f"grant-reports-{code}"] = GrantReportSitemap(
            request,
            language=code,
            section="ActivityIndexPage",
            records=activities_funded_public(),
            lastmod_field="last_published_at",
        )
    return found
