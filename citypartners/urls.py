"""Public pages under /de/ and /en/; admin and documents outside the language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from citypartners.accounts import views as account_views
from citypartners.core.diagnostics import smoke_test_urls
from citypartners.opendata import views as opendata_views
from citypartners.opendata.api import api
from citypartners.site import seo_views
from citypartners.site import views as search_views

urlpatterns = [
    # Before Wagtail's admin: the site history (the audit log) only for those who may read it.
    path("admin/reports/site-history/", account_views.audit_log),
    path("admin/reports/site-history/results/", account_views.audit_log_results),
    path("admin/2fa/auth", account_views.TwoFactorLoginView.as_view(), name="wagtail_2fa_auth"),
    # Before Wagtail's admin: the password reset, limited per client (it sends mail).
    path(
        "admin/password_reset/",
        account_views.password_reset,
        name="wagtailadmin_password_reset",
    ),
    # Before wagtail-2fa's own: an id that does not exist is a 404, not a 500.
    re_path(
        r"^admin/2fa/devices/(?P<user_id>\d+)$",
        account_views.DeviceListView.as_view(),
        name="wagtail_2fa_device_list",
    ),
    re_path(
        r"^admin/2fa/devices/(?P<pk>\d+)/update$",
        account_views.DeviceUpdateView.as_view(),
        name="wagtail_2fa_device_update",
    ),
    re_path(
        r"^admin/2fa/devices/(?P<pk>\d+)/remove$",
        account_views.DeviceDeleteView.as_view(),
        name="wagtail_2fa_device_remove",
    ),
    # Before Wagtail's admin: bulk actions name (and act on) only records the account may see.
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        account_views.bulk_action,
        name="wagtail_bulk_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    re_path(
        r"^opendata/(?P<entity>cities|partnerships|activities|projects|organisations)\.csv$",
        opendata_views.download_csv,
        name="opendata_csv",
    ),
    path(
        "opendata/partner-cities.geojson",
        opendata_views.download_geojson,
        name="opendata_geojson",
    ),
    path("opendata/catalog.jsonld", opendata_views.download_catalogue, name="opendata_catalogue"),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", seo_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("favicon.ico", seo_views.favicon_ico, name="favicon_ico"),
    path("print-origin.css", seo_views.print_origin_css, name="print_origin_css"),
    # /healthz and /readyz: answered by core.health.HealthCheckMiddleware, before any URL.
    *smoke_test_urls(),  # only with CITYPARTNERS_SMOKE_TEST=1 (deploy/smoke-test)
]

# In production nginx serves MEDIA_ROOT (deploy/nginx/citypartners.conf); here only in debug.
if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("feeds/", include("citypartners.site.feed_urls")),
    path(_("search/"), search_views.search, name="search"),
    path(_("open-data/"), opendata_views.open_data, name="open_data"),
    path(_("open-data/api/"), opendata_views.api_docs, name="api_docs"),
    path("share/site.png", seo_views.share_site, name="share_site"),
    path("share/city-<int:pk>.png", seo_views.share_city, name="share_city"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
