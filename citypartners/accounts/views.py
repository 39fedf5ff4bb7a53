"""Back-office views of accounts: the audit log (Wagtail's site history report, only for
those allowed to read it), Wagtail's bulk actions naming only records the account may see,
the lockout page and the second-factor login."""

import functools

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail_2fa import views as wagtail_2fa_views
from wagtail_2fa.forms import TokenForm

from citypartners.core.clients import client_address, client_key

from .visibility import may_see

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


class VisibleRecordsBulkActionMixin:
    """A bulk action that names and acts on only the chosen records the account may see.

    Wagtail's confirmation page lists each chosen record, those the account may not act on
    as well ("you don't have permission to ..."), and "select all" chooses every record of
    the model; here a record the account may not see is left out as if it had not been
    chosen, and a request choosing none it may see is a 404, as for records that do not
    exist."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        objects = [record for record in objects if may_see(user, record)]
        without_access = [r for r in extra.get("items_with_no_access", []) if may_see(user, r)]
        if not objects and not without_access:
            raise Http404
        return objects, {**extra, "items_with_no_access": without_access}


@functools.cache
def _visible_records_only(action_class):
    return type(action_class.__name__, (VisibleRecordsBulkActionMixin, action_class), {})


@require_admin_access
def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk action view (wagtail.admin.views.bulk_action.index) for the actions in
    its registry, each naming only visible records. Whether the account may see the model at
    all is the admin gate's question (accounts.middleware)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    return _visible_records_only(action_class)(request, model).dispatch(request)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer after too many failed logins: 429, in the visitor's language, and
    the same whether or not the account exists."""
    from django.conf import settings
    from django.shortcuts import render

    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


_password_reset = PasswordResetView.as_view()


def password_reset(request, *args, **kwargs):
    """Wagtail's password reset, at most PASSWORD_RESET_RATE_LIMIT requests per client.

    The form is public and mails a link to any back-office address it is given; without a
    limit, anyone could flood the office's inboxes. Counted in the cache (fixed window), like
    the API throttle, since a reset request stores nothing of its own to count.
    """
    if request.method == "POST":
        limit, seconds = settings.PASSWORD_RESET_RATE_LIMIT
        key = f"password-reset:{client_key(client_address(request))}"
        cache.add(key, 0, seconds)
        if cache.incr(key) > limit:
            return render(request, "accounts/reset_limited.html", status=429)
    return _password_reset(request, *args, **kwargs)


class DeviceTokenForm(TokenForm):
    """wagtail-2fa's code form, naming the device as django-otp (1.7.2 and later) requires.

    With one device (the usual case) the device is chosen without asking; with several, the
    form offers them to choose from.
    """

    otp_device = forms.ChoiceField(label=_("Device"), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        devices = (
            list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
            if user.is_authenticated
            else []
        )
        self.fields["otp_device"].choices = [(d.persistent_id, d.name) for d in devices]
        self._only_device = devices[0].persistent_id if len(devices) == 1 else None

    @property
    def extra_fields(self):
        if self._only_device is None:
            yield "otp_device", self["otp_device"]

    def clean(self):
        if self._only_device and not self.cleaned_data.get("otp_device"):
            self.cleaned_data["otp_device"] = self._only_device
        return super().clean()


class TwoFactorLoginView(wagtail_2fa_views.LoginView):
    form_class = DeviceTokenForm


# The largest id a device or an account can have (a 32-bit database integer); a larger one in
# an address made the database fail (a 500) where it is simply not there.
MAX_ID = 2**31 - 1


def _existing(model, pk):
    """The record with this id from an address, or 404."""
    found = model.objects.filter(pk=int(pk)).first() if int(pk) <= MAX_ID else None
    if found is None:
        raise Http404
    return found


class DeviceListView(wagtail_2fa_views.DeviceListView):
    def dispatch(self, request, *args, **kwargs):
        if int(kwargs["user_id"]) > MAX_ID:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DeviceUpdateView(wagtail_2fa_views.DeviceUpdateView):
    def dispatch(self, request, *args, **kwargs):
        if int(kwargs["pk"]) > MAX_ID:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DeviceDeleteView(wagtail_2fa_views.DeviceDeleteView):
    """wagtail-2fa's removal of a device; a device that does not exist is a 404 (the
    library's view answered 500), and the way back is the device owner's list whatever
    the form posted."""

    def dispatch(self, request, *args, **kwargs):
        _existing(TOTPDevice, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("wagtail_2fa_device_list", kwargs={"user_id": self.object.user_id})
