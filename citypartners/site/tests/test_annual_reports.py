"""The public annual reports (issue 15, item 3): the section and one page per year, in
German and English, with the figures the public site itself shows for that year.

The small site has the section and a published page for 2026 (built as the demo builds
them); the tests add pages for other years as an editor would, with their translations.
"""

import datetime
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from citypartners.activities.selectors import activities_filtered
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.core import page_cache
from citypartners.funding.models import BudgetLine
from citypartners.funding.tests.factories import BudgetLineFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.models import FocusArea, Partnership
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FoundingDocumentFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)
from citypartners.projects.tests.factories import ProjectFactory
from citypartners.reports.build import build_report
from citypartners.reports.query import ReportQuery
from citypartners.site.models import AnnualReportIndexPage, AnnualReportPage

from .test_no_silent_overwrite import form_data

pytestmark = pytest.mark.django_db

YEAR = 2024
FIRST, LAST = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
PUBLIC_AMOUNT, INTERNAL_AMOUNT = Decimal("4321.50"), Decimal("8765432.10")


def _soup(response):
    assert response.status_code == 200, response.request["PATH_INFO"]
    return BeautifulSoup(response.content.decode(), "html.parser")


def _year_page(year: int, *, title_de=None, title_en=None) -> tuple:
    """A published page for `year` below the annual reports, and its English translation."""
    index = AnnualReportIndexPage.objects.get(locale__language_code="de")
    page = AnnualReportPage(
        title=title_de or f"Jahresbericht {year}",
        year=year,
        intro=f"<p>Einleitung {year}.</p>",
        locale=index.locale,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title_en or f"Annual report {year}"
    english.intro = f"<p>Introduction {year}.</p>"
    english.save()
    english.save_revision().publish()
    return page, english.specific


@pytest.fixture
def year_records():
    """The year 2024: public activities with partner cities, an internal one, a draft, one
    with an unpublished partnership, a founded and an ended partnership, a project, and
    budget lines public and internal."""
    state = Owner.objects.get(slug="land-berlin")
    warsaw = Partnership.objects.get(owner=state, city__slug="warsaw")
    paris = Partnership.objects.get(owner=state, city__slug="paris")
    culture = FocusArea.objects.get(slug="culture")
    day = datetime.date(YEAR, 3, 1)
    ActivityFactory(owner=state, start_date=day, partnerships=[warsaw], focus_areas=[culture])
    ActivityFactory(owner=state, start_date=day, partnerships=[warsaw, paris])
    ActivityFactory(owner=state, start_date=datetime.date(YEAR, 12, 31), partnerships=[paris])
    alone = ActivityFactory(owner=state, start_date=day)
    alone.partnerships.clear()  # no partner city (the factory's default is Warsaw)
    alone.save()
    internal = ActivityFactory(
        owner=state, start_date=day, partnerships=[warsaw], is_public=False, title_en="Hidden"
    )
    draft = ActivityFactory(owner=state, start_date=day, partnerships=[warsaw], live=False)
    # An unpublished partnership with a city of its own: neither it nor its city shows.
    secret_city = CityFactory(slug="example-secret-city", name_en="Secretown", live=False)
    secret = PartnershipFactory(owner=state, city=secret_city, live=False)
    ActivityFactory(owner=state, start_date=day, partnerships=[secret])
    # The years around: not counted.
    ActivityFactory(owner=state, start_date=datetime.date(YEAR - 1, 12, 31), partnerships=[warsaw])
    ActivityFactory(owner=state, start_date=datetime.date(YEAR + 1, 1, 1), partnerships=[paris])
    # A partnership founded in the year, and one ended in it.
    founded = PartnershipFactory(owner=state, city=CityFactory(slug="example-new-city"))
    FoundingDocumentFactory(partnership=founded, date=datetime.date(YEAR, 6, 1))
    PartnershipStatusFactory(partnership=founded, valid_from=datetime.date(YEAR, 6, 1))
    ended = PartnershipFactory(owner=state, city=CityFactory(slug="example-old-city"))
    FoundingDocumentFactory(partnership=ended, date=datetime.date(1990, 1, 1))
    PartnershipStatusFactory(partnership=ended, valid_from=datetime.date(1990, 1, 1))
    PartnershipStatusFactory(
        partnership=ended, valid_from=datetime.date(YEAR, 9, 1), status="ended"
    )
    ProjectFactory(
        start_date=datetime.date(YEAR - 1, 1, 1), end_date=datetime.date(YEAR, 5, 1),
        partnerships=[warsaw], status="running",
    )  # fmt: skip
    BudgetLineFactory(partnership=warsaw, year=YEAR, amount_planned=PUBLIC_AMOUNT, is_public=True)
    BudgetLineFactory(
        partnership=warsaw, year=YEAR, amount_planned=INTERNAL_AMOUNT, is_public=False
    )
    BudgetLineFactory(partnership=secret, year=YEAR, amount_planned=INTERNAL_AMOUNT, is_public=True)
    pages = _year_page(YEAR)
    return {
        "pages": pages,
        "warsaw": warsaw,
        "paris": paris,
        "internal": internal,
        "draft": draft,
        "founded": founded,
        "ended": ended,
    }


def _rows(soup) -> dict:
    """The partner cities' table: city slug -> {count name: number}."""
    return {
        row["data-city"]: {
            cell["data-count"]: int(cell.get_text(" ", strip=True).split()[0])
            for cell in row.select("[data-count]")
        }
        for row in soup.select('[data-annual="cities"] tbody tr')
    }


# --- addresses ---------------------------------------------------------------------------------
def test_the_section_and_the_2026_report_answer_in_both_languages_and_link_each_other(client):
    for own, other in [
        ("/de/jahresberichte/2026/", "/en/annual-reports/2026/"),
        ("/en/annual-reports/2026/", "/de/jahresberichte/2026/"),
        ("/de/jahresberichte/", "/en/annual-reports/"),
    ]:
        soup = _soup(client.get(own))
        assert soup.select_one("nav.language-switch a")["href"] == other
    german = _soup(client.get("/de/jahresberichte/2026/"))
    assert german.h1.get_text(strip=True) == "Jahresbericht 2026"
    assert german.html["lang"] == "de"
    english = _soup(client.get("/en/annual-reports/2026/"))
    assert english.h1.get_text(strip=True) == "Annual report 2026"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_filled_year_page_has_one_h1_headings_in_order_and_every_table_captioned(
    client, year_records, lang
):
    page = year_records["pages"][0 if lang == "de" else 1]
    soup = _soup(client.get(page.url))
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    tables = soup.select("main table")
    assert len(tables) == 4 and all(table.caption.get_text(strip=True) for table in tables)
    # The chart is named by its table's caption, which gives the same numbers.
    chart = soup.select_one("main figure svg")
    assert soup.find(id=chart["aria-labelledby"]).name == "caption"
    cells = [t.get_text() for t in soup.select("figure svg rect + text")]
    assert cells == [td.get_text() for td in soup.select('[data-annual="matrix"] tbody td')]


def test_a_year_without_a_page_is_not_found(client):
    assert client.get("/de/jahresberichte/2019/").status_code == 404
    assert client.get("/en/annual-reports/2019/").status_code == 404


def test_the_section_lists_its_published_years_newest_first(client):
    _year_page(2019)
    _year_page(2027)
    unpublished = AnnualReportPage.objects.get(year=2019, locale__language_code="en")
    unpublished.unpublish()
    german = _soup(client.get("/de/jahresberichte/"))
    assert [a.get_text(strip=True) for a in german.select('[data-annual="years"] a')] == [
        "Jahresbericht 2027",
        "Jahresbericht 2026",
        "Jahresbericht 2019",
    ]
    english = _soup(client.get("/en/annual-reports/"))
    assert [a["href"] for a in english.select('[data-annual="years"] a')] == [
        "/en/annual-reports/2027/",
        "/en/annual-reports/2026/",
    ]


def test_the_overview_links_the_annual_reports(client):
    for url, section in [("/de/", "/de/jahresberichte/"), ("/en/", "/en/annual-reports/")]:
        links = [a["href"] for a in _soup(client.get(url)).select(".more-links a")]
        assert section in links


def test_the_address_of_a_year_page_is_its_year_in_both_languages(client):
    german, english = _year_page(2023, title_de="Bericht über 2023", title_en="Report on 2023")
    assert german.slug == english.slug == "2023"
    assert german.url == "/de/jahresberichte/2023/"
    assert english.url == "/en/annual-reports/2023/"


# --- the editor's work --------------------------------------------------------------------------
def _add_form(client, parent, **values):
    """The add form of a year page below ``parent`` as a browser shows it, posted with
    ``values`` and published at once."""
    url = reverse("wagtailadmin_pages:add", args=("site", "annualreportpage", parent.pk))
    data = form_data(client.get(url).content)
    data.update({name: [value] for name, value in values.items()})
    data["action-publish"] = ["action-publish"]
    return client.post(url, data, follow=True)


def test_an_editor_publishes_a_year_its_address_is_the_year_and_english_waits_as_a_draft(
    admin_client, client
):
    index = AnnualReportIndexPage.objects.get(locale__language_code="de")
    with translation.override("en"):
        response = _add_form(
            admin_client,
            index,
            title="Jahresbericht 2025",
            slug="jahresbericht-2025",
            year="2025",
            intro='{"blocks": [], "entityMap": {}}',
        )
    assert response.status_code == 200
    page = AnnualReportPage.objects.get(year=2025, locale__language_code="de")
    assert page.live and page.url == "/de/jahresberichte/2025/"
    assert client.get("/de/jahresberichte/2025/").status_code == 200
    draft = page.get_translation(Locale.objects.get(language_code="en")).specific
    assert not draft.live and draft.year == 2025 and draft.slug == "2025"
    assert draft.get_parent().specific == index.get_translation(draft.locale).specific


def test_a_second_page_for_the_same_year_is_refused_with_a_message(admin_client):
    index = AnnualReportIndexPage.objects.get(locale__language_code="de")
    response = _add_form(
        admin_client, index, title="Noch einmal 2026", slug="noch-einmal", year="2026"
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    # The back office speaks the account's language (German, the office's default).
    assert "Hier gibt es schon einen Jahresbericht für 2026." in soup.get_text(" ")
    assert AnnualReportPage.objects.filter(year=2026, locale__language_code="de").count() == 1


# --- what a year shows -------------------------------------------------------------------------
def test_the_public_figures_are_what_the_public_site_shows_of_the_year(client, year_records):
    german, english = year_records["pages"]
    for page in (german, english):
        soup = _soup(client.get(page.url))
        rows = _rows(soup)
        # Every partner city's activities, as the public activity list filtered by the city
        # and the year counts them; the link leads to that very list.
        for slug, counts in rows.items():
            city = Partnership.objects.filter(city__slug=slug).first().city
            public = activities_filtered(city=city, date_from=FIRST, date_to=LAST).count()
            assert counts["activities"] == public, slug
        assert rows["warsaw"]["activities"] == 2 and rows["paris"]["activities"] == 2
        link = soup.select_one('[data-city="warsaw"] [data-count="activities"] a')["href"]
        listed = _soup(client.get(link))
        assert len(listed.select(".activity-list > li")) == 2
        # The summary's activities: every public, published activity of the year.
        figures = [int(td.get_text(strip=True)) for td in soup.select("[data-figure]")]
        assert figures[2] == activities_filtered(date_from=FIRST, date_to=LAST).count() == 5
        # Founded and ended in the year; one project ran in it.
        assert rows["example-new-city"]["new"] == 1
        assert rows["example-old-city"]["ended"] == 1
        assert rows["warsaw"]["projects"] == 1
        # Nothing of the unpublished partnership, its city or its public line.
        assert "example-secret-city" not in rows
        assert "Secretown" not in soup.get_text()
        # Money: the public line only, in the page's language.
        money = soup.select_one('[data-annual="money"]').get_text(" ", strip=True)
        assert {"de": "4.321,50", "en": "4,321.50"}[page.locale.language_code] in money
        body = soup.get_text()
        assert "8.765.432,10" not in body and "8,765,432.10" not in body
        assert "8765432" not in str(soup)


def test_a_year_without_public_money_shows_no_money(client, year_records):
    BudgetLine.objects.filter(is_public=True).update(is_public=False)
    soup = _soup(client.get(year_records["pages"][1].url))
    assert soup.select_one('[data-annual="money"]') is None


def test_a_year_in_the_future_says_so_and_shows_no_figures(client):
    future = timezone.localdate().year + 1
    german, english = _year_page(future)
    soup = _soup(client.get(english.url))
    assert soup.select_one('[data-annual="future"]').get_text(" ", strip=True) == (
        f"The year {future} has not begun yet. Its figures follow once there is something to "
        "report."
    )
    assert not soup.select("[data-figure]")


def test_a_year_without_anything_published_says_so(client):
    _german, english = _year_page(2012)
    soup = _soup(client.get(english.url))
    assert soup.select_one('[data-annual="empty"]').get_text(" ", strip=True) == (
        "No activities, projects or changes of partnerships have been published for 2012."
    )


# --- cost ----------------------------------------------------------------------------------------
def _more_of_the_year(n: int):
    """`n` partnerships more (new cities), each with activities, a project and public money
    in the year."""
    state = Owner.objects.get(slug="land-berlin")
    areas = list(FocusArea.objects.all())
    for i in range(n):
        partnership = PartnershipFactory(owner=state)
        FoundingDocumentFactory(partnership=partnership, date=datetime.date(YEAR, 2, 1 + i % 27))
        PartnershipStatusFactory(partnership=partnership, valid_from=datetime.date(YEAR, 2, 1))
        for j in range(3):
            ActivityFactory(
                owner=state,
                start_date=datetime.date(YEAR, 1 + j * 4, 1 + i % 27),
                partnerships=[partnership],
                focus_areas=[areas[(i + j) % len(areas)]],
            )
        ProjectFactory(partnerships=[partnership], status="running", start_date=FIRST)
        BudgetLineFactory(partnership=partnership, year=YEAR, is_public=True)


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_year_page_runs_as_many_queries_with_ten_times_the_data(
    client, year_records, django_assert_max_num_queries
):
    url = year_records["pages"][0].url
    _more_of_the_year(2)
    small = _queries(client, url)
    _more_of_the_year(20)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert len(_rows(_soup(response))) >= 22


def test_the_section_runs_as_many_queries_with_more_years(client, django_assert_max_num_queries):
    small = _queries(client, "/en/annual-reports/")
    for year in range(2000, 2010):
        _year_page(year)
    with django_assert_max_num_queries(small):
        assert client.get("/en/annual-reports/").status_code == 200


def test_a_busy_year_page_weighs_under_200_kb(client, year_records):
    _more_of_the_year(60)
    for page in year_records["pages"]:
        response = client.get(page.url)
        assert len(_rows(_soup(response))) >= 60
        assert len(response.content) < 200_000


def test_partner_cities_with_nothing_public_in_the_year_are_counted_not_listed(
    client, year_records
):
    soup = _soup(client.get(year_records["pages"][1].url))
    rows = _rows(soup)
    assert rows and all(any(counts.values()) for counts in rows.values())
    in_force = build_report(ReportQuery(FIRST, LAST)).cities
    quiet = len(in_force) - len(rows)
    assert quiet > 1
    said = soup.select_one('[data-annual="quiet"]').get_text(" ", strip=True)
    assert (
        said == f"{quiet} more partner cities had no public activity, project or change in {YEAR}."
    )


def test_the_page_lists_no_single_activity(client, year_records):
    soup = _soup(client.get(year_records["pages"][1].url))
    titles = {a.title_en for a in activities_filtered(date_from=FIRST, date_to=LAST)}
    text = soup.get_text(" ")
    assert titles and not any(re.search(re.escape(t), text) for t in titles)


def test_a_line_made_public_purges_the_cached_year_page(
    client, settings, year_records, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    url = year_records["pages"][1].url
    assert client.get(url)[page_cache.HEADER] == "MISS"
    assert client.get(url)[page_cache.HEADER] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        line = BudgetLine.objects.get(amount_planned=INTERNAL_AMOUNT, is_public=False)
        line.is_public = True
        line.save()
    response = client.get(url)
    assert response[page_cache.HEADER] == "MISS"
    assert "8,769,753.60" in response.content.decode()  # the two lines of Warsaw together
    page_cache.clear()
