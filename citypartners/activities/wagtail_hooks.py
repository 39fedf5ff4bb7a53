"""Back-office screens for activities; drafts, revisions, scheduling and locks are Wagtail's.

The list shows what an office plans with: the activities still to come first, the next one
at the top, then the past ones, the most recent first; each with its date and time as a
date (not "just now"), in the admin's language and time zone.
"""

import django_filters
from django.contrib import messages
from django.db.models import Case, F, IntegerField, Value, When
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citypartners.accounts.viewsets import OwnedViewSetMixin
from citypartners.core.admin_lists import (
    Export,
    ListFilterSet,
    ListViewSetMixin,
    choice_label,
    names,
    precise_date,
    text,
)
from citypartners.partnerships.models import City

from .forms import ActivityAdminForm
from .models import Activity, ActivityKind
from .services import activity_removal_error

UPCOMING, PAST = "upcoming", "past"


def activity_start(activity) -> str:
    """When the activity begins, as a date: with its time in the admin's time zone, or as
    precisely as the date is known (a day, a month, a year) if it has no time."""
    if activity.all_day or activity.start_time is None:
        return precise_date(activity.start_date, activity.date_precision)
    return date_format(timezone.localtime(activity.starts_at), "DATETIME_FORMAT")


def _yes_no(value) -> str:
    return str(_("yes") if value else _("no"))


class ActivityFilterSet(ListFilterSet):
    city = django_filters.ModelChoiceFilter(
        label=_("partner city"),
        queryset=City.objects.filter(partnerships__isnull=False).distinct(),
        method="filter_city",
    )
    period = django_filters.ChoiceFilter(
        label=_("period"),
        choices=[(UPCOMING, _("upcoming and running")), (PAST, _("past"))],
        empty_label=_("all"),
        method="filter_period",
    )
    dates = django_filters.DateFromToRangeFilter(
        label=_("taking place between"),
        widget=DateRangePickerWidget,
        method="filter_dates",
    )

    class Meta:
        model = Activity
        fields = ["owner", "focus_areas", "status", "kind", "is_public", "partnerships", "live"]

    def filter_city(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            pk__in=Activity.objects.filter(partnerships__city=value).values("pk")
        )

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == UPCOMING:
            return queryset.filter(ends_at__gt=now)
        if value == PAST:
            return queryset.filter(ends_at__lte=now)
        return queryset

    def filter_dates(self, queryset, name, value):
        """Activities that take place, at least in part, between the two days."""
        if value is None:
            return queryset
        if value.start is not None:
            queryset = queryset.filter(ends_at__gt=value.start)
        if value.stop is not None:
            queryset = queryset.filter(starts_at__lte=value.stop)
        return queryset


class ActivityViewSet(OwnedViewSetMixin, SnippetViewSet):
    model = Activity
    icon = "date"
    menu_label = _("Activities")
    list_display = [
        "title",  # first and a string: the title column with the edit link
        Column("starts", label=_("starts"), accessor=activity_start, sort_key="starts_at"),
        Column("kind", label=_("kind")),
        Column("owner", label=_("owner")),
        Column("get_status_display", label=_("status")),
        BooleanColumn("is_public", label=_("public")),
    ]
    column_labels = {"title": _("title")}
    filterset_class = ActivityFilterSet
    search_fields = ["title_de", "title_en", "place_de", "place_en"]
    search_backend_name = None
    # Coming first (the next at the top), then the past ones, the most recent first.
    ordering = ["_past", "_upcoming_start", "-starts_at", "-pk"]
    edit_handler = ObjectList(Activity.panels, base_form_class=ActivityAdminForm)
    exports = (
        Export("title", _("title"), lambda a: a.title),
        Export("starts", _("starts"), activity_start),
        Export("kind", _("kind"), lambda a: text(a.kind)),
        Export("owner", _("owner"), lambda a: text(a.owner)),
        Export("status", _("status"), lambda a: choice_label(Activity.Status, a.status)),
        Export("cities", _("partner cities"), lambda a: _cities(a)),
        Export("focus_areas", _("focus areas"), lambda a: names(a.focus_areas)),
        Export("place", _("place"), lambda a: a.place),
        Export("public", _("public"), lambda a: _yes_no(a.is_public)),
        Export("live", _("published"), lambda a: _yes_no(a.live)),
    )
    export_prefetch = ("focus_areas", "partnerships__city")

    def get_queryset(self, request):
        now = timezone.now()
        upcoming = When(ends_at__gt=now, then=Value(0))
        return (
            super()
            .get_queryset(request)
            .annotate(
                _past=Case(upcoming, default=Value(1), output_field=IntegerField()),
                _upcoming_start=Case(When(ends_at__gt=now, then=F("starts_at"))),
            )
        )


def _cities(activity) -> str:
    cities = {str(p.city) for p in activity.partnerships.all()}
    return ", ".join(sorted(cities))


class ActivityKindViewSet(ListViewSetMixin, SnippetViewSet):
    model = ActivityKind
    icon = "tag"
    menu_label = _("Kinds of activity")
    list_display = ["name_de", "name_en", "slug"]


class ActivityGroup(SnippetViewSetGroup):
    menu_label = _("Activities")
    menu_icon = "date"
    menu_order = 160
    items = (ActivityViewSet, ActivityKindViewSet)


register_snippet(ActivityGroup)


# --- a grant report stays online for the period its programme requires ---------------------
# The paths an editor takes an activity off the site by: the delete and unpublish buttons
# (one record) and the list's bulk actions. Each is refused, with the reason, while a
# funded activity's keep-online date has not passed (activities.services).
def _refused(request, activities, action):
    errors = [
        error
        for activity in activities
        if isinstance(activity, Activity)
        and (error := activity_removal_error(activity=activity, action=action))
    ]
    if not errors:
        return None
    for error in errors:
        messages.error(request, error)
    if len(activities) == 1:
        return redirect(Activity.snippet_viewset.get_url_name("edit"), activities[0].pk)
    return redirect(Activity.snippet_viewset.get_url_name("list"))


@hooks.register("before_delete_snippet")
def _keep_grant_reports_on_delete(request, instances):
    return _refused(request, list(instances), "delete")


@hooks.register("before_unpublish")
def _keep_grant_reports_on_unpublish(request, instance):
    return _refused(request, [instance], "unpublish")


@hooks.register("before_bulk_action")
def _keep_grant_reports_in_bulk(request, action_type, objects, action_class_instance):
    if action_type in ("delete", "unpublish"):
        return _refused(request, list(objects), action_type)
    return None
