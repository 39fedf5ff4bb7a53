"""Public network pages: all organisations, one page each with projects and activities."""

from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from citypartners.activities.models import Activity
from citypartners.activities.selectors import activities_public
from citypartners.core.page_cache import list_tag, tag
from citypartners.core.pagination import BoundedPaginator
from citypartners.organisations.models import Organisation
from citypartners.organisations.selectors import organisations_public
from citypartners.projects.models import Project
from citypartners.projects.selectors import project_roles_public

from ..sections import section_pages
from .base import SectionPage

PER_PAGE = 30


class OrganisationIndexPage(RoutablePageMixin, SectionPage):
    """The institutions taking part in the partnerships."""

    template = "site/organisation_index_page.html"

    class Meta:
        verbose_name = _("organisations page")

    @path("")
    def organisation_list(self, request):
        tag(list_tag(Organisation))
        organisations = organisations_public()
        page_obj = BoundedPaginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "organisations": page_obj.object_list},
        )

    @path("<slug:slug>/", name="detail")
    def organisation_detail(self, request, slug):
        organisation = (
            organisations_public()
            .prefetch_related(
                "focus_areas",
                Prefetch("project_roles", queryset=project_roles_public(), to_attr="public_roles"),
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
        tag(
            list_tag(Activity, organisation=organisation.pk),
            list_tag(Project, organisation=organisation.pk),
        )
        # One project once, however many roles the organisation has in it.
        projects = list(dict.fromkeys(role.project for role in organisation.public_roles))
        sections = section_pages(
            locale_id=self.locale_id, names=["ActivityIndexPage", "ProjectIndexPage"]
        )
        return TemplateResponse(
            request,
            "site/organisation_detail.html",
            {
                **self.get_context(request),
                "activities_page": sections.get("ActivityIndexPage"),
                "projects_page": sections.get("ProjectIndexPage"),
                "organisation": organisation,
                "projects": projects,
            },
        )
