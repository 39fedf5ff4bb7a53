"""Writes of projects and proposals: validated, atomic, and never losing a proposal."""

import datetime
import re

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
        # Into the outbox, in this transaction: it leaves after the commit, and is retried
        # until it does, so the sender is never told the proposal failed because of mail.
        proposal_notify_office(proposal=proposal, office_email=office_email)
    return proposal


@transaction.atomic
def proposal_notify_office(*, proposal: Proposal, office_email: str) -> bool:
    """Queue the e-mail to the office about this proposal, once; False if it was queued
    already (notified_at is set in the same transaction)."""
    now = timezone.now()
    if not Proposal.objects.filter(pk=proposal.pk, notified_at__isnull=True).update(
        notified_at=now
    ):
        return False
    proposal.notified_at = now
    _send_to_office(proposal, office_email)
    return True


def proposals_notify_pending(*, office_email: str) -> int:
    """Queue the e-mail to the office for every proposal that has none yet (received before
    the outbox, or while the office had no address); how many."""
    if not office_email:
        raise ValidationError(_("The office has no e-mail address in its settings."))
    return sum(
        proposal_notify_office(proposal=proposal, office_email=office_email)
        for proposal in Proposal.objects.filter(notified_at__isnull=True).order_by("pk")
    )


def _one_line(text: str) -> str:
    """For a mail header: any line break or control character becomes a space."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text).split())


def _send_to_office(proposal: Proposal, office_email: str) -> None:
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
        subject=f"Neuer Vorschlag / new proposal: {_one_line(proposal.name)}",
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


def proposal_to_project_errors(*, proposal: Proposal) -> list[str]:
    """Why this proposal cannot become a new project: it was accepted into one already, or
    the project made from it exists (as stored, not as an edit form may show it). Used by
    the service and the inbox's form."""
    accepted_into_project = Proposal.objects.filter(
        pk=proposal.pk, status=Proposal.Status.ACCEPTED, project__isnull=False
    ).exists()
    if (
        accepted_into_project
        or Project.objects.filter(slug=_proposal_project_slug(proposal)).exists()
    ):
        return [
            _(
                "This proposal has already been turned into a project; "
                "open that project instead of making another one."
            )
        ]
    return []


def _proposal_project_slug(proposal: Proposal) -> str:
    return f"proposal-{proposal.pk}"


@transaction.atomic
def proposal_to_project(*, proposal: Proposal, user):
    """Turn a proposal into a new project (status "proposed", so not public) and accept it.

    The project carries nothing the sender wrote or is called: no name in its title or slug,
    no copy of the proposal's text. The text stays on the proposal; the editor writes the
    project's description and decides when it is published. A proposal becomes one project
    only: a second request is refused.
    """
    # The proposal's row is locked so that two requests at once cannot both pass the check.
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    errors = proposal_to_project_errors(proposal=proposal)
    if errors:
        raise ValidationError(errors)
    project = Project(
        owner=state_owner(),  # the office answers proposals; it can hand the project on
        title_de=f"Vorschlag Nr. {proposal.pk}",
        title_en=f"Proposal no. {proposal.pk}",
        slug=_proposal_project_slug(proposal),
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
