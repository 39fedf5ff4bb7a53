"""A new office's site without the demo: `manage.py setup_site --no-input` on a database as
`migrate` leaves it gives every public page in German and English, the office's settings
with its own home city, its owners and an administrator, and nothing invented.

The site is set up once for this module (in a transaction rolled back after its last test);
each test's own changes are rolled back as usual.
"""

import io
import os
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from citypartners.activities.models import Activity
from citypartners.contacts.models import ContactPerson
from citypartners.core.home_city import home_city
from citypartners.core.models import OfficeSettings
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Project
from citypartners.site.models import AccessibilityPage, AnnualReportIndexPage, AnnualReportPage
from citypartners.site.setup import SECTIONS
from citypartners.site.setup_texts import easy_language_topics

from .empty import migrated_database, row_counts

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"
OPTIONS = [
    "--no-input",
    "--language=en",
    "--home-city=Hamburg",
    "--home-country=DE",
    "--office-name-de=Freie und Hansestadt Hamburg – Senatskanzlei",
    "--office-name-en=Free and Hanseatic City of Hamburg – Senate Chancellery",
    "--street=Rathausmarkt 1",
    "--postcode=20095",
    "--phone=+49 40 42831-0",
    "--email=international@hamburg.test",
    "--state-slug=hamburg",
    "--state-name-de=Freie und Hansestadt Hamburg",
    "--state-name-en=Free and Hanseatic City of Hamburg",
    "--boroughs=altona:Altona,eimsbuettel:Eimsbüttel:Eimsbuettel",
    "--admin-email=admin@hamburg.test",
]


def setup_site(*options, **env) -> str:
    """Run the command with `env` as its environment's SETUP_* variables; its output."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("SETUP_")]:
            patch.delenv(name)
        patch.setenv("SETUP_ADMIN_PASSWORD", PASSWORD)
        for name, value in env.items():
            patch.setenv(name, value)
        call_command("setup_site", *options, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def office_site(django_db_setup, django_db_blocker):
    """Hamburg's office, set up by the command on a freshly migrated database."""
    with django_db_blocker.unblock(), migrated_database():
        yield setup_site(*OPTIONS)


# The pages in easy language below the easy-language page (what partnerships are, the partner
# cities, taking part, contact, how to use the site).
EASY_TOPICS = len(easy_language_topics(city=SimpleNamespace(name_de="", name_en="")))


def _soup(response):
    assert response.status_code == 200, response.request["PATH_INFO"]
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_first_run_says_what_it_made(office_site):
    assert office_site.startswith("Found in GeoNames: Hamburg (DE), 53.5507, 9.993")
    assert "Set up: administrators: 1, cities: 1, owners: 3, pages: 40" in office_site
    assert "import_wikidata FILE --owner hamburg" in office_site


def test_every_page_answers_in_both_languages_and_the_switch_leads_to_its_translation(client):
    pages = [p.specific for p in Page.objects.live().filter(depth__gt=1).order_by("path")]
    # The overview, every section, both boroughs' pages and the pages in easy language, each
    # in German and English.
    assert len(pages) == 2 * (1 + len(SECTIONS) + 2 + EASY_TOPICS)
    for page in pages:
        lang = page.locale.language_code
        other = page.get_translations().get()
        assert other.locale.language_code != lang
        soup = _soup(client.get(page.url))
        assert soup.html["lang"] == lang
        assert soup.select_one("nav.language-switch a")["href"] == other.url, page.url
        assert len(soup.select(".footer-links a")) == 5
        address = soup.select_one(".contact-block address").get_text(" ", strip=True)
        assert "Rathausmarkt 1" in address and "+49 40 42831-0" in address
    assert {type(p).__name__ for p in pages} == {
        "HomePage",
        "BoroughPage",
        "EasyLanguagePage",
        *(section.model.__name__ for section in SECTIONS),
    }


@pytest.mark.parametrize(
    "url",
    [
        "/de/suche/?q=Hamburg",
        "/en/search/?q=Hamburg",
        "/de/aktivitaeten/kalender/",
        "/de/feeds/activities.ics",
        "/en/feeds/activities.atom",
        "/de/offene-daten/",
        "/en/open-data/api/",
        "/opendata/partnerships.csv",
        "/api/v1/partnerships/",
    ],
)
def test_search_calendar_feeds_and_open_data_answer_on_the_empty_site(client, url):
    assert client.get(url).status_code == 200


def test_the_welcome_page_is_gone_and_the_default_site_shows_the_overview(client):
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    site = Site.objects.get()
    assert site.is_default_site and site.root_page.specific_class.__name__ == "HomePage"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Location"] == "/en/"
    assert _soup(client.get("/en/")).h1.get_text(strip=True) == "City partnerships of Hamburg"
    assert _soup(client.get("/de/")).h1.get_text(strip=True) == (
        "Städtepartnerschaften von Hamburg"
    )


def test_nothing_is_invented():
    assert not Partnership.objects.exists()
    assert not Activity.objects.exists()
    assert not Project.objects.exists()
    assert not Organisation.objects.exists()
    assert not ContactPerson.objects.exists()
    # The one city is the office's own, from GeoNames.
    assert list(City.objects.values_list("name_en", "country_code", "geonames_id")) == [
        ("Hamburg", "DE", 2911298)
    ]
    invented = re.compile(r"beispiel|example|muster|berlin", re.IGNORECASE)
    for page in Page.objects.specific():
        texts = [page.title] + [
            getattr(page, name, "") for name in ("intro", "body", "thanks_text")
        ]
        assert not any(invented.search(text or "") for text in texts), page.title


def test_the_rendered_pages_name_hamburg_never_berlin_nor_an_example(client):
    for page in Page.objects.live().filter(depth__gt=1):
        main = _soup(client.get(page.url)).find("main").get_text(" ", strip=True)
        assert not re.search(r"Beispiel|Example|Berlin", main), (page.url, main)
    main = _soup(client.get("/en/")).find("main").get_text(" ", strip=True)
    assert "Partner cities of Hamburg" in main


def test_the_office_settings_owners_and_administrator():
    office = OfficeSettings.for_site(Site.objects.get())
    assert office.name_en == "Free and Hanseatic City of Hamburg – Senate Chancellery"
    assert (office.street, office.postcode, office.town_de) == (
        "Rathausmarkt 1",
        "20095",
        "Hamburg",
    )
    assert office.email == "international@hamburg.test"
    footer = [getattr(office, name) for name in OfficeSettings.FOOTER_FIELDS]
    assert [page.locale.language_code for page in footer] == ["de"] * 5
    city = home_city()
    assert (city.name_de, city.time_zone, city.point) == (
        "Hamburg",
        "Europe/Berlin",
        (9.993, 53.5507),
    )
    assert list(Owner.objects.values_list("slug", "kind", "name_en", "sort_order")) == [
        ("hamburg", "state", "Free and Hanseatic City of Hamburg", 0),
        ("altona", "borough", "Altona", 1),
        ("eimsbuettel", "borough", "Eimsbuettel", 2),
    ]
    admin = get_user_model().objects.get()
    assert admin.email == "admin@hamburg.test" and admin.is_superuser and admin.is_staff
    assert admin.check_password(PASSWORD)
    assert admin.membership.owner.slug == "hamburg"


def test_a_second_run_changes_nothing_and_says_so():
    before = row_counts()
    out = setup_site(*OPTIONS)
    assert "The site is set up already; nothing changed." in out
    assert row_counts() == before


def test_the_annual_reports_section_is_set_up_once_in_both_languages_and_empty(client):
    def sections():
        return [
            (page.locale.language_code, page.slug, page.title)
            for page in AnnualReportIndexPage.objects.order_by("locale__language_code")
        ]

    expected = [
        ("de", "jahresberichte", "Jahresberichte"),
        ("en", "annual-reports", "Annual reports"),
    ]
    assert sections() == expected
    setup_site(*OPTIONS)
    assert sections() == expected
    assert not AnnualReportPage.objects.exists()  # each year's report is the editors' to write
    text = _soup(client.get("/en/annual-reports/")).get_text(" ", strip=True)
    assert "No annual report has been published yet." in text


def test_a_second_run_with_other_values_keeps_the_office_settings_and_names_them():
    out = setup_site(*OPTIONS, "--phone=+49 40 1234")
    assert "nothing changed" in out
    assert "Kept as it is: phone (change it in the back office)." in out
    assert OfficeSettings.objects.get().phone == "+49 40 42831-0"


def test_a_deleted_section_page_is_made_again_in_both_languages(client):
    Page.objects.filter(slug__in=["projekte", "projects"]).delete()
    assert client.get("/en/projects/").status_code == 404
    out = setup_site(*OPTIONS)
    assert "Set up: pages: 2." in out
    assert client.get("/en/projects/").status_code == 200
    assert client.get("/de/projekte/").status_code == 200


def test_a_footer_page_moved_to_another_address_is_not_made_again():
    imprint = Page.objects.get(slug="impressum").specific
    imprint.slug = "impressum-und-kontakt"
    imprint.save_revision().publish()
    before = row_counts()
    assert "nothing changed" in setup_site(*OPTIONS)
    assert row_counts() == before


@pytest.mark.parametrize(
    "options,env,message",
    [
        (["--email=no-address"], {}, "“no-address” is not a valid e-mail address."),
        (["--home-time-zone=Mars/Olympus"], {}, "“Mars/Olympus” is not a time zone name"),
        (["--home-latitude=north"], {}, "“north” is not a number."),
        (["--home-latitude=123"], {}, "latitude lies between -90 and 90"),
        (["--boroughs=altona"], {}, "“altona” is not a borough as slug:German name"),
        (["--boroughs=Altona Nord:Altona"], {}, "“Altona Nord” is not a slug"),
        (["--boroughs=hamburg:Hamburg"], {}, "Each owner needs its own slug: hamburg."),
        # A new borough and a new administrator whose password is refused: neither is kept.
        (
            ["--boroughs=bergedorf:Bergedorf", "--admin-email=second@hamburg.test"],
            {"SETUP_ADMIN_PASSWORD": "short"},
            "This password is too short.",
        ),
    ],
)
def test_bad_input_is_an_error_and_changes_nothing(options, env, message):
    before = row_counts()
    with pytest.raises(CommandError) as error:
        setup_site(*OPTIONS, *options, **env)
    assert message in str(error.value)
    assert str(error.value).endswith("Nothing was changed.")
    assert row_counts() == before


def test_errors_speak_the_users_language():
    with pytest.raises(CommandError) as error:
        setup_site(
            *OPTIONS,
            "--language=de",
            "--admin-email=second@hamburg.test",
            SETUP_ADMIN_PASSWORD="short",
        )
    assert "Dieses Passwort ist zu kurz." in str(error.value)


def test_every_english_page_is_the_linked_translation_of_its_german_page(admin_client):
    from wagtail_localize.models import Translation  # noqa: PLC0415 (only this test)

    english = Page.objects.filter(depth__gt=1, locale__language_code="en")
    for page in english:
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=page.locale, enabled=True
        )
        assert translation.get_progress()[0] == translation.get_progress()[1], page.title
    assert english.count() == 1 + len(SECTIONS) + 2 + EASY_TOPICS


def test_the_accessibility_statement_is_left_for_the_office_to_fill(client):
    statement = AccessibilityPage.objects.get(locale__language_code="en")
    assert (statement.conformance, statement.enforcement_name, len(statement.limitations)) == (
        "",
        "",
        0,
    )
    main = _soup(client.get(statement.url)).find("main")
    assert "The office has not yet named the enforcement body." in main.get_text(" ", strip=True)
    assert len(main.select(".muted")) == 5


def test_the_easy_partner_cities_page_names_hamburg_and_lists_no_invented_city(client):
    main = _soup(client.get("/en/easy-language/partner-cities/")).find("main")
    assert main.select_one("#easy-cities-heading").get_text() == "Hamburg has 0 partner cities"
    assert main.select("ul.easy-cities li") == []
