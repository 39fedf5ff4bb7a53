"""The "Get involved" page: how to take part, the contact-person finder, the proposal form."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from citypartners.contacts.selectors import contacts_public
from citypartners.core.admin_forms import GuardedPageForm
from citypartners.core.clients import client_address, client_key
from citypartners.core.i18n import current_language
from citypartners.core.models import OfficeSettings
from citypartners.projects.forms import FinderForm, ProposalForm
from citypartners.projects.services import proposal_submit

from ..search_index import STEMMED_PAGE_FIELD, StemmedPageSearchMixin
from .routes import ThanksRoutesMixin


class GetInvolvedPage(StemmedPageSearchMixin, ThanksRoutesMixin, RoutablePageMixin, Page):
    """How people and organisations take part, whom to ask, and a form to propose."""

    base_form_class = GuardedPageForm  # no silent overwrites (core.admin_forms)

    body = RichTextField(_("text"), blank=True)
    thanks_text = RichTextField(_("text after sending a proposal"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("thanks_text")]
    search_fields = Page.search_fields + [STEMMED_PAGE_FIELD]
    stemmed_fields = ("body",)
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "site/get_involved_page.html"
    thanks_template = "site/proposal_thanks.html"

    class Meta:
        verbose_name = _("get involved page")

    @path("")
    def get_involved(self, request):
        finder = FinderForm(request.GET or None, auto_id="finder-%s")
        people, searched = [], False
        if finder.is_bound and finder.is_valid():
            searched = True
            people = list(
                contacts_public(
                    city=finder.cleaned_data.get("city"),
                    focus_area=finder.cleaned_data.get("focus"),
                )
            )
        if request.method == "POST":
            form = ProposalForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    proposal_submit(
                        name=data["name"],
                        email=data["email"],
                        text=data["text"],
                        consent=data["consent"],
                        organisation_name=data["organisation_name"],
                        city=data["city"],
                        focus_area=data["focus_area"],
                        key=client_key(client_address(request)),
                        language=current_language(),
                        office_email=OfficeSettings.for_request(request).email,
                    )
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    return redirect(self.thanks_url(request=request))
        else:
            initial = {}
            if request.GET.get("propose_for"):
                initial["city"] = request.GET["propose_for"]
            form = ProposalForm(initial=initial)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "finder": finder,
                "people": people,
                "searched": searched,
            },
        )
