"""A new partner city in one screen (issue 14, item 4): the city found in GeoNames, its
partnership with founding document (and the signed file), focus areas and status, and the
city's page in German and English as linked drafts. On success the editor lands on the
German page's edit form, ready for the office's text.

State editors submit everything to the office's review; whoever may publish (moderators, a
borough's editors for their own borough) may publish at once or keep drafts.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from citypartners.accounts.permissions import ALL_OWNERS, account_owner_id, owner_scope
from citypartners.core.uploads import document_problem
from citypartners.owners.models import Owner
from citypartners.partnerships import geonames
from citypartners.partnerships.models import (
    FocusArea,
    FoundingDocument,
    Partnership,
    PartnershipStatus,
)
from citypartners.partnerships.services import DocumentData

from .partner_city_services import (
    DRAFT,
    ENGLISH,
    GERMAN,
    PUBLISH,
    SUBMIT,
    partner_city_create,
    partner_city_parent,
)

URL_NAME = "citypartners_new_partner_city"
PERMISSIONS = ("partnerships.add_partnership", "partnerships.add_city")
PUBLISH_PERMISSIONS = ("partnerships.publish_partnership", "partnerships.publish_city")


def may_add_partner_city(user) -> bool:
    """Whether the account may start a new partner city at all (pages are checked per owner)."""
    return owner_scope(user) is not None and all(user.has_perm(p) for p in PERMISSIONS)


def owners_for(user):
    """The owners whose partner cities the account may add: all for the state, else its own."""
    scope = owner_scope(user)
    owners = Owner.objects.all()
    if scope == ALL_OWNERS:
        return owners
    return owners.filter(pk=scope) if scope is not None else owners.none()


def _may_on_pages(user, owner, check) -> bool:
    parents = [partner_city_parent(owner, language) for language in (GERMAN, ENGLISH)]
    return all(p is not None and check(p.permissions_for_user(user)) for p in parents)


def may_publish(user, owner) -> bool:
    """Whether the account may publish the new records of this owner directly."""
    return all(user.has_perm(p) for p in PUBLISH_PERMISSIONS) and _may_on_pages(
        user, owner, lambda perms: perms.can_publish_subpage()
    )


class NewPartnerCityForm(forms.Form):
    geonames_id = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose the city from the GeoNames matches.")},
    )
    name_de = forms.CharField(label=capfirst(_("name (German)")), max_length=200)
    name_en = forms.CharField(label=capfirst(_("name (English)")), max_length=200)
    owner = forms.ModelChoiceField(
        label=capfirst(_("owner")), queryset=Owner.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=capfirst(_("kind")),
        choices=Partnership.Kind.choices,
        initial=Partnership.Kind.PARTNERSHIP,
    )
    status = forms.ChoiceField(
        label=capfirst(_("status")),
        choices=PartnershipStatus.Status.choices,
        initial=PartnershipStatus.Status.ACTIVE,
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=capfirst(_("focus areas")),
        queryset=FocusArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document_kind = forms.ChoiceField(
        label=capfirst(_("founding document")),
        choices=FoundingDocument.Kind.choices,
        initial=FoundingDocument.Kind.AGREEMENT,
    )
    document_date = forms.DateField(
        label=capfirst(_("date of the founding document")),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Shown to the public as “partner since”."),
    )
    document_title = forms.CharField(
        label=capfirst(_("title of the document")), max_length=255, required=False
    )
    document_file = forms.FileField(
        label=capfirst(_("file")),
        required=False,
        help_text=_("The signed document, for example as PDF."),
    )
    start_date = forms.DateField(
        label=capfirst(_("status valid from")),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the date of the founding document."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].queryset = owners_for(user)
        own = account_owner_id(user)
        if own is not None:
            self.fields["owner"].initial = own
        self.place = None

    def clean_geonames_id(self):
        value = self.cleaned_data["geonames_id"]
        self.place = geonames.by_id(value)
        if self.place is None:
            raise ValidationError(_("Choose the city from the GeoNames matches."))
        return value

    def clean_document_file(self):
        upload = self.cleaned_data.get("document_file")
        if upload is not None:
            problem = document_problem(upload)
            if problem:
                raise ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        if owner is not None and not _may_on_pages(
            self.user, owner, lambda perms: perms.can_add_subpage()
        ):
            self.add_error("owner", _("You may not add pages for this owner."))
        start, began = data.get("start_date"), data.get("document_date")
        if start and began and start < began:
            self.add_error(
                "start_date",
                _("The status cannot begin before the founding document (%(date)s).")
                % {"date": began},
            )
        return data


def _action(request, may_publish_now) -> str | None:
    for action in (PUBLISH, SUBMIT, DRAFT):
        if f"action-{action}" in request.POST:
            if action == PUBLISH and not may_publish_now:
                return None
            return action
    return None


def new_partner_city_view(request):
    if not may_add_partner_city(request.user):
        raise PermissionDenied
    form = NewPartnerCityForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = data["owner"]
        action = _action(request, may_publish(request.user, owner))
        if action is None:
            form.add_error(
                None, _("You may not publish these records directly; submit them for review.")
            )
        else:
            try:
                created = partner_city_create(
                    user=request.user,
                    owner=owner,
                    geonames_id=data["geonames_id"],
                    name_de=data["name_de"].strip(),
                    name_en=data["name_en"].strip(),
                    kind=data["kind"],
                    status=data["status"],
                    start_date=data["start_date"] or data["document_date"],
                    focus_areas=data["focus_areas"],
                    document=DocumentData(
                        kind=data["document_kind"], date=data["document_date"], is_shown=True
                    ),
                    upload=data["document_file"],
                    upload_title=data["document_title"],
                    action=action,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _done_message(created, action))
                return redirect("wagtailadmin_pages:edit", created.page_de.pk)
    return TemplateResponse(
        request,
        "site/admin/new_partner_city.html",
        {
            "form": form,
            "lookup_url": reverse("geonames_lookup"),
            "may_publish": _initial_owner(form) is not None
            and may_publish(request.user, _initial_owner(form)),
        },
    )


def _initial_owner(form):
    owners = form.fields["owner"].queryset
    initial = form.fields["owner"].initial
    return (owners.filter(pk=initial).first() if initial else None) or owners.first()


def _done_message(created, action) -> str:
    values = {"city": created.page_de.title}
    if action == SUBMIT:
        return (
            gettext(
                "%(city)s: the city, the partnership and the pages in German and English are "
                "submitted for review. Write the page's text here."
            )
            % values
        )
    if action == PUBLISH:
        return (
            gettext(
                "%(city)s: the city, the partnership and the pages in German and English are "
                "published."
            )
            % values
        )
    return (
        gettext(
            "%(city)s: the city, the partnership and the pages in German and English are saved as "
            "drafts. Write the page's text here."
        )
        % values
    )


class NewPartnerCityMenuItem(MenuItem):
    def is_shown(self, request):
        return may_add_partner_city(request.user)


class NewPartnerCityPanel(Component):
    """The dashboard's way into the flow, before the office's panels."""

    order = 50
    template_name = "site/admin/new_partner_city_panel.html"

    def get_context_data(self, parent_context=None):
        return {"url": reverse(URL_NAME)}


@hooks.register("register_admin_urls")
def new_partner_city_urls():
    return [path("partner-city/new/", new_partner_city_view, name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def new_partner_city_menu_item():
    return NewPartnerCityMenuItem(
        _("New partner city"),
        reverse(URL_NAME),
        icon_name="plus",
        name="new-partner-city",
        order=149,
    )


@hooks.register("construct_homepage_panels")
def new_partner_city_panel(request, panels):
    if may_add_partner_city(request.user):
        panels.insert(0, NewPartnerCityPanel())
