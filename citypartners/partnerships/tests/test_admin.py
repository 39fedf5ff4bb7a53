"""The back office: an editor changes a partnership and sees it; bad input is refused."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from citypartners.accounts.services import account_create
from citypartners.partnerships.models import City, Partnership, PartnershipStatus

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


@pytest.fixture
def editor_client(client):
    user = account_create(role="state-moderator", email="editor@example.org", password=PASSWORD)
    client.force_login(user)
    return client


def _partnership_form(partnership, *, statuses, kind=None):
    documents = [
        {
            "id": d.pk,
            "kind": d.kind,
            "date": d.date.isoformat(),
            "date_precision": d.date_precision,
            "note_de": d.note_de,
            "note_en": d.note_en,
            "source": d.source,
            "is_shown": "on" if d.is_shown else "",
        }
        for d in partnership.founding_documents.all()
    ]
    return nested_form_data(
        {
            "owner": partnership.owner_id,
            "action-publish": "action-publish",
            "city": partnership.city_id,
            "kind": kind or partnership.kind,
            "focus_areas": [a.pk for a in partnership.focus_areas.all()],
            "founding_documents": inline_formset(documents, initial=len(documents)),
            "status_history": inline_formset(statuses, initial=partnership.status_history.count()),
            "verified": "on",
            "editor_note": "",
        }
    )


def _existing_statuses(partnership):
    return [
        {
            "id": s.pk,
            "status": s.status,
            "valid_from": s.valid_from.isoformat(),
            "reason_de": s.reason_de,
            "reason_en": s.reason_en,
        }
        for s in partnership.status_history.all()
    ]


def _edit_url(partnership):
    return reverse("wagtailsnippets_partnerships_partnership:edit", args=[partnership.pk])


def test_editor_suspends_a_partnership_and_the_site_shows_it(editor_client, client):
    paris = Partnership.objects.get(city__geonames_id=2988507)
    statuses = _existing_statuses(paris) + [
        {
            "status": "suspended",
            "valid_from": "2026-01-15",
            "reason_de": "Beispielgrund.",
            "reason_en": "Example reason.",
        }
    ]
    response = editor_client.post(_edit_url(paris), _partnership_form(paris, statuses=statuses))
    assert response.status_code == 302, response.context["form"].errors
    assert paris.status_history.order_by("valid_from").last().status == "suspended"
    page = client.get("/en/paris/").content.decode()
    assert "Status: suspended since 15 January 2026" in page and "Example reason." in page


def test_status_before_the_partnership_began_is_refused_in_the_editors_language(editor_client):
    paris = Partnership.objects.get(city__geonames_id=2988507)
    before = PartnershipStatus.objects.count()
    statuses = _existing_statuses(paris) + [{"status": "ended", "valid_from": "1980-01-01"}]
    response = editor_client.post(
        _edit_url(paris), _partnership_form(paris, statuses=statuses), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "lies before the partnership began" in response.content.decode()
    assert PartnershipStatus.objects.count() == before


def test_second_partnership_with_the_same_city_is_refused(editor_client):
    paris = Partnership.objects.get(city__geonames_id=2988507)
    count = Partnership.objects.count()
    data = nested_form_data(
        {
            "owner": paris.owner_id,
            "city": paris.city_id,
            "kind": "partnership",
            "founding_documents": inline_formset([]),
            "status_history": inline_formset([]),
            "verified": "on",
        }
    )
    response = editor_client.post(
        reverse("wagtailsnippets_partnerships_partnership:add"), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "already has a partnership with this city" in response.content.decode()
    assert Partnership.objects.count() == count


def test_unknown_country_code_is_refused_in_the_city_form(editor_client):
    count = City.objects.count()
    response = editor_client.post(
        reverse("wagtailsnippets_partnerships_city:add"),
        {"name_en": "Atlantis", "name_de": "Atlantis", "slug": "atlantis", "country_code": "QQ"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    # Only the country is wrong: the form names it and nothing else.
    errors = response.context["form"].errors
    assert list(errors) == ["country_code"], errors
    assert "“QQ” is not an ISO 3166 country code" in errors["country_code"][0]
    assert City.objects.count() == count


def test_partnership_list_searches_and_filters(editor_client):
    url = reverse("wagtailsnippets_partnerships_partnership:list")
    response = editor_client.get(url, {"q": "Warsch"})
    assert response.status_code == 200
    names = [p.city.name_en for p in response.context["object_list"]]
    assert "Warsaw" in names and all(name.startswith("Warsaw") for name in names)
    response = editor_client.get(url, {"verified": "false"})
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert rows and all(not p.verified for p in rows)


def test_geonames_lookup_fills_coordinates_and_id(editor_client, client):
    url = reverse("geonames_lookup")
    data = editor_client.get(url, {"q": "Windhoek"}).json()["results"]
    assert data[0]["geonames_id"] == 3352136
    assert (data[0]["latitude"], data[0]["longitude"]) == (-22.5594, 17.0832)
    assert editor_client.get(url, {"q": "x"}).json()["results"] == []
    client.logout()
    anonymous = client.get(url, {"q": "Windhoek"})
    assert anonymous.status_code == 302  # to the login page


def test_editor_account_cannot_be_a_superuser_by_accident():
    user = account_create(role="state-moderator", email="second@example.org", password=PASSWORD)
    assert not user.is_superuser
    assert user.has_perm("partnerships.change_partnership")
    assert user.has_perm("wagtailadmin.access_admin")
    assert get_user_model().objects.filter(email="second@example.org").count() == 1


@pytest.mark.parametrize(
    "app,model",
    [
        ("partnerships", "partnership"),
        ("partnerships", "city"),
        ("owners", "owner"),
        ("partnerships", "focusarea"),
    ],
)
def test_back_office_lists_and_forms_open(editor_client, app, model):
    prefix = f"wagtailsnippets_{app}_{model}"
    assert editor_client.get(reverse(f"{prefix}:list")).status_code == 200
    assert editor_client.get(reverse(f"{prefix}:add")).status_code == 200
    obj = apps.get_model(app, model).objects.first()
    response = editor_client.get(reverse(f"{prefix}:edit", args=[obj.pk]))
    assert response.status_code == 200
    if model == "city":
        assert '<option value="FR">Frankreich (FR)</option>' in response.content.decode()
