"""Reports → Partnership report (issue 15)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import may_report, partnership_report


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_report(request.user)


@hooks.register("register_admin_urls")
def report_urls():
    return [path("reports/partnerships/", partnership_report, name="reports_partnership")]


@hooks.register("register_reports_menu_item")
def report_menu_item():
    return ReportMenuItem(
        _("Partnership report"), reverse("reports_partnership"), icon_name="doc-full", order=100
    )
