"""Reports → Partnership report and Reports → Annual report (issue 15)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import annual_report, may_report, partnership_report


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_report(request.user)


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("reports/partnerships/", partnership_report, name="reports_partnership"),
        path("reports/annual/", annual_report, name="reports_annual"),
    ]


@hooks.register("register_reports_menu_item")
def report_menu_item():
    return ReportMenuItem(
        _("Partnership report"), reverse("reports_partnership"), icon_name="doc-full", order=100
    )


@hooks.register("register_reports_menu_item")
def annual_report_menu_item():
    return ReportMenuItem(
        _("Annual report"), reverse("reports_annual"), icon_name="doc-full", order=101
    )
