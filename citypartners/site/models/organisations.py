"""Public network pages: all organisations, one page each with projects and activities."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from citypartners.activities.selectors import activities_public
from citypartners.organisations.models import Organisation
from citypartners.projects.selectors import projects_public

from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..sections import section_page

PER_PAGE = 30


class OrganisationIndexPage(StemmedPageSearchMixin, RoutablePageMixin, Page):
    """The institutions taking part in the partnerships."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "site/organisation_index_page.html"

    class Meta:
        verbose_name = _("organisations page")

    @path("")
    def organisation_list(self, request):
        organisations = Organisation.objects.select_related("city").order_by("name")
        page_obj = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "organisations": page_obj.object_list},
        )

    @path("<slug:slug>/", name="detail")
    def organisation_detail(self, request, slug):
        organisation = (
            Organisation.objects.select_related("city")
            .prefetch_related(
                "focus_areas",
                Prefetch(
                    "project_roles__project",
                    queryset=projects_public(),
                ),
                Prefetch(
                    "activities",
                    queryset=activities_public().order_by("-starts_at"),
                    to_attr="public_activities",
                ),
            )
            .filter(slug=slug)
            .first()
        )
        if organisation is None:
            raise Http404
        projects = [
            role.project
            for role in organisation.project_roles.all()
            if role.project.status in ("planned", "running", "done")
        ]
        return TemplateResponse(
            request,
            "site/organisation_detail.html",
            {
                **self.get_context(request),
                "activities_page": section_page(locale_id=self.locale_id, name="ActivityIndexPage"),
                "organisation": organisation,
                "projects": projects,
            },
        )
