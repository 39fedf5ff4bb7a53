"""One shim so that wagtail-2fa 1.8 loads on Wagtail 8.

wagtail-2fa imports ``wagtail.users.widgets.UserListingButton`` for a "Manage 2FA" button in
the user list; Wagtail 8 removed that module (its listing buttons are
``wagtail.admin.widgets.ListingButton``). Everything that does the two-factor work (devices,
TOTP checks, the middleware) is the library's and django-otp's own code. Remove this file
once wagtail-2fa supports Wagtail 8.
"""

import importlib.util
import sys
import types


def _listing_button(name):
    if name == "UserListingButton":
        from wagtail.admin.widgets import ListingButton  # only once the apps are loaded

        return ListingButton
    raise AttributeError(name)


def install():
    if importlib.util.find_spec("wagtail.users.widgets") is None:
        module = types.ModuleType("wagtail.users.widgets")
        module.__getattr__ = _listing_button
        sys.modules["wagtail.users.widgets"] = module
