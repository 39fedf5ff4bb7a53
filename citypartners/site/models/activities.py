"""The public activity pages: list, calendar, one page per activity, and the feeds."""

import calendar as pycalendar
import datetime

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from citypartners.activities import selectors
from citypartners.activities.forms import ActivityFilterForm
from citypartners.activities.models import Activity, ActivityKind
from citypartners.core.page_cache import list_tag, tag
from citypartners.core.pagination import BoundedPaginator
from citypartners.partnerships.models import City, FocusArea
from citypartners.projects.selectors import PUBLIC_STATUSES

from ..sections import detail_url, partner_city_pages, section_pages
from .base import SectionPage
from .routes import CALENDAR_SEGMENTS, LocalisedRoutesMixin

PER_PAGE = 20

# The grant report's last path segment in each language: /de/aktivitaeten/<slug>/foerderbericht/,
# /en/activities/<slug>/grant-report/ (and the month calendar's, site.models.routes). In a
# locale, the other language's segment redirects (permanently) to its own, so that an address
# whose /de/ or /en/ was swapped by hand works. The feeds (site.feed_urls, /<lang>/feeds/…)
# keep English file names in both languages: programs subscribe to them, so a stable address
# matters more there than its words.
GRANT_REPORT_SEGMENTS = {"de": "foerderbericht", "en": "grant-report"}


class ActivityIndexPage(LocalisedRoutesMixin, RoutablePageMixin, SectionPage):
    """Activities and events: a filtered list, a month calendar, a page each, and feeds."""

    template = "site/activity_index_page.html"
    localised_segments = ((CALENDAR_SEGMENTS, 0), (GRANT_REPORT_SEGMENTS, 1))

    class Meta:
        verbose_name = gettext_lazy("activities page")

    # --- list and calendar --------------------------------------------------------------
    def _filtered(self, request, *, by_period=True):
        # Every activity may enter a list or a calendar; the filter offers every city, focus
        # area and kind.
        tag(list_tag(Activity), list_tag(City), list_tag(FocusArea), list_tag(ActivityKind))
        form = ActivityFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            # An unknown or malformed filter matches nothing, and the form says why.
            return form, selectors.activities_public().none()
        activities = selectors.activities_filtered(**(form.filters() if form.is_bound else {}))
        if by_period:
            period = form.chosen_period()
            if period == "current":
                activities = selectors.activities_current(activities)
            elif period == "past":
                activities = selectors.activities_past(activities)
        return form, activities

    @path("")
    def activity_list(self, request):
        form, activities = self._filtered(request)
        paginator = BoundedPaginator(activities, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "form": form,
                "page_obj": page_obj,
                "activities": page_obj.object_list,
                "query": form.query_string(page=None),
                "view": "list",
                "filter_feeds": self.filter_feeds(form),
            },
        )

    def calendar_route(self) -> str:
        """The name of the month calendar's route in the page's own language."""
        return self.localised_route("calendar")

    def calendar_url(self, *, request=None) -> str | None:
        return self.localised_route_url("calendar", request=request)

    @path("kalender/", name="calendar_de")
    def activity_calendar_de(self, request):
        return self._calendar(request, "de")

    @path("calendar/", name="calendar_en")
    def activity_calendar_en(self, request):
        return self._calendar(request, "en")

    def _calendar(self, request, segment_language):
        if moved := self.redirect_to_own_language(request, "calendar", segment_language):
            return moved
        # The month chooses the period here, so current/past does not apply.
        form, activities = self._filtered(request, by_period=False)
        today = timezone.localdate()
        month_error = None
        try:
            year, month = (int(part) for part in request.GET.get("month", "").split("-"))
            first = datetime.date(year, month, 1)
            if not selectors.OPEN_START <= first <= selectors.OPEN_END:
                raise ValueError(first)  # its neighbours would not be dates
        except ValueError:
            if request.GET.get("month"):
                month_error = _("Give the month as YYYY-MM, for example 2026-05.")
            first = today.replace(day=1)
        shown, starting = selectors.calendar_month(activities, year=first.year, month=first.month)
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
            days = []
            for day in week:
                start = datetime.datetime.combine(
                    day, datetime.time(), timezone.get_current_timezone()
                )
                end = start + datetime.timedelta(days=1)
                days.append(
                    {
                        "date": day,
                        "in_month": day.month == first.month,
                        "is_today": day == today,
                        "activities": [a for a in shown if a.starts_at < end and a.ends_at > start],
                        # those starting this day that the day does not name (a busy day)
                        "more": starting.get(day, 0) - sum(1 for a in shown if a.day == day),
                    }
                )
            weeks.append(days)
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return self.render(
            request,
            template="site/activity_calendar.html",
            context_overrides={
                "form": form,
                "weeks": weeks,
                "month": first,
                "month_error": month_error,
                "previous_query": form.query_string(month=previous.strftime("%Y-%m"), page=None),
                "next_query": form.query_string(month=following.strftime("%Y-%m"), page=None),
                "query": form.query_string(page=None),
                "count": sum(starting.values()),
                "view": "calendar",
            },
        )

    # --- one activity ---------------------------------------------------------------------
    def _activity(self, slug):
        activity = selectors.activities_public().select_related("image").filter(slug=slug).first()
        if activity is None:
            raise Http404
        return activity

    def _network_links(self, request, activity):
        """Links to the organisation pages and the project page of an activity."""
        sections = section_pages(
            locale_id=self.locale_id, names=["OrganisationIndexPage", "ProjectIndexPage"]
        )
        organisations_page = sections.get("OrganisationIndexPage")
        links = {
            "organisation_links": [
                {
                    "organisation": o,
                    "url": detail_url(organisations_page, o, request=request),
                }
                for o in activity.organisations.all()
            ]
        }
        project, projects_page = activity.project, sections.get("ProjectIndexPage")
        if project is not None and project.status in PUBLIC_STATUSES and projects_page:
            links["project_link"] = {
                "title": project.title,
                "url": detail_url(projects_page, project, request=request),
            }
        return links

    @path("<slug:slug>/", name="detail")
    def activity_detail(self, request, slug):
        activity = self._activity(slug)
        partnerships = list(activity.partnerships.all())
        pages = partner_city_pages(
            locale_id=self.locale_id, partnership_ids=[p.pk for p in partnerships]
        )
        partner_links = [
            {"city": p.city, "url": pages[p.pk].get_url(request) if p.pk in pages else None}
            for p in partnerships
        ]
        return TemplateResponse(
            request,
            "site/activity_detail.html",
            {
                **self.get_context(request),
                "activity": activity,
                "partner_links": partner_links,
                **self._network_links(request, activity),
                "ics_url": reverse("feeds:ical_one", args=[activity.slug]),
                "grant_report_url": (
                    self.grant_report_url(activity, request=request) if activity.is_funded else None
                ),
            },
        )

    # --- the grant report of a funded activity -----------------------------------------------
    def grant_report_url(self, activity, *, request=None) -> str | None:
        """The address of the activity's grant report on this page, in the page's language."""
        return self.localised_route_url("grant_report", request=request, slug=activity.slug)

    @path("<slug:slug>/foerderbericht/", name="grant_report_de")
    def grant_report_de(self, request, slug):
        return self._grant_report(request, slug, "de")

    @path("<slug:slug>/grant-report/", name="grant_report_en")
    def grant_report_en(self, request, slug):
        return self._grant_report(request, slug, "en")

    def _grant_report(self, request, slug, segment_language):
        """The facts a funding programme requires the office to publish: place and dates,
        participants per country, organisations, the programme day by day, the statement."""
        activity = selectors.activity_grant_report(slug=slug)
        if activity is None:
            raise Http404
        if moved := self.redirect_to_own_language(
            request, "grant_report", segment_language, slug=activity.slug
        ):
            return moved
        countries = sorted(
            activity.participant_countries.all(),
            key=lambda row: (-row.participants, row.country_name),
        )
        days = sorted(activity.programme_days.all(), key=lambda day: (day.date, day.sort_order))
        return TemplateResponse(
            request,
            "site/activity_grant_report.html",
            {
                **self.get_context(request),
                "activity": activity,
                "countries": countries,
                "total_participants": sum(row.participants for row in countries),
                "days": days,
                **self._network_links(request, activity),
                "activity_url": detail_url(self, activity, request=request),
            },
        )

    # --- feeds -------------------------------------------------------------------------------
    def filter_feeds(self, form):
        """Calendar feeds of the partner city or focus area the list is filtered by."""
        if not form.is_bound or form.errors:
            return []
        feeds = []
        city, area = form.cleaned_data.get("city"), form.cleaned_data.get("focus")
        if city is not None:
            feeds.append(
                {
                    "title": _("Activities with %(city)s (iCalendar)") % {"city": city.name},
                    "href": reverse("feeds:ical_city", args=[city.slug]),
                }
            )
        if area is not None:
            feeds.append(
                {
                    "title": _("Activities: %(area)s (iCalendar)") % {"area": area.name},
                    "href": reverse("feeds:ical_focus", args=[area.slug]),
                }
            )
        return feeds

    def feed_links(self):
        """The feeds this page advertises in its head."""
        return [
            {
                "type": "application/atom+xml",
                "title": _("New activities (Atom)"),
                "href": reverse("feeds:atom"),
            },
            {
                "type": "text/calendar",
                "title": _("All activities (iCalendar)"),
                "href": reverse("feeds:ical_all"),
            },
        ]
