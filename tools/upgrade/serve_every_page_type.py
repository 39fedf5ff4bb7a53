"""After an upgrade: the site serves every page type in both languages, the open data, and
the back office opens an edit form of every kind of record.

Run against the upgraded database (DATABASE_URL) by tools/upgrade/check; exits 1 naming
each failure.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypartners.settings.test")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
django.setup()

from django.contrib.admin.utils import quote  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Locale, get_page_models  # noqa: E402
from wagtail.snippets.models import get_snippet_models  # noqa: E402

OPEN_DATA = ["/api/v1/partnerships/", "/api/v1/activities/", "/api/v1/projects/"]


def main():
    failures, served = [], 0
    client = Client()
    for model in get_page_models():
        if not model.__module__.startswith("citypartners."):
            continue
        for locale in Locale.objects.all():
            page = model.objects.live().filter(locale=locale).order_by("path").first()
            if page is None:
                print(f"  {model.__name__} ({locale.language_code}): none in this database")
                continue
            url = page.get_url()
            status = client.get(url).status_code
            served += 1
            if status != 200:
                failures.append(f"{url} ({model.__name__}): {status}")
    for url in OPEN_DATA:
        status = client.get(url).status_code
        served += 1
        if status != 200:
            failures.append(f"{url}: {status}")

    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        admin = get_user_model().objects.create_superuser(
            "upgrade-check", "upgrade-check@example.org", None
        )
    client.force_login(admin)
    for model in get_snippet_models():
        record = model._default_manager.order_by("pk").first()
        if record is None:
            continue
        url = reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(record.pk)])
        status = client.get(url).status_code
        served += 1
        if status != 200:
            failures.append(f"{url} (edit {model.__name__}): {status}")
    for model in get_page_models():
        if not model.__module__.startswith("citypartners."):
            continue
        page = model.objects.order_by("path").first()
        if page is not None:
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            status = client.get(url).status_code
            served += 1
            if status != 200:
                failures.append(f"{url} (edit {model.__name__}): {status}")

    for failure in failures:
        print(f"  FAILED {failure}")
    print(f"  {served} requests, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
