"""The back office's import screen: CSV tables and Wikidata twin-town lists."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from citypartners.accounts.permissions import ALL_OWNERS, owner_scope
from citypartners.owners.models import Owner

from .imports import WIKIDATA_QUERY, import_csv, import_wikidata

MAX_UPLOAD = 20 * 1024 * 1024
IMPORT_PERMISSIONS = (
    "partnerships.add_city",
    "partnerships.add_partnership",
    "partnerships.change_partnership",
    "activities.add_activity",
)


class ImportForm(forms.Form):
    KINDS = [
        ("cities", _("Cities (CSV)")),
        ("partnerships", _("Partnerships (CSV)")),
        ("activities", _("Activities (CSV)")),
        ("wikidata", _("Twin towns from Wikidata (JSON of a query result)")),
    ]
    kind = forms.ChoiceField(label=_("What to import"), choices=KINDS)
    file = forms.FileField(label=_("File"))
    owner = forms.ModelChoiceField(
        label=_("Owner (for Wikidata)"),
        queryset=Owner.objects.all(),
        to_field_name="slug",
        required=False,
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, import nothing yet"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == "wikidata" and not data.get("owner"):
            self.add_error("owner", _("Choose whose twin towns these are."))
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            self.add_error("file", _("The file is larger than 20 MB."))
        return data


def may_import(user):
    return owner_scope(user) == ALL_OWNERS and all(user.has_perm(p) for p in IMPORT_PERMISSIONS)


def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        dry_run = form.cleaned_data["dry_run"]
        if form.cleaned_data["kind"] == "wikidata":
            report = import_wikidata(
                data, owner_slug=form.cleaned_data["owner"].slug, dry_run=dry_run
            )
        else:
            report = import_csv(form.cleaned_data["kind"], data, dry_run=dry_run)
    return TemplateResponse(
        request,
        "opendata/admin/import.html",
        {"form": form, "report": report, "query": WIKIDATA_QUERY},
    )
