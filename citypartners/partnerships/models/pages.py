"""Public pages about partnerships; their data comes from the snippets, their texts are theirs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .. import selectors


class PartnerCityPage(Page):
    """The public page of one partnership: facts from the partnership, the office's text."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    body = RichTextField(_("the office's text"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("partnership"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "partnerships.BoroughPage"]
    subpage_types = []
    template = "partnerships/partner_city_page.html"

    class Meta:
        verbose_name = _("partner city page")
        verbose_name_plural = _("partner city pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partnership"] = selectors.partnership_detail(partnership_id=self.partnership_id)
        return context


class BoroughIndexPage(Page):
    """All boroughs with their partner cities."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnerships.BoroughPage"]
    max_count_per_parent = 1
    template = "partnerships/borough_index_page.html"

    class Meta:
        verbose_name = _("boroughs overview page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        boroughs = selectors.boroughs_with_partnerships()
        pages = selectors.borough_pages(locale_id=self.locale_id)
        for borough in boroughs:
            page = pages.get(borough.pk)
            borough.page_url = page.get_url(request) if page else None
        context["boroughs"] = boroughs
        return context


class BoroughPage(Page):
    """One borough and its own partner cities."""

    authority = models.ForeignKey(
        "partnerships.Authority",
        verbose_name=_("borough"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("authority"), FieldPanel("intro")]
    parent_page_types = ["partnerships.BoroughIndexPage"]
    subpage_types = ["partnerships.PartnerCityPage"]
    template = "partnerships/borough_page.html"

    class Meta:
        verbose_name = _("borough page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partnerships"] = selectors.partnership_rows(
            request=request, locale_id=self.locale_id, owner_id=self.authority_id
        )
        return context


class ProjectCooperationsPage(Page):
    """Cities the owners work with on single projects, without a formal partnership."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
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
