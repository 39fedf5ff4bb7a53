"""Back-office views for data protection: export, erase, and the retention report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import ContactPerson
from .services import (
    contact_erase,
    contact_export_json,
    contact_exported,
    contacts_past_retention,
)


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def export(request, pk):
    _require(request, "contacts.view_contactperson")
    person = get_object_or_404(ContactPerson, pk=pk)
    contact_exported(person=person, user=request.user)
    response = HttpResponse(
        contact_export_json(person=person), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="contact-person-{pk}.json"'
    return response


def erase(request, pk):
    _require(request, "contacts.delete_contactperson")
    person = get_object_or_404(ContactPerson, pk=pk)
    if request.method == "POST":
        contact_erase(person=person, user=request.user)
        messages.success(request, _("All data about the contact person has been erased."))
        return redirect(reverse("wagtailsnippets_contacts_contactperson:list"))
    return TemplateResponse(request, "contacts/erase_confirm.html", {"person": person})


def retention_report(request):
    _require(request, "contacts.view_contactperson")
    return TemplateResponse(
        request, "contacts/retention_report.html", {"people": contacts_past_retention()}
    )
