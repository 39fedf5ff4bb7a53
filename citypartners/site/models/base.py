"""What the section pages of the overview have in common."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from citypartners.core.admin_forms import GuardedPageForm

from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin


class SectionPage(StemmedPageSearchMixin, Page):
    """One section below the overview (activities, projects, boroughs, ...): an introduction
    by the office, then what the section lists; at most one per language."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("intro",)
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True
