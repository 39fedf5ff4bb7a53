"""Public pages about partnerships; their data comes from the snippets, their texts are theirs."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from citypartners.search.mixins import STEMMED_PAGE_FIELD, StemmedPageSearchMixin

from .. import selectors


class PartnerCityPage(StemmedPageSearchMixin, Page):
    """The public page of one partnership: facts from the partnership, the office's text."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    body = RichTextField(_("the office's text"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("partnership"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body"), STEMMED_PAGE_FIELD]
    stemmed_fields = ("body",)
    parent_page_types = ["home.HomePage", "partnerships.BoroughPage"]
    subpage_types = []
    template = "partnerships/partner_city_page.html"

    class Meta:
        verbose_name = _("partner city page")
        verbose_name_plural = _("partner city pages")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from citypartners.activities import selectors as activity_selectors
        from citypartners.activities.models import ActivityIndexPage

        context = super().get_context(request, *args, **kwargs)
        partnership = selectors.partnership_detail(partnership_id=self.partnership_id)
        context["partnership"] = partnership
        activities = activity_selectors.activities_of_city(city_id=partnership.city_id)
        context["current_activities"] = list(
            activity_selectors.activities_current(activities)[: self.CURRENT_LIMIT]
        )
        past = Paginator(activity_selectors.activities_past(activities), self.PAST_PER_PAGE)
        context["past_page"] = past.get_page(request.GET.get("past"))
        from citypartners.core.pages import section_urls
        from citypartners.projects.models import GetInvolvedPage, ProjectIndexPage
        from citypartners.projects.selectors import partnership_network

        context.update(partnership_network(partnership=partnership))
        sections = section_urls(
            request=request,
            locale_id=self.locale_id,
            models=[ActivityIndexPage, GetInvolvedPage, ProjectIndexPage],
        )
        context["projects_url"] = sections.get(ProjectIndexPage)
        context["get_involved_url"] = sections.get(GetInvolvedPage)
        index_url = sections.get(ActivityIndexPage)
        if index_url is not None:
            context["activities_url"] = index_url
            context["archive_url"] = f"{index_url}?city={partnership.city.slug}&period=past"
            context["city_feed_url"] = reverse("activities:ical_city", args=[partnership.city.slug])
        return context

    CURRENT_LIMIT = 10
    PAST_PER_PAGE = 10


class BoroughIndexPage(StemmedPageSearchMixin, Page):
    """All boroughs with their partner cities."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnerships.BoroughPage"]
    max_count_per_parent = 1
    template = "partnerships/borough_index_page.html"

    class Meta:
        verbose_name = _("boroughs overview page")

    def get_context(self, request, *args, **kwargs):
        from citypartners.geo.views import partnerships_map

        context = super().get_context(request, *args, **kwargs)
        boroughs = selectors.boroughs_with_partnerships()
        pages = selectors.borough_pages(locale_id=self.locale_id)
        for borough in boroughs:
            page = pages.get(borough.pk)
            borough.page_url = page.get_url(request) if page else None
        context["boroughs"] = boroughs
        context["city_map"] = partnerships_map(
            [p for borough in boroughs for p in borough.partnership_list],
            link=lambda row: f"#{row.owner.slug}-{row.city.slug}",
        )
        return context


class BoroughPage(StemmedPageSearchMixin, Page):
    """One borough and its own partner cities."""

    authority = models.ForeignKey(
        "partnerships.Authority",
        verbose_name=_("borough"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("authority"), FieldPanel("intro")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["partnerships.BoroughIndexPage"]
    subpage_types = ["partnerships.PartnerCityPage"]
    template = "partnerships/borough_page.html"

    class Meta:
        verbose_name = _("borough page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from citypartners.geo.views import partnerships_map

        rows = selectors.partnership_rows(
            request=request, locale_id=self.locale_id, owner_id=self.authority_id
        )
        context["partnerships"] = rows
        context["city_map"] = partnerships_map(
            rows, link=lambda row: f"#borough-partners-{row.city.slug}"
        )
        return context


class ProjectCooperationsPage(StemmedPageSearchMixin, Page):
    """Cities the owners work with on single projects, without a formal partnership."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "partnerships/project_cooperations_page.html"

    class Meta:
        verbose_name = _("project cooperations page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partnerships"] = selectors.partnership_rows(
            request=request, locale_id=self.locale_id, kinds=[selectors.PROJECT_KIND]
        )
        return context
