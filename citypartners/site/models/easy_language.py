"""The pages in easy language (Leichte Sprache, Easy Read): short texts below the easy-language
page, each able to show a part generated from the data so that it never goes stale."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from citypartners.core.admin_forms import GuardedPageForm
from citypartners.core.home_city import home_city
from citypartners.core.page_cache import list_tag, tag
from citypartners.owners.models import Owner
from citypartners.partnerships.models import Partnership

from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from ..sections import section_urls, state_partnership_rows


class EasyLanguagePage(StemmedPageSearchMixin, Page):
    """One topic in easy language: its text and, where chosen, a part made from the data."""

    class Shows(models.TextChoices):
        TEXT = "", _("only the text")
        PARTNER_CITIES = "partner_cities", _("the list of partner cities, from the data")
        TAKE_PART = "take_part", _("a link to the page where people take part")
        CONTACT = "contact", _("the office's contact details, from the office settings")

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    body = RichTextField(
        _("text"),
        blank=True,
        help_text=_(
            "Easy language: short sentences, one statement a sentence, common words, numbers "
            "as digits, hard words explained, long words split with a hyphen."
        ),
    )
    shows = models.CharField(
        _("below the text"),
        max_length=20,
        choices=Shows.choices,
        blank=True,
        default=Shows.TEXT,
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("shows")]
    search_fields = Page.search_fields + [index.SearchField("body"), STEMMED_PAGE_FIELD]
    stemmed_fields = ("body",)
    parent_page_types = ["site.StandardPage"]
    subpage_types = []
    template = "site/easy_language_page.html"

    class Meta:
        verbose_name = _("page in easy language")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.shows == self.Shows.PARTNER_CITIES:
            rows = state_partnership_rows(request=request, locale_id=self.locale_id)
            tag(list_tag(Partnership, owner_kind=Owner.Kind.STATE))
            context["partnerships"] = rows  # in the order they began
            context["home_city"] = home_city()
        elif self.shows == self.Shows.TAKE_PART:
            urls = section_urls(
                request=request, locale_id=self.locale_id, names=["GetInvolvedPage"]
            )
            context["get_involved_url"] = urls.get("GetInvolvedPage")
        return context
