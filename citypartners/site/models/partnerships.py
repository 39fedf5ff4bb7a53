"""Public pages about partnerships; their data comes from the snippets, their texts are theirs."""

from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from citypartners.activities import selectors as activity_selectors
from citypartners.activities.models import Activity
from citypartners.contacts.models import ContactPerson
from citypartners.core.admin_forms import GuardedPageForm
from citypartners.core.page_cache import list_tag, tag
from citypartners.core.pagination import BoundedPaginator
from citypartners.geo.maps import MAX_MARKERS
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships import selectors
from citypartners.partnerships.models import Partnership
from citypartners.projects.models import Project
from citypartners.projects.selectors import partnership_network

from ..maps import partnership_points_map, partnerships_map
from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..sections import borough_pages, partnership_rows, section_pages
from .base import SectionPage


class PartnerCityPage(StemmedPageSearchMixin, Page):
    """The public page of one partnership: facts from the partnership, the office's text."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

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
    parent_page_types = ["site.HomePage", "site.BoroughPage"]
    subpage_types = []
    template = "site/partner_city_page.html"

    class Meta:
        verbose_name = _("partner city page")
        verbose_name_plural = _("partner city pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            partnership = selectors.partnership_detail(partnership_id=self.partnership_id)
        except Partnership.DoesNotExist:
            raise Http404 from None  # a partnership not yet published, or of a draft city
        tag(
            list_tag(Activity, city=partnership.city_id),
            list_tag(Project, partnership=partnership.pk),
            list_tag(Organisation, partnership=partnership.pk),
            list_tag(ContactPerson, partnership=partnership.pk),
        )
        context["partnership"] = partnership
        activities = activity_selectors.activities_of_city(city_id=partnership.city_id)
        context["current_activities"] = list(
            activity_selectors.activities_current(activities)[: self.CURRENT_LIMIT]
        )
        past = BoundedPaginator(activity_selectors.activities_past(activities), self.PAST_PER_PAGE)
        context["past_page"] = past.get_page(request.GET.get("past"))
        context.update(partnership_network(partnership=partnership))
        sections = section_pages(
            locale_id=self.locale_id,
            names=["ActivityIndexPage", "GetInvolvedPage", "ProjectIndexPage"],
        )
        context["projects_page"] = sections.get("ProjectIndexPage")
        get_involved = sections.get("GetInvolvedPage")
        context["get_involved_url"] = get_involved.get_url(request) if get_involved else None
        activities_page = sections.get("ActivityIndexPage")
        if activities_page is not None:
            context["activities_page"] = activities_page
            context["archive_query"] = urlencode({"city": partnership.city.slug, "period": "past"})
            context["city_feed_url"] = reverse("feeds:ical_city", args=[partnership.city.slug])
        return context

    CURRENT_LIMIT = 10
    PAST_PER_PAGE = 10


class BoroughIndexPage(SectionPage):
    """All boroughs with their partner cities."""

    subpage_types = ["site.BoroughPage"]
    template = "site/borough_index_page.html"

    class Meta:
        verbose_name = _("boroughs overview page")

    # Boroughs listed on one page (Berlin's twelve fit; a country's hundreds are paged). The
    # map shows every borough's partner cities.
    PER_PAGE = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = BoundedPaginator(selectors.boroughs_prefetched(), self.PER_PAGE).get_page(
            request.GET.get("page")
        )
        boroughs = list(page_obj)
        tag(list_tag(Owner), list_tag(Partnership, owner_kind=Owner.Kind.BOROUGH))
        pages = borough_pages(locale_id=self.locale_id)
        urls = {pk: page.get_url(request) for pk, page in pages.items()}
        for borough in boroughs:
            borough.page_url = urls.get(borough.pk)
        listed = {borough.pk for borough in boroughs}

        def link(row):
            # A city in this page's list is an anchor here; another page's, its borough page.
            if row.owner_id in listed or urls.get(row.owner_id) is None:
                return f"#{row.owner.slug}-{row.city.slug}"
            return f"{urls[row.owner_id]}#borough-partners-{row.city.slug}"

        context["boroughs"] = boroughs
        context["page_obj"] = page_obj
        # The map reads at most as many partnerships as it draws points: nearby ones of a
        # country-wide installation come as one point per grid cell (issue 17).
        context["city_map"] = partnership_points_map(
            selectors.borough_map_points(most=MAX_MARKERS), link=link
        )
        return context


class BoroughPage(StemmedPageSearchMixin, Page):
    """One borough and its own partner cities."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    borough = models.ForeignKey(
        "owners.Owner",
        verbose_name=_("borough"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("borough"), FieldPanel("intro")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["site.BoroughIndexPage"]
    subpage_types = ["site.PartnerCityPage"]
    template = "site/borough_page.html"

    class Meta:
        verbose_name = _("borough page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = partnership_rows(request=request, locale_id=self.locale_id, owner_id=self.borough_id)
        tag(list_tag(Partnership, owner=self.borough_id))
        context["partnerships"] = rows
        context["city_map"] = partnerships_map(
            rows, link=lambda row: f"#borough-partners-{row.city.slug}"
        )
        return context


class ProjectCooperationsPage(SectionPage):
    """Cities the owners work with on single projects, without a formal partnership."""

    template = "site/project_cooperations_page.html"

    class Meta:
        verbose_name = _("project cooperations page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partnerships"] = partnership_rows(
            request=request, locale_id=self.locale_id, kinds=[selectors.PROJECT_KIND]
        )
        tag(list_tag(Partnership, kind=selectors.PROJECT_KIND))
        return context
