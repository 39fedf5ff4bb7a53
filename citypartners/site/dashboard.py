"""The office's working day on the back office's home (issue 14): what comes, what waits,
what is missing.

Each panel reads through the selectors of the app whose records it shows (scoped to the
account's own borough for a borough account, every owner's for the state's, see
``accounts.visibility.own_records``), shows the exact number of records and the first few of
them, and links to the back-office list behind it. Each runs a fixed number of queries
whatever the data size (site/tests/test_dashboard.py holds them to it at two sizes).

The panels share one template: sections (an h3 under the panel's h2 where a panel has
several) each with a sentence that gives the number, a link to the list and a table with a
caption and column headers.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component

from citypartners.accounts.permissions import ALL_OWNERS, owner_scope
from citypartners.accounts.visibility import may_see_model
from citypartners.activities.models import Activity
from citypartners.activities.selectors import (
    activities_upcoming_for_dashboard,
    activity_drafts_for_dashboard,
    partnerships_inactive_for_dashboard,
)
from citypartners.contacts.selectors import focus_areas_without_contact_for_dashboard
from citypartners.partnerships.models import Partnership
from citypartners.partnerships.models.partnership import DatePrecision
from citypartners.partnerships.selectors import anniversaries_for_dashboard
from citypartners.projects.models import Proposal
from citypartners.projects.selectors import proposals_waiting_for_dashboard

from . import selectors
from .selectors import DASHBOARD_ROWS

UPCOMING_DAYS = 30
INACTIVE_YEARS = 2


def _today() -> datetime.date:
    """Today in the office's time zone; one place for the tests to fix the day."""
    return timezone.localdate()


@dataclass
class Cell:
    text: str
    url: str = ""


@dataclass
class Section:
    """One list of a panel: its number in a sentence, the list behind it and its first rows."""

    key: str  # names the number for the tests: data-dashboard-count="<key>"
    count: int
    summary: str
    heading: str = ""  # only where a panel has several sections
    list_url: str = ""
    list_label: str = ""
    title: str = ""  # of the table; its caption says when only the first rows are shown
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # lists of Cells
    rows_are_counts: bool = False  # a row per kind, each with its number: all shown
    offset: int = 0  # rows before these: on a later page of the section's own list

    @property
    def caption(self) -> str:
        if self.rows_are_counts or (self.offset == 0 and len(self.rows) == self.count):
            return str(self.title)
        if self.offset == 0:
            return str(_("%(title)s: the first %(shown)s of %(count)s")) % {
                "title": self.title,
                "shown": len(self.rows),
                "count": self.count,
            }
        return str(_("%(title)s: %(first)s to %(last)s of %(count)s")) % {
            "title": self.title,
            "first": self.offset + 1,
            "last": self.offset + len(self.rows),
            "count": self.count,
        }


def _date_label(day: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """A date written out in the active language, as precisely as it is known."""
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    return formats.date_format(day, "DATE_FORMAT")


def _activity_dates(activity) -> str:
    start = _date_label(activity.start_date, activity.date_precision)
    if activity.end_date and activity.end_date != activity.start_date:
        return f"{start} – {_date_label(activity.end_date, activity.date_precision)}"
    return start


def _owner_name(owner) -> str:
    return owner.name if owner is not None else str(_("State"))


def _snippet_url(model, view: str = "list", *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def _section_url(key: str) -> str:
    """The whole list of a dashboard section, page by page (``section_list``)."""
    return reverse("citypartners_dashboard_section", args=[key])


def _owned_list_url(user, model, **filters) -> str:
    """The back office's list of ``model``, a borough account's own borough's records only
    (the list's owner filter), with further filters of the list."""
    scope = owner_scope(user)
    if scope not in (None, ALL_OWNERS):
        filters = {"owner": scope, **filters}
    return _snippet_url(model) + (f"?{urlencode(filters)}" if filters else "")


class DashboardPanel(Component):
    """A panel of the office's dashboard; ``sections()`` reads its data."""

    template_name = "site/dashboard/panel.html"
    name = ""
    heading = ""
    order = 100

    def __init__(self, request, *, offset: int = 0, limit: int = DASHBOARD_ROWS):
        """On the dashboard the first ``limit`` rows of each section; on a section's own
        list (``section_list``) the page of rows from ``offset``."""
        self.request = request
        self.user = request.user
        self.offset = offset
        self.limit = limit

    def is_shown(self) -> bool:
        return True

    def sections(self) -> list[Section]:
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context.update(panel_id=f"dashboard-{self.name}", heading=self.heading)
        context["sections"] = self.sections()
        return context


class UpcomingActivitiesPanel(DashboardPanel):
    name = "upcoming"
    heading = _("Activities of the next 30 days")
    order = 100

    def is_shown(self):
        return may_see_model(self.user, Activity)

    def sections(self):
        count, activities = activities_upcoming_for_dashboard(
            user=self.user, days=UPCOMING_DAYS, offset=self.offset, limit=self.limit
        )
        may_edit = self.user.has_perm("activities.change_activity")
        rows = [
            [
                Cell(
                    activity.title,
                    _snippet_url(Activity, "edit", activity.pk) if may_edit else "",
                ),
                Cell(_activity_dates(activity)),
                Cell(_owner_name(activity.owner)),
                Cell(", ".join(p.city.name for p in activity.partnerships.all())),
            ]
            for activity in activities
        ]
        summary = ngettext(
            "%(count)s activity in the next %(days)s days.",
            "%(count)s activities in the next %(days)s days.",
            count,
        ) % {"count": count, "days": UPCOMING_DAYS}
        return [
            Section(
                key="upcoming",
                count=count,
                summary=summary,
                list_url=_section_url("upcoming"),
                list_label=_("Show all of them"),
                offset=self.offset,
                title=_("Activities of the next 30 days"),
                columns=[_("Title"), _("Date"), _("Owner"), _("Partner cities")],
                rows=rows,
            )
        ]


class ProposalsPanel(DashboardPanel):
    name = "proposals"
    heading = _("Proposals waiting for a decision")
    order = 110

    def is_shown(self):
        return self.user.has_perm("projects.view_proposal")

    def sections(self):
        count, proposals = proposals_waiting_for_dashboard(user=self.user)
        rows = [
            [
                Cell(
                    _date_label(timezone.localtime(proposal.created_at).date()),
                    _snippet_url(Proposal, "edit", proposal.pk),
                ),
                Cell(proposal.organisation_name or proposal.name),
                Cell(proposal.city.name if proposal.city else ""),
                Cell(proposal.focus_area.name if proposal.focus_area else ""),
            ]
            for proposal in proposals
        ]
        summary = ngettext(
            "%(count)s proposal waits for a decision.",
            "%(count)s proposals wait for a decision.",
            count,
        ) % {"count": count}
        return [
            Section(
                key="proposals",
                count=count,
                summary=summary,
                list_url=_snippet_url(Proposal) + f"?status={Proposal.Status.NEW}",
                list_label=_("All new proposals"),
                title=_("New proposals, the newest first"),
                columns=[_("Received"), _("From"), _("Partner city"), _("Focus area")],
                rows=rows,
            )
        ]


class WaitingForMePanel(DashboardPanel):
    name = "waiting"
    heading = _("Drafts and tasks waiting for me")
    order = 120

    def is_shown(self):
        return bool(self._parts())

    def _parts(self):
        parts = []
        if self.user.has_perm("activities.change_activity"):
            parts.append(self._activity_drafts)
        if user_has_any_page_permission(self.user):
            parts.append(self._page_drafts)
        if self.user.has_perm("wagtailadmin.access_admin"):
            parts.append(self._tasks)
        return parts

    def sections(self):
        return [part() for part in self._parts()]

    def _activity_drafts(self):
        count, activities = activity_drafts_for_dashboard(
            user=self.user, offset=self.offset, limit=self.limit
        )
        rows = [
            [
                Cell(activity.title, _snippet_url(Activity, "edit", activity.pk)),
                Cell(_owner_name(activity.owner)),
                Cell(
                    _("never published")
                    if not activity.live
                    else _("published, with unpublished changes")
                ),
            ]
            for activity in activities
        ]
        summary = ngettext(
            "%(count)s activity has unpublished changes.",
            "%(count)s activities have unpublished changes.",
            count,
        ) % {"count": count}
        return Section(
            key="activity-drafts",
            count=count,
            summary=summary,
            heading=_("Drafts of activities"),
            list_url=_section_url("activity-drafts"),
            list_label=_("Show all of them"),
            offset=self.offset,
            title=_("Drafts of activities"),
            columns=[_("Title"), _("Owner"), _("Publication")],
            rows=rows,
        )

    def _page_drafts(self):
        count, pages = selectors.page_drafts_for_dashboard(
            user=self.user, offset=self.offset, limit=self.limit
        )
        rows = [
            [
                Cell(page.title, reverse("wagtailadmin_pages:edit", args=[page.pk])),
                Cell(page.locale.get_display_name()),
                Cell(_date_label(timezone.localtime(page.latest_revision_created_at).date()))
                if page.latest_revision_created_at
                else Cell(""),
            ]
            for page in pages
        ]
        summary = ngettext(
            "%(count)s page has unpublished changes.",
            "%(count)s pages have unpublished changes.",
            count,
        ) % {"count": count}
        return Section(
            key="page-drafts",
            count=count,
            summary=summary,
            heading=_("Drafts of pages"),
            list_url=_section_url("page-drafts"),
            list_label=_("Show all of them"),
            offset=self.offset,
            title=_("Drafts of pages"),
            columns=[_("Title"), _("Language"), _("Last changed")],
            rows=rows,
        )

    def _tasks(self):
        count = selectors.workflow_tasks_for_dashboard(user=self.user)
        summary = ngettext(
            "%(count)s workflow task waits for your decision (listed under “Awaiting your "
            "review”).",
            "%(count)s workflow tasks wait for your decision (listed under “Awaiting your "
            "review”).",
            count,
        ) % {"count": count}
        return Section(
            key="tasks",
            count=count,
            summary=summary,
            heading=_("Workflow tasks"),
            list_url=reverse("wagtailadmin_reports:workflow_tasks"),
            list_label=_("All workflow tasks"),
        )


class AnniversariesPanel(DashboardPanel):
    name = "anniversaries"
    heading = _("Anniversaries of the next 12 months")
    order = 130

    def is_shown(self):
        return may_see_model(self.user, Partnership)

    def sections(self):
        anniversaries = anniversaries_for_dashboard(user=self.user, today=_today())
        # Two lists: a ceremony on the day is planned from the dated ones; a date known only
        # by its year or month (most boroughs' records) would crowd them out of the first rows.
        dated = [a for a in anniversaries if a.precision == DatePrecision.DAY]
        vague = [a for a in anniversaries if a.precision != DatePrecision.DAY]
        return [
            self._section(
                "anniversaries-dated",
                dated,
                _("On a known day"),
                ngettext(
                    "%(count)s round anniversary on a known day in the next 12 months.",
                    "%(count)s round anniversaries on a known day in the next 12 months.",
                    len(dated),
                ),
                _("Anniversaries on a known day, the soonest first"),
            ),
            self._section(
                "anniversaries-vague",
                vague,
                _("Known only by year or month"),
                ngettext(
                    "%(count)s round anniversary of a date known only by its year or month.",
                    "%(count)s round anniversaries of dates known only by their year or month.",
                    len(vague),
                ),
                _("Anniversaries of dates known only by year or month, the soonest first"),
            ),
        ]

    def _section(self, key, anniversaries, heading, summary, caption):
        count = len(anniversaries)
        rows = [
            [
                Cell(ngettext("%(years)s year", "%(years)s years", a.years) % {"years": a.years}),
                Cell(_date_label(a.day, a.precision)),
                Cell(
                    str(a.partnership),
                    _snippet_url(Partnership, "edit", a.partnership.pk),
                ),
                Cell(
                    _("%(kind)s (partner since)") % {"kind": a.document.get_kind_display()}
                    if a.document.is_shown
                    else a.document.get_kind_display()
                ),
            ]
            for a in anniversaries[self.offset : self.offset + self.limit]
        ]
        return Section(
            key=key,
            count=count,
            summary=summary % {"count": count},
            heading=heading,
            list_url=_section_url(key),
            list_label=_("Show all of them"),
            offset=self.offset,
            title=caption,
            columns=[_("Anniversary"), _("Date"), _("Partnership"), _("Founding document")],
            rows=rows,
        )


class InactivePartnershipsPanel(DashboardPanel):
    name = "inactive"
    heading = _("Partnerships without activity for two years")
    order = 140

    def is_shown(self):
        return may_see_model(self.user, Partnership)

    def sections(self):
        count, partnerships = partnerships_inactive_for_dashboard(
            user=self.user, years=INACTIVE_YEARS, offset=self.offset, limit=self.limit
        )
        rows = [
            [
                Cell(
                    str(partnership.city),
                    _snippet_url(Partnership, "edit", partnership.pk),
                ),
                Cell(_owner_name(partnership.owner)),
                Cell(
                    _date_label(timezone.localtime(partnership.last_activity_end).date())
                    if partnership.last_activity_end
                    else str(_("none recorded"))
                ),
            ]
            for partnership in partnerships
        ]
        summary = ngettext(
            "%(count)s partnership has had no activity for two years.",
            "%(count)s partnerships have had no activity for two years.",
            count,
        ) % {"count": count}
        return [
            Section(
                key="inactive",
                count=count,
                summary=summary,
                list_url=_section_url("inactive"),
                list_label=_("Show all of them"),
                offset=self.offset,
                title=_("Quiet partnerships, the longest quiet first"),
                columns=[_("Partner city"), _("Owner"), _("Last activity ended")],
                rows=rows,
            )
        ]


class FocusAreasWithoutContactPanel(DashboardPanel):
    name = "contact-gaps"
    heading = _("Focus areas without a contact person")
    order = 150

    def is_shown(self):
        return may_see_model(self.user, Partnership)

    def sections(self):
        count, gaps = focus_areas_without_contact_for_dashboard(
            user=self.user, today=_today(), offset=self.offset, limit=self.limit
        )
        rows = [
            [
                Cell(
                    str(gap.partnership),
                    reverse("partnership_network", args=[gap.partnership_id]),
                ),
                Cell(gap.focusarea.name),
            ]
            for gap in gaps
        ]
        summary = ngettext(
            "%(count)s focus area of an active partnership has no contact person.",
            "%(count)s focus areas of active partnerships have no contact person.",
            count,
        ) % {"count": count}
        return [
            Section(
                key="contact-gaps",
                count=count,
                summary=summary,
                list_url=_section_url("contact-gaps"),
                list_label=_("Show all of them"),
                offset=self.offset,
                title=_("Focus areas without a contact person"),
                columns=[_("Partnership (its network)"), _("Focus area")],
                rows=rows,
            )
        ]


class MissingTranslationsPanel(DashboardPanel):
    name = "translations"
    heading = _("Translations missing")
    order = 160

    def sections(self):
        counts = selectors.translations_missing_for_dashboard(user=self.user)
        total = sum(count for _model, count in counts)
        records = Section(
            key="translations",
            count=total,
            summary=ngettext(
                "%(count)s record without a translation.",
                "%(count)s records without a translation.",
                total,
            )
            % {"count": total},
            heading=_("Records"),
            title=_("Records without a translation, by kind"),
            rows_are_counts=True,
            columns=[_("Kind of record"), _("Records")],
            rows=[
                [
                    Cell(
                        str(model._meta.verbose_name_plural).capitalize(),
                        # The list filtered by its "Translation missing" filter.
                        _owned_list_url(self.user, model, translation_missing="true")
                        if any(f.name == "owner" for f in model._meta.fields)
                        else _snippet_url(model) + "?translation_missing=true",
                    ),
                    Cell(str(count)),
                ]
                for model, count in counts
            ],
        )
        if not user_has_any_page_permission(self.user):
            return [records]
        count, translations = selectors.page_translations_outdated_for_dashboard(
            user=self.user, offset=self.offset, limit=self.limit
        )
        pages = Section(
            key="page-translations",
            count=count,
            summary=ngettext(
                "%(count)s page translation is older than its source.",
                "%(count)s page translations are older than their source.",
                count,
            )
            % {"count": count},
            heading=_("Pages"),
            list_url=_section_url("page-translations"),
            list_label=_("Show all of them"),
            offset=self.offset,
            title=_("Translations older than their source"),
            columns=[_("Source page"), _("Target language"), _("Source published")],
            rows=[
                [
                    Cell(
                        t.source_title, reverse("wagtailadmin_pages:edit", args=[t.source_page_id])
                    ),
                    Cell(t.target_locale.get_display_name()),
                    Cell(_date_label(timezone.localtime(t.source_published_at).date())),
                ]
                for t in translations
            ],
        )
        return [records, pages]


PANELS = [
    UpcomingActivitiesPanel,
    ProposalsPanel,
    WaitingForMePanel,
    AnniversariesPanel,
    InactivePartnershipsPanel,
    FocusAreasWithoutContactPanel,
    MissingTranslationsPanel,
]


def dashboard_panels(request) -> list[DashboardPanel]:
    """The office's panels the account may see."""
    return [panel for panel in (cls(request) for cls in PANELS) if panel.is_shown()]


SECTION_PAGE_ROWS = 50


def dashboard_section(request, key: str, *, offset: int, limit: int) -> Section | None:
    """The section ``key`` of a panel the account may see, its rows from ``offset``."""
    for cls in PANELS:
        panel = cls(request, offset=offset, limit=limit)
        if not panel.is_shown():
            continue
        for section in panel.sections():
            if section.key == key:
                return section
    return None
