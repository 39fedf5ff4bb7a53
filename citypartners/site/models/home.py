"""The overview (home) page and the plain text pages every public body needs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from citypartners.core.admin_forms import GuardedPageForm
from citypartners.core.clients import client_address, client_key
from citypartners.core.models import OfficeSettings
from citypartners.core.page_cache import instance_tag, list_tag, tag
from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership

from ..forms import FeedbackForm
from ..maps import partnerships_map, partnerships_timeline
from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..sections import page_url, section_urls, state_partnership_rows
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

    def get_context(self, request, *args, **kwargs):
        """Its live child pages as a list of contents (the easy-language page's topics)."""
        context = super().get_context(request, *args, **kwargs)
        children = list(self.get_children().live().select_related("locale").order_by("path"))
        tag(*(instance_tag(Page, child.pk) for child in children))  # their titles are shown
        context["child_pages"] = [
            {"title": child.title, "url": page_url(child, request)} for child in children
        ]
        return context


class LimitationBlock(blocks.StructBlock):
    """One known barrier: what is not accessible, why, and what to use instead."""

    what = blocks.TextBlock(label=_("what is not accessible"))
    why = blocks.TextBlock(label=_("why"), required=False)
    alternative = blocks.TextBlock(label=_("the accessible alternative"), required=False)

    class Meta:
        label = _("limitation")
        icon = "warning"


class AccessibilityPage(StemmedPageSearchMixin, ThanksRoutesMixin, RoutablePageMixin, Page):
    """The accessibility statement with a feedback form that stores each message."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    # The statement's parts, in the order of the EU model accessibility statement
    # (Commission Implementing Decision (EU) 2018/1523); the page renders them in that order.
    class Conformance(models.TextChoices):
        FULL = "full", _("fully conformant")
        PARTIAL = "partial", _("partially conformant")
        NONE = "none", _("not conformant")

    class Method(models.TextChoices):
        SELF = "self_assessment", _("self-assessment")
        EXTERNAL = "external", _("assessment by an external tester")

    body = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Optional: a few words before the statement's parts below."),
    )
    conformance = models.CharField(
        _("conformance status"), max_length=10, choices=Conformance.choices, blank=True
    )
    statement_date = models.DateField(_("date of the statement"), null=True, blank=True)
    review_date = models.DateField(_("date of the last review"), null=True, blank=True)
    method = models.CharField(
        _("method of assessment"), max_length=20, choices=Method.choices, blank=True
    )
    method_text = models.TextField(
        _("about the method"),
        blank=True,
        help_text=_("What was tested, with which tools or by whom."),
    )
    limitations = StreamField(
        [("limitation", LimitationBlock())],
        verbose_name=_("known limitations"),
        blank=True,
        use_json_field=True,
    )
    enforcement_name = models.CharField(_("enforcement body"), max_length=255, blank=True)
    enforcement_address = models.TextField(_("its postal address"), blank=True)
    enforcement_email = models.EmailField(_("its e-mail address"), blank=True)
    enforcement_url = models.URLField(_("its website"), blank=True)
    thanks_text = RichTextField(_("text after sending feedback"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("conformance"),
                FieldPanel("statement_date"),
                FieldPanel("review_date"),
                FieldPanel("method"),
                FieldPanel("method_text"),
            ],
            heading=_("Conformance and how it was assessed"),
        ),
        FieldPanel("limitations"),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_name"),
                FieldPanel("enforcement_address"),
                FieldPanel("enforcement_email"),
                FieldPanel("enforcement_url"),
            ],
            heading=_("Enforcement procedure"),
        ),
        FieldPanel("thanks_text"),
    ]
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
