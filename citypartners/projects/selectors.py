"""Reads of projects and the network of a partnership, in a fixed number of queries."""

from django.db.models import Prefetch

from citypartners.contacts.models import ContactPerson
from citypartners.organisations.models import Organisation
from citypartners.partnerships.selectors import partnerships_public_plain

from .models import Project, ProjectOrganisation, Proposal

PUBLIC_STATUSES = [Project.Status.PLANNED, Project.Status.RUNNING, Project.Status.DONE]


def projects_public():
    """Projects shown on the public site (not mere proposals, not dropped ones)."""
    return (
        Project.objects.filter(status__in=PUBLIC_STATUSES)
        .prefetch_related(
            Prefetch("partnerships", queryset=partnerships_public_plain()),
            "focus_areas",
        )
        .order_by("-start_date", "title_en")
    )


def project_roles_public():
    """Organisations' roles in public projects, each with its project (one query to prefetch).

    Prefetch an organisation's roles with this, not its roles' projects with
    ``projects_public()``: that leaves the project of a role in a proposed or dropped
    project empty instead of leaving the role out.
    """
    return (
        ProjectOrganisation.objects.filter(project__status__in=PUBLIC_STATUSES)
        .select_related("project")
        .order_by("-project__start_date", "project__title_en", "project_id", "sort_order")
    )


def project_detail(*, slug: str):
    """One public project with its organisations and consenting contacts."""
    return (
        projects_public()
        .prefetch_related(
            Prefetch(
                "project_organisations",
                queryset=ProjectOrganisation.objects.select_related("organisation__city"),
            ),
            Prefetch(
                "contacts",
                queryset=ContactPerson.objects.shown_publicly().select_related("organisation"),
                to_attr="public_contacts",
            ),
        )
        .filter(slug=slug)
        .first()
    )


def partnership_network(*, partnership):
    """Organisations (by side), running and done projects, and consenting contact people."""
    organisations = list(
        Organisation.objects.filter(partnerships=partnership, city__live=True)
        .select_related("city")
        .order_by("name")
    )
    projects = list(
        projects_public().filter(
            partnerships=partnership, status__in=[Project.Status.RUNNING, Project.Status.DONE]
        )
    )
    contacts = list(
        ContactPerson.objects.shown_publicly()
        .filter(partnerships=partnership)
        .select_related("organisation")
        .order_by("name")
    )
    return {
        "organisations_partner": [o for o in organisations if o.city_id == partnership.city_id],
        "organisations_other": [o for o in organisations if o.city_id != partnership.city_id],
        "projects": projects,
        "contacts": contacts,
    }


def partnership_network_for_editors(*, partnership, with_contacts: bool):
    """The whole network of a partnership for the back office, with its gaps.

    A gap is a focus area of the partnership for which no contact person (of any consent)
    is recorded. People are only listed for users allowed to see personal data.
    """
    organisations = list(
        Organisation.objects.filter(partnerships=partnership)
        .select_related("city")
        .prefetch_related("focus_areas")
        .order_by("name")
    )
    people = list(
        ContactPerson.objects.filter(partnerships=partnership)
        .select_related("organisation__city")
        .prefetch_related("focus_areas")
        .order_by("name")
    )
    covered = {area.pk for person in people for area in person.focus_areas.all()}
    areas = list(partnership.focus_areas.all())
    return {
        "organisations_partner": [o for o in organisations if o.city_id == partnership.city_id],
        "organisations_other": [o for o in organisations if o.city_id != partnership.city_id],
        "people_partner": [
            p for p in people if p.organisation and p.organisation.city_id == partnership.city_id
        ]
        if with_contacts
        else [],
        "people_other": [
            p for p in people if not p.organisation or p.organisation.city_id != partnership.city_id
        ]
        if with_contacts
        else [],
        "people_count": len(people),
        "projects": list(Project.objects.filter(partnerships=partnership).order_by("-start_date")),
        "gaps": [area for area in areas if area.pk not in covered],
    }


def proposals_waiting_for_dashboard(*, user, limit: int = 10) -> tuple[int, list]:
    """Proposals not yet decided (the state's office decides them all: only accounts with a
    permission on proposals see any), the newest first, with their city and focus area.
    Two queries; none without the permission."""
    if not user.has_perm("projects.view_proposal"):
        return 0, []
    queryset = Proposal.objects.filter(status=Proposal.Status.NEW)
    rows = list(
        queryset.select_related("city", "focus_area").order_by("-created_at", "-pk")[:limit]
    )
    return queryset.count(), rows
