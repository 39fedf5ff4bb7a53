"""Back-office screens for projects and the inbox of proposals from the public."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from citypartners.accounts.admin_forms import OwnedRecordForm
from citypartners.accounts.viewsets import OwnedViewSetMixin
from citypartners.core.admin_lists import Export, ListViewSetMixin, choice_label, names, text
from citypartners.partnerships.models import Partnership

from . import services
from .admin_views import network
from .forms_admin import ProposalAdminForm
from .models import Project, Proposal


class ProposalEditView(EditView):
    """Saves the editor's changes, then carries out the decision through the services.

    The form checks each decision first; a rule only a service can see (say, another
    editor's request in between) comes back as a message on the form, not as a 500. A
    proposal turned into a project takes the editor on to that project, to write it.
    """

    new_project = None

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:  # the transaction is rolled back: nothing was saved
            form.add_error(None, error.messages)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            self.new_project = None
            return self.form_invalid(form)

    @transaction.atomic
    def save_instance(self):
        proposal = super().save_instance()
        decision = self.form.cleaned_data.get("decision")
        user = self.request.user
        if decision == "new_project":
            self.new_project = services.proposal_to_project(proposal=proposal, user=user).project
        elif decision == "accept":
            services.proposal_accept(
                proposal=proposal, user=user, project=proposal.project, activity=proposal.activity
            )
        elif decision == "decline":
            services.proposal_decline(proposal=proposal, user=user, reason=proposal.decline_reason)
        return proposal

    def _goes_to_new_project(self) -> bool:
        return self.new_project is not None and self.request.user.has_perm(
            "projects.change_project"
        )

    def get_success_url(self):
        if self._goes_to_new_project():
            return reverse("wagtailsnippets_projects_project:edit", args=[self.new_project.pk])
        return super().get_success_url()

    def get_success_message(self, *args, **kwargs):
        if self.new_project is not None:
            return _(
                "The proposal is now the project '%(title)s'. Give it its title and "
                "description in both languages before you publish it."
            ) % {"title": self.new_project.title}
        return super().get_success_message(*args, **kwargs)

    def get_success_buttons(self):
        if self._goes_to_new_project():
            return [messages.button(self.get_edit_url(), _("Back to the proposal"))]
        return super().get_success_buttons()


class ProjectViewSet(OwnedViewSetMixin, SnippetViewSet):
    model = Project
    icon = "clipboard-list"
    menu_label = _("Projects")
    menu_order = 165
    add_to_admin_menu = True
    list_display = ["title", "status", "start_date"]  # first string: title column with edit link
    column_labels = {"title": _("title")}
    list_filter = ["owner", "status", "partnerships", "focus_areas"]
    exports = (
        Export("title", _("title"), lambda p: p.title),
        Export("owner", _("owner"), lambda p: text(p.owner)),
        Export("status", _("status"), lambda p: choice_label(Project.Status, p.status)),
        Export("start_date", _("start"), lambda p: p.start_date),
        Export("end_date", _("end"), lambda p: p.end_date),
        Export("partnerships", _("partnerships"), lambda p: names(p.partnerships)),
        Export("focus_areas", _("focus areas"), lambda p: names(p.focus_areas)),
    )
    export_prefetch = ("owner", "focus_areas", "partnerships__city", "partnerships__owner")
    search_fields = ["title_de", "title_en"]
    search_backend_name = None
    edit_handler = ObjectList(Project.panels, base_form_class=OwnedRecordForm)


class ProposalViewSet(ListViewSetMixin, SnippetViewSet):
    model = Proposal
    icon = "mail"
    menu_label = _("Proposals")
    menu_order = 166
    add_to_admin_menu = True
    list_display = [
        "name",
        "city",
        "focus_area",
        "status",
        DateColumn("created_at", label=_("received")),
    ]
    list_filter = ["status", "city", "focus_area"]
    search_fields = ["name", "organisation_name", "email", "text"]
    search_backend_name = None
    edit_view_class = ProposalEditView
    edit_handler = ObjectList(
        [*Proposal.panels, FieldPanel("decision")], base_form_class=ProposalAdminForm
    )


register_snippet(ProjectViewSet)
register_snippet(ProposalViewSet)


@hooks.register("register_admin_urls")
def register_network_url():
    return [path("partnerships/<int:pk>/network/", network, name="partnership_network")]


@hooks.register("register_snippet_listing_buttons")
def network_button(snippet, user, next_url=None):
    """The network view of a partnership (its organisations, people, projects and gaps)."""
    if isinstance(snippet, Partnership) and user.has_perm("partnerships.view_partnership"):
        yield ListingButton(
            _("Network"), reverse("partnership_network", args=[snippet.pk]), priority=80
        )
