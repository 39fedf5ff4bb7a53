"""A report's values in words, the same for every format (HTML, PDF, spreadsheet)."""

from django.utils import formats, numberformat
from django.utils.translation import gettext as _

from citypartners.core.admin_lists import choice_label, precise_date
from citypartners.core.i18n import localized
from citypartners.funding.fields import euro as _euro
from citypartners.funding.models import FundingSource
from citypartners.partnerships.models import PartnershipStatus


def activity_dates(activity) -> str:
    start = precise_date(activity.start_date, activity.date_precision)
    if activity.end_date and activity.end_date != activity.start_date:
        return f"{start} – {precise_date(activity.end_date, activity.date_precision)}"
    return start


def activity_place(activity) -> str:
    return localized(activity, "place")


def activity_participants(activity) -> str:
    """The institutions taking part: the network's organisations, then those named freely."""
    names = [o.name for o in activity.organisations.all()]
    names += [line.strip() for line in activity.other_institutions.splitlines() if line.strip()]
    return "; ".join(names)


def names(records) -> str:
    return ", ".join(str(r) for r in records)


def status_label(value) -> str:
    return choice_label(PartnershipStatus.Status, value) if value else _("none recorded")


def since(facts) -> str:
    document = facts.since
    if document is None:
        return ""
    return precise_date(document.date, document.date_precision)


def status_over_period(facts) -> str:
    """The status on the period's first day and each change within it."""
    parts = [status_label(facts.status_at_start)]
    for change in facts.changes:
        parts.append(
            _("%(status)s from %(date)s")
            % {"status": status_label(change.status), "date": precise_date(change.valid_from)}
        )
    return "; ".join(parts)


def project_period(project) -> str:
    start, end = precise_date(project.start_date), precise_date(project.end_date)
    if start and end:
        return f"{start} – {end}"
    if start:
        return _("from %(date)s") % {"date": start}
    if end:
        return _("until %(date)s") % {"date": end}
    return ""


def summary_labels() -> dict[str, str]:
    """The summary's figures, named (the keys of ``Report.summary``)."""
    return {
        "partner_cities": _("Partner cities"),
        "partnerships": _("Partnerships"),
        "activities": _("Activities"),
        "projects": _("Projects running"),
        "partnerships_new": _("New partnerships"),
        "partnerships_ended": _("Partnerships ended"),
    }


def question(query) -> list[tuple[str, str]]:
    """The report's question in words, for its heading and cover."""
    every = _("all")
    return [
        (_("Period"), f"{precise_date(query.date_from)} – {precise_date(query.date_to)}"),
        (_("Owners"), names(query.owners) or every),
        (_("Partner cities"), names(query.cities) or every),
        (_("Focus areas"), names(query.focus_areas) or every),
        (_("Kinds of activity"), names(query.kinds) or every),
        (
            _("Internal items"),
            _("included") if query.internal else _("left out (public items only)"),
        ),
    ]


def euro(value) -> str:
    return _euro(value)


def count(value):
    """A count grouped as the active language writes it ("32.159", "32,159"); anything that is
    not a whole number (a name, an empty cell) as it is."""
    if not isinstance(value, int) or isinstance(value, bool):
        return value
    return numberformat.format(
        value,
        "",
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def source_label(value) -> str:
    return choice_label(FundingSource, value)
