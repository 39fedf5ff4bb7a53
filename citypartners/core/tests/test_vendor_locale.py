"""Third-party strings that their own German catalogues leave untranslated, translated in
citypartners/vendor_locale, as the back office shows them."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def test_the_page_explorer_names_a_pages_language_in_german(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(admin)
    root = Page.objects.get(depth=1)
    html = client.get(f"/admin/pages/{root.pk}/").content.decode()
    # The explorer's filter by language: its button in the filters' drilldown.
    label = re.search(r'aria-controls="drilldown-id_locale"[^\n]*\n\s*(\S+)', html)
    assert label and label.group(1) == "Sprache"
