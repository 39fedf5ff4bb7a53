"""The site's URLs plus the smoke test's forced error, for the logging tests."""

from django.urls import path

from citypartners.core.diagnostics import forced_error
from citypartners.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("smoke-test/error/", forced_error), *site_urlpatterns]
