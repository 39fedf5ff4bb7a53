"""The audit log is Wagtail's site history report, open only to those allowed to read it."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView

AUDIT_PERMISSION = "accounts.view_audit_log"


def _guarded(view):
    @require_admin_access
    def guarded(request, *args, **kwargs):
        if not request.user.has_perm(AUDIT_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


audit_log = _guarded(LogEntriesView.as_view())
audit_log_results = _guarded(LogEntriesView.as_view(results_only=True))
