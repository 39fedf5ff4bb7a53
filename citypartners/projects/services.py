"""Writes of projects and proposals: validated, atomic, and never losing a proposal."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citypartners.owners.selectors import state_owner
from citypartners.partnerships.models import Partnership

from .models import Project, Proposal


def proposal_rate_limited(*, key: str) -> bool:
    limit, seconds = settings.PROPOSAL_RATE_LIMIT
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    return Proposal.objects.filter(client_key=key, created_at__gte=since).count() >= limit


@transaction.atomic
def proposal_submit(
    *,
    name: str,
    email: str,
    text: str,
    consent: bool,
    key: str,
    language: str,
    organisation_name: str = "",
    city=None,
    focus_area=None,
    office_email: str = "",
) -> Proposal:
    """Store a proposal from the public and tell the office by e-mail."""
    if proposal_rate_limited(key=key):
        raise ValidationError(
            _("You have sent several proposals in a short time. Please try again in an hour.")
        )
    if not consent:
        raise ValidationError(_("Please agree that we store your data to handle the proposal."))
    proposal = Proposal(
        name=name,
        email=email,
        text=text,
        consent=consent,
        client_key=key,
        language=language,
        organisation_name=organisation_name,
        city=city,
        focus_area=focus_area,
    )
    proposal.full_clean()
    proposal.save()
    if office_email:
        transaction.on_commit(lambda: _notify_office(proposal, office_email))
    return proposal


def _notify_office(proposal: Proposal, office_email: str) -> None:
    lines = [
        f"Name: {proposal.name}",
        f"Organisation: {proposal.organisation_name or '-'}",
        f"E-Mail: {proposal.email}",
        f"Partnerstadt / partner city: {proposal.city or '-'}",
        f"Schwerpunkt / focus area: {proposal.focus_area or '-'}",
        "",
        proposal.text,
        "",
        f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/projects/proposal/edit/{proposal.pk}/",
    ]
    send_mail(
        subject=f"Neuer Vorschlag / new proposal: {proposal.name}",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[office_email],
    )


@transaction.atomic
def proposal_accept(*, proposal: Proposal, user, project=None, activity=None) -> Proposal:
    """Mark a proposal accepted, linked to the project or activity it became."""
    if project is None and activity is None:
        raise ValidationError(_("Choose the project or activity the proposal became."))
    proposal.status = Proposal.Status.ACCEPTED
    proposal.project, proposal.activity = project, activity
    proposal.decided_at, proposal.decided_by = timezone.now(), user
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_decline(*, proposal: Proposal, user, reason: str) -> Proposal:
    """Decline a proposal with a reason; it stays in the inbox."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for declining."))
    proposal.status = Proposal.Status.DECLINED
    proposal.decline_reason = reason.strip()
    proposal.decided_at, proposal.decided_by = timezone.now(), user
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_to_project(*, proposal: Proposal, user):
    """Turn a proposal into a new project (status "proposed", so not public) and accept it.

    The project carries nothing the sender wrote or is called: no name in its title or slug,
    no copy of the proposal's text. The text stays on the proposal; the editor writes the
    project's description and decides when it is published.
    """
    project = Project(
        owner=state_owner(),  # the office answers proposals; it can hand the project on
        title_de=f"Vorschlag Nr. {proposal.pk}",
        title_en=f"Proposal no. {proposal.pk}",
        slug=f"proposal-{proposal.pk}",
        status=Project.Status.PROPOSED,
    )
    project.full_clean()
    project.save()
    if proposal.city_id:
        project.partnerships.set(
            Partnership.objects.filter(city_id=proposal.city_id, owner__kind="state")
        )
    if proposal.focus_area_id:
        project.focus_areas.set([proposal.focus_area_id])
    project.save()  # parental many-to-many relations are written on save
    return proposal_accept(proposal=proposal, user=user, project=project)
