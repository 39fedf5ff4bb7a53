"""The "new partner city" screen (issue 14, item 4) through the test client: one form makes
the city (from GeoNames), the partnership with its founding document and file, and the
city's page in German and English as linked drafts; bad input changes nothing and says why
in the editor's language; a borough editor works only for his borough.

The German messages need the compiled German catalogue (compile_catalogues)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState

from citypartners.accounts.services import account_create
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.partnerships.services import DocumentData
from citypartners.site.models import PartnerCityPage
from citypartners.site.partner_city_services import partner_city_create

pytestmark = pytest.mark.django_db

URL = reverse("citypartners_new_partner_city")
WINDHOEK = 3352136
PARIS = 2988507  # a state partner city of the small site
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _login(client, role, owner=None):
    user = account_create(
        role=role,
        email=f"{role}@example.org",
        password="a long and careful passphrase",
        owner=owner,
    )
    client.force_login(user)
    return user


def _data(**changes):
    owner = Owner.objects.get(kind=Owner.Kind.STATE)
    data = {
        "geonames_id": WINDHOEK,
        "name_de": "Windhuk",
        "name_en": "Windhoek",
        "owner": owner.pk,
        "kind": "partnership",
        "status": "active",
        "focus_areas": [a.pk for a in FocusArea.objects.filter(slug__in=["culture", "climate"])],
        "document_kind": "agreement",
        "document_date": "2026-05-04",
        "document_title": "Partnerschaftsvertrag Berlin–Windhuk",
        "start_date": "",
        "action-submit": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _counts():
    return (
        City.objects.count(),
        Partnership.objects.count(),
        Page.objects.count(),
        get_document_model().objects.count(),
        WorkflowState.objects.count(),
    )


def test_a_state_editor_makes_city_partnership_and_both_pages_as_linked_drafts_in_review(client):
    editor = _login(client, "state-editor")
    upload = SimpleUploadedFile("vertrag.pdf", PDF, content_type="application/pdf")
    response = client.post(URL, {**_data(), "document_file": upload}, HTTP_ACCEPT_LANGUAGE="en")

    city = City.objects.get(geonames_id=WINDHOEK)
    assert (city.name_de, city.name_en, city.country_code, city.slug) == (
        "Windhuk",
        "Windhoek",
        "NA",
        "windhoek",
    )
    assert (float(city.latitude), float(city.longitude)) == (-22.5594, 17.0832)
    partnership = Partnership.objects.get(city=city)
    assert partnership.owner.kind == Owner.Kind.STATE and not partnership.live
    assert {a.slug for a in partnership.focus_areas.all()} == {"culture", "climate"}
    (document,) = partnership.founding_documents.all()
    assert document.date == datetime.date(2026, 5, 4) and document.is_shown
    assert document.document.title == "Partnerschaftsvertrag Berlin–Windhuk"
    assert document.document.file.read() == PDF
    (status,) = partnership.status_history.all()
    assert (status.status, status.valid_from) == ("active", datetime.date(2026, 5, 4))

    de = PartnerCityPage.objects.get(partnership=partnership, locale__language_code="de")
    en = PartnerCityPage.objects.get(partnership=partnership, locale__language_code="en")
    assert de.translation_key == en.translation_key
    # ... and wagtail-localize's translation of it (the Translations report lists it).
    from wagtail_localize.models import Translation

    assert Translation.objects.filter(
        source__object_id=de.translation_key, target_locale=en.locale
    ).exists()
    assert (de.title, de.url_path.endswith("/windhuk/"), de.live) == ("Windhuk", True, False)
    assert (en.title, en.url_path.endswith("/windhoek/"), en.live) == ("Windhoek", True, False)
    assert de.get_parent().specific_class.__name__ == "HomePage"

    # All four wait for the moderators' review, submitted by the editor.
    for record in (city, partnership, de, en):
        record.refresh_from_db()
        state = record.current_workflow_state
        assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS, record
        assert state.requested_by == editor

    # The one screen change: to the German page's edit form, ready for text.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[de.pk])
    follow = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "submitted for review. Write the page" in follow.content.decode()


def test_an_existing_city_with_that_geonames_id_is_used_again(client):
    _login(client, "state-moderator")
    paris = City.objects.get(geonames_id=PARIS)
    mitte = Owner.objects.get(slug="mitte")
    cities = City.objects.count()
    response = client.post(
        URL,
        _data(
            geonames_id=PARIS,
            name_de="Paris",
            name_en="Paris",
            owner=mitte.pk,
            **{"action-submit": None, "action-draft": ""},
        ),
    )
    assert response.status_code == 302
    assert City.objects.count() == cities
    partnership = Partnership.objects.get(owner=mitte, city=paris)
    page = PartnerCityPage.objects.get(partnership=partnership, locale__language_code="de")
    assert page.get_parent().specific.borough == mitte  # below the borough's page
    assert not paris.current_workflow_state  # the city was not touched


def test_a_moderator_publishes_all_four_at_once(client):
    _login(client, "state-moderator")
    response = client.post(URL, _data(**{"action-submit": None, "action-publish": ""}))
    assert response.status_code == 302
    city = City.objects.get(geonames_id=WINDHOEK)
    partnership = Partnership.objects.get(city=city)
    pages = PartnerCityPage.objects.filter(partnership=partnership)
    assert city.live and partnership.live and [p.live for p in pages] == [True, True]
    assert client.get("/de/windhuk/").status_code == 200
    assert client.get("/en/windhoek/").status_code == 200


def test_a_state_editor_cannot_publish_directly(client):
    _login(client, "state-editor")
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    before = _counts()
    response = client.post(
        URL, _data(**{"action-submit": None, "action-publish": ""}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "You may not publish these records directly" in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(
    ("language", "changes", "message"),
    [
        ("en", {"geonames_id": ""}, "Choose the city from the GeoNames matches."),
        ("de", {"geonames_id": ""}, "Wählen Sie die Stadt aus den Treffern von GeoNames."),
        ("en", {"geonames_id": "999999999"}, "Choose the city from the GeoNames matches."),
        (
            "en",
            {"geonames_id": PARIS, "name_en": "Paris", "name_de": "Paris"},
            "State of Berlin already has a partnership with Paris.",
        ),
        (
            "de",
            {"geonames_id": PARIS, "name_en": "Paris", "name_de": "Paris"},
            "Land Berlin hat bereits eine Partnerschaft mit Paris.",
        ),
        (
            "en",
            {"start_date": "2026-01-01"},
            "The status cannot begin before the founding document (2026-05-04).",
        ),
        (
            "de",
            {"start_date": "2026-01-01"},
            "Der Status kann nicht vor dem Gründungsdokument beginnen (2026-05-04).",
        ),
        ("en", {"document_date": ""}, "This field is required."),
        ("de", {"document_date": ""}, "Dieses Feld muss ausgefüllt werden."),
    ],
)
def test_bad_input_says_why_in_the_editors_language_and_changes_nothing(
    client, language, changes, message
):
    _login(client, "state-editor")
    before = _counts()
    response = client.post(URL, _data(**changes), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "is not a PDF file, whatever its name says"),
        ("de", "ist keine PDF-Datei"),
    ],
)
def test_a_file_that_is_no_pdf_is_refused_and_nothing_is_stored(client, language, message):
    _login(client, "state-editor")
    before = _counts()
    upload = SimpleUploadedFile(
        "vertrag.pdf", b"<html>not a pdf</html>", content_type="application/pdf"
    )
    response = client.post(URL, {**_data(), "document_file": upload}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before


def test_a_borough_editor_is_offered_only_his_borough_and_publishes_it(client):
    _login(client, "borough-editor", owner="mitte")
    mitte = Owner.objects.get(slug="mitte")
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    owner_select = html[
        html.index('name="owner"') : html.index("</select>", html.index('name="owner"'))
    ]
    assert f'value="{mitte.pk}"' in owner_select and owner_select.count("<option") == 1
    assert 'name="action-publish"' in html  # his own borough's records need no review

    state = Owner.objects.get(kind=Owner.Kind.STATE)
    before = _counts()
    response = client.post(URL, _data(owner=state.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert _counts() == before

    response = client.post(
        URL, _data(owner=mitte.pk, **{"action-submit": None, "action-publish": ""})
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(owner=mitte, city__geonames_id=WINDHOEK)
    assert partnership.live and partnership.city.live
    assert partnership.city.created_by_owner == mitte  # his borough may correct the city
    page = PartnerCityPage.objects.get(partnership=partnership, locale__language_code="de")
    assert page.live and page.get_parent().specific.borough == mitte


def test_accounts_without_the_rights_do_not_reach_the_screen(client):
    _login(client, "reviewer")
    assert client.get(URL).status_code in (302, 403)


def test_the_dashboard_and_the_menu_lead_to_the_screen(client):
    _login(client, "state-editor")
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    panel = html[html.index('id="dashboard-new-partner-city') :]
    assert f'href="{URL}"' in panel[:2000]
    assert "New partner city" in html and html.count(URL) >= 2  # the panel and the sidebar


def test_a_second_city_of_a_taken_name_gets_free_addresses(client):
    """Paris in Texas beside the small site's Paris: the city's slug names its country, the
    pages' addresses are numbered; nothing is typed."""
    _login(client, "state-moderator")
    response = client.post(
        URL,
        _data(geonames_id=4717560, name_de="Paris", name_en="Paris", **{"action-draft": ""}),
    )
    assert response.status_code == 302
    city = City.objects.get(geonames_id=4717560)
    assert (city.slug, city.country_code) == ("paris-us", "US")
    pages = PartnerCityPage.objects.filter(partnership__city=city)
    assert sorted(p.slug for p in pages) == ["paris-2", "paris-2"]


def test_the_service_refuses_a_file_that_is_no_pdf_and_writes_nothing():
    before = _counts()
    with pytest.raises(ValidationError):
        partner_city_create(
            user=None,
            owner=Owner.objects.get(kind=Owner.Kind.STATE),
            geonames_id=WINDHOEK,
            name_de="Windhuk",
            name_en="Windhoek",
            kind="partnership",
            status="active",
            start_date=datetime.date(2026, 5, 4),
            focus_areas=[],
            document=DocumentData(kind="agreement", date=datetime.date(2026, 5, 4), is_shown=True),
            upload=SimpleUploadedFile("vertrag.pdf", b"<html></html>"),
        )
    assert _counts() == before
