"""The public project list and one page per project."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from citypartners.activities.models import Activity
from citypartners.activities.selectors import activities_public
from citypartners.contacts.models import ContactPerson
from citypartners.core.page_cache import list_tag, tag
from citypartners.core.pagination import BoundedPaginator
from citypartners.projects import selectors
from citypartners.projects.models import Project

from ..sections import partner_city_pages, section_page
from .base import SectionPage

PER_PAGE = 20


class ProjectIndexPage(RoutablePageMixin, SectionPage):
    """All public projects of the partnerships, and a page per project."""

    template = "site/project_index_page.html"

    class Meta:
        verbose_name = _("projects page")

    @path("")
    def project_list(self, request):
        tag(list_tag(Project))
        page_obj = BoundedPaginator(selectors.projects_public(), PER_PAGE).get_page(
            request.GET.get("page")
        )
        return self.render(
            request, context_overrides={"page_obj": page_obj, "projects": page_obj.object_list}
        )

    @path("<slug:slug>/", name="detail")
    def project_detail(self, request, slug):
        project = selectors.project_detail(slug=slug)
        if project is None:
            raise Http404
        tag(list_tag(Activity, project=project.pk), list_tag(ContactPerson, project=project.pk))
        partnerships = list(project.partnerships.all())
        pages = partner_city_pages(
            locale_id=self.locale_id, partnership_ids=[p.pk for p in partnerships]
        )
        return TemplateResponse(
            request,
            "site/project_detail.html",
            {
                **self.get_context(request),
                "activities_page": section_page(locale_id=self.locale_id, name="ActivityIndexPage"),
                "project": project,
                "activities": list(
                    activities_public().filter(project=project).order_by("-starts_at")
                ),
                "partner_links": [
                    {"city": p.city, "url": pages[p.pk].get_url(request) if p.pk in pages else None}
                    for p in partnerships
                ],
            },
        )
