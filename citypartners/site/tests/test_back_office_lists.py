"""Every back-office list (of every app's records) links each row to its edit form."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    ("partnerships", "partnership"),
    ("partnerships", "city"),
    ("owners", "owner"),
    ("partnerships", "focusarea"),
    ("activities", "activity"),
    ("activities", "activitykind"),
    ("organisations", "organisation"),
    ("contacts", "contactperson"),
    ("projects", "project"),
]


@pytest.mark.parametrize("app_label,model_name", LISTS)
def test_list_rows_link_to_the_edit_form(client, app_label, model_name):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    client.force_login(admin)
    model = apps.get_model(app_label, model_name)
    url = reverse(f"wagtailsnippets_{app_label}_{model_name}:list")
    response = client.get(url)
    assert response.status_code == 200
    first = response.context["object_list"][0]
    edit = reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[first.pk])
    assert f'href="{edit}"' in response.content.decode(), model
    assert model.objects.exists()
