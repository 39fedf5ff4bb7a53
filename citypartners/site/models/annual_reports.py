"""The public annual reports (issue 15, item 3): a section listing the published years, and
one page per year that an editor writes an introduction for and publishes.

A year's page shows what the public site shows of that year (``reports.annual``): the
summary, each partner city's figures with a link to its activities of the year, the table of
activities per partner city and focus area (a chart with the same numbers as a table), and
money only from lines marked public. It lists no single activity: its size and its queries
stay the same whatever the year holds.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from citypartners.activities.models import Activity
from citypartners.core.admin_forms import GuardedPageForm
from citypartners.core.page_cache import instance_tag, list_tag, tag
from citypartners.funding.models import BudgetLine
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.projects.models import Project
from citypartners.reports import text
from citypartners.reports.chart import matrix_svg

from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..sections import section_page
from .base import SectionPage

FIRST_YEAR, LAST_YEAR = 1900, 2200


class AnnualReportIndexPage(SectionPage):
    """The annual reports: the office's introduction and the published years, newest first."""

    subpage_types = ["site.AnnualReportPage"]
    template = "site/annual_report_index_page.html"

    class Meta:
        verbose_name = _("annual reports page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reports = list(AnnualReportPage.objects.live().child_of(self).order_by("-year", "path"))
        tag(*(instance_tag(Page, report.pk) for report in reports))  # their titles are shown
        context["reports"] = reports
        return context


class AnnualReportPageForm(GuardedPageForm):
    """The year is the page's address: one page per year below the annual reports page."""

    def clean_slug(self):
        year = self.cleaned_data.get("year")
        return str(year) if year else self.cleaned_data.get("slug")

    def clean_year(self):
        year = self.cleaned_data.get("year")
        parent = self.parent_page
        if year and parent is not None:
            siblings = AnnualReportPage.objects.child_of(parent).filter(year=year)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                raise forms.ValidationError(
                    _("There is already an annual report for %(year)s here."),
                    params={"year": year},
                )
        return year

    def clean(self):
        data = super().clean()
        if "year" in self.errors:
            self.errors.pop("slug", None)  # the same fault, said once by the year
        return data


class AnnualReportPage(StemmedPageSearchMixin, Page):
    """One year's report for the public, computed from that year's published records."""

    base_form_class = AnnualReportPageForm

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_(
            "The calendar year the report is about. It is also the page's address, e.g. "
            "…/2026/. The figures are computed from the published records of that year."
        ),
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["site.AnnualReportIndexPage"]
    subpage_types = []
    template = "site/annual_report_page.html"

    class Meta:
        verbose_name = _("annual report page")

    def full_clean(self, *args, **kwargs):
        # The year is the address, in every language (a translation keeps the year).
        if self.year:
            self.slug = str(self.year)
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The figures count every published activity, project, partnership and public
        # budget line of the year: any of them may change them.
        tag(
            list_tag(Activity),
            list_tag(Project),
            list_tag(Partnership),
            list_tag(City),
            list_tag(FocusArea),
            list_tag(BudgetLine),
        )
        this_year = timezone.localdate().year
        context["in_future"] = self.year > this_year
        context["running"] = self.year == this_year
        if context["in_future"]:
            return context
        # Imported here: the reports' question form builds querysets over related models
        # when it is imported, which needs every model loaded (not yet while models load).
        from citypartners.reports.annual import public_annual_report  # noqa: PLC0415

        figures = public_annual_report(self.year)
        activities_page = section_page(locale_id=self.locale_id, name="ActivityIndexPage")
        base = activities_page.get_url(request) if activities_page is not None else None
        period = {
            "date_from": f"{self.year:04d}-01-01",
            "date_to": f"{self.year:04d}-12-31",
            "period": "all",
        }
        for row in figures.cities:
            row.activities_url = (
                f"{base}?{urlencode({'city': row.city.slug, **period})}"
                if base and row.activities
                else None
            )
        context["figures"] = figures
        context["summary"] = [
            (label, figures.report.summary[key]) for key, label in text.summary_labels().items()
        ]
        context["activities_url"] = f"{base}?{urlencode(period)}" if base else None
        context["chart"] = matrix_svg(figures.report.matrix, title_id="annual-matrix-caption")
        return context
