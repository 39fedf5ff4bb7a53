"""Writes of projects and proposals: validated, atomic, and never losing a proposal.

The sender of a proposal hears from the office twice, in the language he wrote in: on
receipt and on the decision. Those e-mails go through the outbox (citypartners.mail) in
the caller's transaction, so they leave only after the commit, and never if it fails. They
carry nothing the sender typed but the reason the office gives for declining, so the form
cannot send anyone's text to a stranger's address.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Site

from citypartners.core.i18n import localized
from citypartners.core.models import OfficeSettings
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
    _tell_sender(proposal, "received")
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
        f"E-Mail: {proposal.email or '-'}",
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
    """Mark a proposal accepted, linked to the project or activity it became; the sender is
    told when the decision is new."""
    if _accept(proposal, user, project=project, activity=activity):
        _tell_sender(proposal, "accepted")
    return proposal


def _accept(proposal: Proposal, user, *, project, activity) -> bool:
    """Accept the proposal; True if it was not accepted before."""
    if project is None and activity is None:
        raise ValidationError(_("Choose the project or activity the proposal became."))
    newly = _stored_status(proposal) != Proposal.Status.ACCEPTED
    proposal.status = Proposal.Status.ACCEPTED
    proposal.project, proposal.activity = project, activity
    proposal.decided_at, proposal.decided_by = timezone.now(), user
    proposal.full_clean()
    proposal.save()
    return newly


@transaction.atomic
def proposal_decline(*, proposal: Proposal, user, reason: str) -> Proposal:
    """Decline a proposal with a reason; it stays in the inbox. The sender is told, with the
    reason, when the decision is new (a corrected reason is not sent again)."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for declining."))
    newly = _stored_status(proposal) != Proposal.Status.DECLINED
    proposal.status = Proposal.Status.DECLINED
    proposal.decline_reason = reason.strip()
    proposal.decided_at, proposal.decided_by = timezone.now(), user
    proposal.full_clean()
    proposal.save()
    if newly:
        _tell_sender(proposal, "declined")
    return proposal


def _stored_status(proposal: Proposal) -> str | None:
    # As stored, not as the instance in hand says: the inbox's form saves it before deciding.
    return Proposal.objects.filter(pk=proposal.pk).values_list("status", flat=True).first()


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


# The title of a project made from a proposal, per language of the proposal: the proposal's
# number only. Nothing the sender wrote or is called: the editor writes the real title and
# description (the proposal's text stays in the inbox), and a project published unchanged
# shows none of the sender's data.
PROJECT_TITLE = {"de": "Vorschlag Nr. {number}", "en": "Proposal no. {number}"}


def proposal_project_title(proposal: Proposal) -> str:
    """The title of the project made from this proposal, in the proposal's language."""
    return PROJECT_TITLE[proposal.language].format(number=proposal.pk)


def _proposal_project_slug(proposal: Proposal) -> str:
    # From the title, so unique by the proposal's number ("vorschlag-nr-12", "proposal-no-12").
    return slugify(proposal_project_title(proposal))


@transaction.atomic
def proposal_to_project(*, proposal: Proposal, user):
    """Turn a proposal into a new project (status "proposed", so not public) and accept it.

    The project starts in the proposal's language: its title there, the other language's
    fields empty, so that editors see the translation is missing. It carries nothing the
    sender wrote or is called (see PROJECT_TITLE). A proposal becomes one project only: a
    second request is refused. The sender is told that a project is being made of it.
    """
    # The proposal's row is locked so that two requests at once cannot both pass the check.
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    errors = proposal_to_project_errors(proposal=proposal)
    if errors:
        raise ValidationError(errors)
    project = Project(
        owner=state_owner(),  # the office answers proposals; it can hand the project on
        slug=_proposal_project_slug(proposal),
        status=Project.Status.PROPOSED,
    )
    setattr(project, f"title_{proposal.language}", proposal_project_title(proposal))
    project.full_clean()
    project.save()
    if proposal.city_id:
        project.partnerships.set(
            Partnership.objects.filter(city_id=proposal.city_id, owner__kind="state")
        )
    if proposal.focus_area_id:
        project.focus_areas.set([proposal.focus_area_id])
    project.save()  # parental many-to-many relations are written on save
    log(instance=project, action="wagtail.create", user=user)  # named by number only
    if _accept(proposal, user, project=project, activity=None):
        _tell_sender(proposal, "project")
    return proposal


# --- E-mails to the sender ----------------------------------------------------------------

SENDER_SUBJECTS = {
    "received": gettext_lazy("Your proposal no. %(number)s has arrived"),
    "accepted": gettext_lazy("Your proposal no. %(number)s is accepted"),
    "project": gettext_lazy("Your proposal no. %(number)s becomes a project"),
    "declined": gettext_lazy("Your proposal no. %(number)s: our decision"),
}


def _tell_sender(proposal: Proposal, event: str) -> None:
    """Queue the e-mail to the sender about `event` ("received", "accepted", "project",
    "declined"), in the proposal's language; none when there is no address to write to."""
    if not proposal.email:
        return
    office = _office_settings()
    with translation.override(proposal.language):
        context = {
            "number": proposal.pk,
            "received_at": proposal.created_at,
            "reason": proposal.decline_reason,
            "office_name": localized(office, "name") if office else "",
            "office_email": office.email if office else "",
        }
        message = EmailMessage(
            subject=str(SENDER_SUBJECTS[event]) % {"number": proposal.pk},
            body=render_to_string(f"projects/mail/proposal_{event}.txt", context).strip() + "\n",
            to=[proposal.email],
            reply_to=[office.email] if office and office.email else [],
        )
    message.send()  # into the outbox, in this transaction (citypartners.mail)


def _office_settings() -> OfficeSettings | None:
    """The office of the default site: its name signs the e-mails, its address takes replies."""
    site = Site.objects.filter(is_default_site=True).first()
    return OfficeSettings.for_site(site) if site else None
