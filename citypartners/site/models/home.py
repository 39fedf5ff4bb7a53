"""The overview (home) page and the plain text pages every public body needs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from citypartners.core.admin_forms import GuardedPageForm
from citypartners.core.clients import client_address, client_key
from citypartners.core.models import OfficeSettings
from citypartners.core.page_cache import list_tag, tag
from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership

from ..forms import FeedbackForm
from ..maps import partnerships_map, partnerships_timeline
from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..sections import section_urls, state_partnership_rows
from ..services import feedback_submit
from .routes import ThanksRoutesMixin


class HomePage(StemmedPageSearchMixin, Page):
    """The overview: the office's intro, the partner cities and when each partnership began."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["wagtailcore.Page"]
    template = "site/home_page.html"

    class Meta:
        verbose_name = _("overview page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = state_partnership_rows(request=request, locale_id=self.locale_id)
        tag(list_tag(Partnership, owner_kind=Owner.Kind.STATE))
        context["partnerships"] = rows
        context["partnerships_by_name"] = sorted(rows, key=lambda p: p.city.name.casefold())
        context["city_map"] = partnerships_map(
            rows, link=lambda row: row.page_url or f"#partner-cities-{row.city.slug}"
        )
        context["timeline"] = partnerships_timeline(rows)
        sections = section_urls(
            request=request,
            locale_id=self.locale_id,
            names=[
                "ActivityIndexPage",
                "GetInvolvedPage",
                "BoroughIndexPage",
                "ProjectCooperationsPage",
                "AnnualReportIndexPage",
            ],
        )
        context["activities_url"] = sections.get("ActivityIndexPage")
        context["get_involved_url"] = sections.get("GetInvolvedPage")
        context["boroughs_url"] = sections.get("BoroughIndexPage")
        context["project_cooperations_url"] = sections.get("ProjectCooperationsPage")
        context["annual_reports_url"] = sections.get("AnnualReportIndexPage")
        return context


class StandardPage(StemmedPageSearchMixin, Page):
    """A page of text: imprint, privacy notice, easy language, sign language (with a video)."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    body = RichTextField(_("text"), blank=True)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A self-hosted MP4 or WebM file, for example the text in sign language."),
    )
    video_captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("video"),
        FieldPanel("video_captions"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), STEMMED_PAGE_FIELD]
    stemmed_fields = ("body",)
    parent_page_types = ["site.HomePage", "site.StandardPage"]
    template = "site/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class AccessibilityPage(StemmedPageSearchMixin, ThanksRoutesMixin, RoutablePageMixin, Page):
    """The accessibility statement with a feedback form that stores each message."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    body = RichTextField(_("statement"), blank=True)
    thanks_text = RichTextField(_("text after sending feedback"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("thanks_text")]
    search_fields = Page.search_fields + [index.SearchField("body"), STEMMED_PAGE_FIELD]
    stemmed_fields = ("body",)
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "site/accessibility_page.html"
    thanks_template = "site/accessibility_thanks.html"

    class Meta:
        verbose_name = _("accessibility statement page")

    @path("")
    def statement(self, request):
        if request.method == "POST":
            form = FeedbackForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    feedback_submit(
                        page=self,
                        message=data["message"],
                        name=data["name"],
                        email=data["email"],
                        trap=data["website"],
                        key=client_key(client_address(request)),
                        office_email=OfficeSettings.for_request(request).email,
                    )
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    return redirect(self.thanks_url(request=request))
        else:
            form = FeedbackForm()
        return self.render(request, context_overrides={"form": form})
