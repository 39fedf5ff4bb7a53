"""Back-office view of a partnership's network: who on both sides, and where the gaps are."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from citypartners.accounts.visibility import may_see_model
from citypartners.contacts.models import ContactPerson
from citypartners.partnerships.models import Partnership

from .selectors import partnership_network_for_editors


def network(request, pk):
    if not request.user.has_perm("partnerships.view_partnership"):
        raise PermissionDenied
    partnership = get_object_or_404(
        Partnership.objects.select_related("city", "owner").prefetch_related("focus_areas"), pk=pk
    )
    with_contacts = may_see_model(request.user, ContactPerson)
    context = partnership_network_for_editors(partnership=partnership, with_contacts=with_contacts)
    return TemplateResponse(
        request,
        "projects/admin/network.html",
        {**context, "partnership": partnership, "with_contacts": with_contacts},
    )
