"""Owner rights that match the work: a borough's editors change the cities their borough
added (until another owner uses one) and their own borough's page; the state everything."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.permissions import policy_registry

from citypartners.accounts.services import account_create, roles_sync
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City
from citypartners.partnerships.services import city_create, partnership_create
from citypartners.site.models import BoroughPage

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"


def _account(role, email, owner=None):
    return account_create(role=role, email=email, password=PASSWORD, owner=owner)


@pytest.fixture
def mitte_editor():
    return _account("borough-editor", "mitte@example.org", owner="mitte")


def _refused(response) -> bool:
    """Turned away: Wagtail answers a refused screen with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def _city_edit(city):
    return reverse("wagtailsnippets_partnerships_city:edit", args=[city.pk])


def _city_data(city, *, action="action-publish", **changes):
    data = {
        action: action,
        "name_en": city.name_en,
        "name_de": city.name_de,
        "name_local": city.name_local,
        "slug": city.slug,
        "country_code": city.country_code,
        "latitude": "",
        "longitude": "",
        "geonames_id": "",
        "wikidata_id": "",
        # The form's inline list of summaries in partner languages, empty.
        "summaries-TOTAL_FORMS": "0",
        "summaries-INITIAL_FORMS": "0",
        "summaries-MIN_NUM_FORMS": "0",
        "summaries-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def _mittes_city():
    return city_create(
        name_en="Example Town",
        name_de="Beispielstadt",
        country_code="FR",
        owner=Owner.objects.get(slug="mitte"),
    )


def test_a_city_added_in_the_back_office_records_the_borough_that_added_it(client, mitte_editor):
    client.force_login(mitte_editor)
    response = client.post(
        reverse("wagtailsnippets_partnerships_city:add"),
        {
            **_city_data(
                City(name_en="Newtown", name_de="Neustadt", slug="newtown", country_code="GB"),
                action="action-publish",
            )
        },  # fmt: skip
    )
    assert response.status_code == 302
    city = City.objects.get(slug="newtown")
    assert city.created_by_owner.slug == "mitte"
    assert city.live  # a borough's editors publish their own records without review


def test_a_borough_editor_changes_the_city_his_borough_added(client, mitte_editor):
    city = _mittes_city()
    client.force_login(mitte_editor)
    assert client.get(_city_edit(city)).status_code == 200
    response = client.post(_city_edit(city), _city_data(city, name_en="Example City"))
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name_en == "Example City"


def test_a_borough_editor_no_longer_changes_his_city_once_another_owner_uses_it(
    client, mitte_editor
):
    city = _mittes_city()
    partnership_create(owner=Owner.objects.get(slug="spandau"), city=city)
    client.force_login(mitte_editor)
    assert _refused(client.get(_city_edit(city)))
    assert _refused(client.post(_city_edit(city), _city_data(city, name_en="Example City")))
    city.refresh_from_db()
    assert city.name_en == "Example Town"


def test_his_own_boroughs_partnership_in_the_city_does_not_take_it_from_him(client, mitte_editor):
    city = _mittes_city()
    partnership_create(owner=Owner.objects.get(slug="mitte"), city=city)
    client.force_login(mitte_editor)
    assert client.get(_city_edit(city)).status_code == 200


def test_a_borough_editor_does_not_change_a_city_the_state_added(client, mitte_editor):
    paris = City.objects.get(slug="paris")
    client.force_login(mitte_editor)
    assert _refused(client.get(_city_edit(paris)))


def test_the_state_changes_every_city(client):
    city = _mittes_city()
    partnership_create(owner=Owner.objects.get(slug="spandau"), city=city)
    client.force_login(_account("state-moderator", "moderator@example.org"))
    for record in (city, City.objects.get(slug="paris")):
        assert client.get(_city_edit(record)).status_code == 200


def test_the_city_list_offers_a_borough_editor_only_his_cities_to_change(mitte_editor):
    city = _mittes_city()
    used = _mittes_city()
    partnership_create(owner=Owner.objects.get(slug="spandau"), city=used)
    policy = policy_registry.get_by_type(City)
    changeable = policy.instances_user_has_permission_for(mitte_editor, "change")
    assert list(changeable) == [city]
    assert policy.instances_user_has_permission_for(mitte_editor, "view").count() == (
        City.objects.count()
    )


def _page_edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_borough_editor_edits_his_boroughs_page_in_both_languages_and_no_other(
    client, mitte_editor
):
    client.force_login(mitte_editor)
    own = BoroughPage.objects.filter(borough__slug="mitte")
    assert own.count() == 2  # German and English
    for page in own:
        assert client.get(_page_edit(page)).status_code == 200
    other = BoroughPage.objects.filter(borough__slug="spandau").first()
    assert _refused(client.get(_page_edit(other)))
    home = Page.objects.get(depth=2, locale__language_code="de")
    assert _refused(client.get(_page_edit(home)))


def test_a_borough_editor_publishes_his_boroughs_page(client, mitte_editor):
    page = BoroughPage.objects.get(borough__slug="mitte", locale__language_code="de")
    assert page.permissions_for_user(mitte_editor).can_publish()
    other = BoroughPage.objects.get(borough__slug="spandau", locale__language_code="de")
    assert not other.permissions_for_user(mitte_editor).can_edit()


def test_a_borough_editor_is_refused_the_reports_over_the_whole_page_tree(client, mitte_editor):
    client.force_login(mitte_editor)
    assert _refused(client.get(reverse("wagtailadmin_reports:page_types_usage")))
    client.force_login(_account("state-editor", "editor@example.org"))
    assert client.get(reverse("wagtailadmin_reports:page_types_usage")).status_code == 200


def test_existing_borough_editors_get_their_page_rights_from_the_sync(mitte_editor):
    mitte_editor.groups.filter(name="Borough editors: mitte").delete()
    assert not mitte_editor.groups.filter(name__startswith="Borough editors:").exists()
    roles_sync()
    assert [g.name for g in mitte_editor.groups.filter(name__startswith="Borough editors:")] == [
        "Borough editors: mitte"
    ]
    page = BoroughPage.objects.get(borough__slug="mitte", locale__language_code="en")
    assert page.permissions_for_user(mitte_editor).can_edit()
