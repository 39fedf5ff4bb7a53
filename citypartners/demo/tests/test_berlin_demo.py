"""The Berlin demo data set itself: what it holds, that loading it twice changes nothing, and
the pages that show the real data (the Senate's list, the boroughs, the maps).

The only tests that load the demo. It is loaded once for this module, in a transaction that
is rolled back after the last test, so the small test site is back for every other module;
each test's own transaction nests inside (as a savepoint).
"""

import datetime
import io
import itertools
import math
import re

import openpyxl
import pypdf
import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation
from wagtail.models import Page, Revision

from citypartners.activities.models import Activity
from citypartners.demo.loader import load_berlin
from citypartners.funding.models import BudgetLine
from citypartners.partnerships import selectors
from citypartners.partnerships.models import City, CitySummary, FoundingDocument, Partnership
from citypartners.site.models import EasyLanguagePage
from citypartners.site.setup import COUNTED

pytestmark = pytest.mark.django_db


def _clear_caches():
    # Wagtail keeps the site's root paths in the cache, and Django the content types' ids:
    # the flush makes new content types, and the rollback brings the old ones back.
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


LOADED = {}  # what loading the demo said it created


@pytest.fixture(scope="module", autouse=True)
def berlin_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo instead of the small site, for this module only (its example video's files in
    a folder of their own, not the checkout's media)."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    with django_db_blocker.unblock(), media:
        with transaction.atomic():
            call_command("flush", "--no-input", verbosity=0)  # the small site, rolled back below
            _clear_caches()
            LOADED["report"] = load_berlin()
            yield
            transaction.set_rollback(True)
        _clear_caches()


# --- the data set ---------------------------------------------------------------------------


def _snapshot():
    return (
        City.objects.count(),
        Partnership.objects.count(),
        FoundingDocument.objects.count(),
        Page.objects.count(),
        Revision.objects.count(),
        Activity.objects.count(),
        BudgetLine.objects.count(),
        list(Partnership.objects.values_list("pk", "owner_id", "city_id", "kind", "verified")),
    )


def test_loading_twice_changes_nothing():
    before = _snapshot()
    report = load_berlin()
    assert report.total == 0
    assert _snapshot() == before


def test_what_the_demo_says_it_created_is_named_in_both_languages():
    created = LOADED["report"].created
    assert created and set(created) <= set(COUNTED), set(created) - set(COUNTED)
    with translation.override("de"):
        assert all(str(COUNTED[what]) != what for what in created)


def test_demo_data_set_has_all_partnerships_and_flags_single_source_rows():
    assert Partnership.objects.filter(owner__kind="state").count() == 19
    assert Partnership.objects.filter(owner__kind="borough").count() == 130
    unverified = Partnership.objects.filter(verified=False)
    assert unverified.count() == 66  # the rows marked single_source
    assert all("Single source" in p.editor_note for p in unverified)
    # Every state partnership has a German and an English page.
    for partnership in Partnership.objects.filter(owner__kind="state"):
        assert {p.locale.language_code for p in partnership.pages.all()} == {"de", "en"}


def test_demo_activities_are_published_and_invented_ones_say_so():
    activities = Activity.objects.all()
    assert activities.count() == 47 and all(a.live for a in activities)
    examples = [a for a in activities if not a.source]
    assert len(examples) == 11
    assert all(
        a.title_de.startswith("Beispiel: ") and a.title_en.startswith("Example: ") for a in examples
    )
    facts = [a for a in activities if a.source]
    assert not any(a.title_en.startswith("Example") for a in facts)


def test_demo_budget_lines_are_invented_examples_that_say_so_and_mostly_internal():
    lines = BudgetLine.objects.select_related("partnership__owner")
    assert lines.count() == 7
    assert all(
        line.note_de.startswith("Beispiel mit erfundenen Zahlen")
        and line.note_en.startswith("Example with invented figures")
        for line in lines
    )
    assert {line.partnership.owner.slug for line in lines} == {
        "land-berlin",
        "charlottenburg-wilmersdorf",
    }
    assert lines.filter(is_public=True).count() == 1
    assert all(line.revisions.count() == 1 for line in lines)
    # Each line's project, where it has one, is one of its partnership's (the service says).
    assert all(
        line.project is None or line.partnership in line.project.partnerships.all()
        for line in lines
    )


def test_boroughs_with_partnerships_lists_all_twelve_in_order():
    boroughs = selectors.boroughs_with_partnerships()
    assert len(boroughs) == 12
    assert boroughs[0].name_de == "Charlottenburg-Wilmersdorf"
    assert sum(len(b.partnership_list) for b in boroughs) == 130


# --- the overview equals the Senate's list of partner cities, in both languages -------------

# The Senate's overview table (17 cities) plus Kyiv and Tel Aviv-Yafo, as in shared/data.
EXPECTED = [
    ("Los Angeles", "1967-06-27"),
    ("Paris", "1987-07-02"),
    ("Madrid", "1988-11-04"),
    ("Istanbul", "1989-11-17"),
    ("Warsaw", "1991-08-12"),
    ("Moscow", "1991-08-28"),
    ("Budapest", "1991-12-14"),
    ("Brussels", "1992-06-01"),
    ("Jakarta", "1993-04-22"),
    ("Tashkent", "1993-04-30"),
    ("Mexico City", "1993-09-01"),
    ("Beijing", "1994-04-05"),
    ("Tokyo", "1994-05-14"),
    ("Buenos Aires", "1994-05-19"),
    ("Prague", "1995-06-10"),
    ("Windhoek", "2000-07-06"),
    ("London", "2000-10-10"),
    ("Kyiv", "2023-09-14"),
    ("Tel Aviv-Yafo", "2025-05-05"),
]
GERMAN_NAMES = {
    "Warsaw": "Warschau",
    "Moscow": "Moskau",
    "Brussels": "Brüssel",
    "Tashkent": "Taschkent",
    "Mexico City": "Mexiko-Stadt",
    "Beijing": "Peking",
    "Tokyo": "Tokio",
    "Prague": "Prag",
    "Windhoek": "Windhuk",
    "Tel Aviv-Yafo": "Tel Aviv",
}


def _table(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    rows = []
    for tr in soup.select("#partner-cities tbody tr"):
        link = tr.th.a
        rows.append((link.get_text(strip=True), tr.find("time")["datetime"], link["href"]))
    return soup, rows


def test_english_overview_table_is_the_senates_list_in_order(client):
    soup, rows = _table(client, "/en/")
    assert [(name, date) for name, date, _href in rows] == EXPECTED
    assert soup.find("time", datetime="1967-06-27").get_text() == "27 June 1967"
    # Each city links to its own page, which answers.
    for _name, _date, href in rows:
        assert href.startswith("/en/") and client.get(href).status_code == 200


def test_german_overview_table_uses_german_names_and_dates(client):
    soup, rows = _table(client, "/de/")
    expected = [(GERMAN_NAMES.get(name, name), date) for name, date in EXPECTED]
    assert [(name, date) for name, date, _href in rows] == expected
    assert soup.find("time", datetime="1967-06-27").get_text() == "27. Juni 1967"
    moscow = soup.select_one("#partner-cities").find("a", string="Moskau").find_parent("th")
    assert "ausgesetzt" in moscow.get_text()


def test_borough_pages_list_their_partnerships(client):
    soup = BeautifulSoup(client.get("/de/bezirke/").content.decode(), "html.parser")
    assert len(soup.select("section.borough")) == 12
    assert len(soup.select(".borough-cities li")) == 130
    spandau = BeautifulSoup(client.get("/en/boroughs/spandau/").content.decode(), "html.parser")
    assert len(spandau.select("#borough-partners tbody tr")) == 8


def test_the_overview_map_links_all_19_partner_cities(client):
    html = client.get("/en/").content.decode()
    start = html.index('aria-labelledby="partner-map-caption"')
    svg = html[start : html.index("</svg>", start)]
    assert len(re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg)) == 19


def test_no_point_hides_another_on_the_real_maps(client):
    """The demo's cities crowd in Europe: the maps must move them apart."""
    for url, map_id in (("/de/", "partner-map"), ("/de/bezirke/", "boroughs-map")):
        html = client.get(url).content.decode()
        start = html.index(f'aria-labelledby="{map_id}-caption"')
        svg = html[start : html.index("</svg>", start)]
        circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
        points = [(float(x), float(y), float(r)) for x, y, r in circles]
        assert len(points) > 10
        for (x1, y1, r), (x2, y2, _r) in itertools.combinations(points, 2):
            assert math.hypot(x1 - x2, y1 - y2) >= 2 * r, (url, x1, y1, x2, y2)


# --- the partnership report (issue 15) ---------------------------------------------------------


def _activities_2022_2023():
    """Every activity of 2022 and 2023, public and internal, recounted plainly."""

    zone = timezone.get_current_timezone()
    start = datetime.datetime(2022, 1, 1, tzinfo=zone)
    end = datetime.datetime(2024, 1, 1, tzinfo=zone)
    return [a for a in Activity.objects.all() if a.ends_at > start and a.starts_at < end]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_report_of_2022_and_2023_holds_every_activity_of_the_period_and_nothing_else(
    tmp_path, language
):
    expected = _activities_2022_2023()
    assert expected, "the demo has activities in 2022 and 2023"
    titles = sorted(getattr(a, f"title_{language}") or a.title_de or a.title_en for a in expected)
    files = {}
    for form in ("html", "pdf", "xlsx"):
        files[form] = tmp_path / f"report.{form}"
        call_command(
            "partnership_report",
            "--from",
            "2022-01-01",
            "--to",
            "2023-12-31",
            "--internal",
            "--language",
            language,
            "--format",
            form,
            "--output",
            str(files[form]),
            stdout=io.StringIO(),
        )
    page = BeautifulSoup(files["html"].read_text(), "html.parser")
    assert {int(row["data-activity"]) for row in page.select("[data-activity]")} == {
        a.pk for a in expected
    }
    book = openpyxl.load_workbook(files["xlsx"])
    sheet = book[{"de": "Aktivitäten", "en": "Activities"}[language]]  # one row each
    assert sorted(row[2] for row in list(sheet.values)[1:]) == titles
    summary = {row[0]: row[1] for row in list(book.worksheets[0].values)[1:7]}
    assert list(summary.values())[2] == len(expected)
    reader = pypdf.PdfReader(files["pdf"])
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    # Compared without spaces: a line may break after a dash, which the text then keeps.
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    for title in titles:
        assert "".join(title.split()) in text


# --- the funded example activity and its grant report (issue 15) ---------------------------
GRANT_SLUG = "example-2027-07-youth-exchange-mexico-city"
GRANT_DE = f"/de/aktivitaeten/{GRANT_SLUG}/foerderbericht/"
GRANT_EN = f"/en/activities/{GRANT_SLUG}/grant-report/"


def test_one_demo_activity_is_funded_and_its_facts_say_they_are_invented():
    funded = [a for a in Activity.objects.all() if a.is_funded]
    assert [a.slug for a in funded] == [GRANT_SLUG]
    activity = funded[0]
    assert activity.funding_programme_de.startswith("Beispiel: ")
    assert activity.funding_programme_en.startswith("Example: ")
    assert 2 <= activity.programme_days.count() <= 4
    assert sum(r.participants for r in activity.participant_countries.all()) == 30
    # The facts are published with the activity: its live revision holds them too.
    published = activity.live_revision.as_object()
    assert published.grant_agreement_number == activity.grant_agreement_number
    assert published.programme_days.count() == activity.programme_days.count()


def test_the_demo_grant_report_answers_in_both_languages_and_the_switch_links_them(client):
    german = client.get(GRANT_DE)
    english = client.get(GRANT_EN)
    assert german.status_code == 200 and english.status_code == 200
    de_soup = BeautifulSoup(german.content, "html.parser")
    en_soup = BeautifulSoup(english.content, "html.parser")
    assert de_soup.select_one(".language-switch a[hreflang=en]")["href"] == GRANT_EN
    assert en_soup.select_one(".language-switch a[hreflang=de]")["href"] == GRANT_DE
    assert de_soup.h1.get_text(strip=True) == "Beispiel: Jugendbegegnung Berlin–Mexiko-Stadt"
    assert en_soup.h1.get_text(strip=True) == "Example: Berlin–Mexico City youth exchange"
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in en_soup.select("table tbody tr, table tfoot tr")
    ]
    assert rows == [["Germany", "16"], ["Mexico", "14"], ["Total", "30"]]
    assert "Example: Federal Child and Youth Plan" in en_soup.select_one("dl.facts").get_text()
    assert "invented example" in en_soup.select_one(".funding-statement").get_text()
    assert "erfundenes Beispiel" in de_soup.select_one(".funding-statement").get_text()
    # The activity page leads to its report.
    page = BeautifulSoup(client.get(f"/en/activities/{GRANT_SLUG}/").content, "html.parser")
    assert page.find("a", href=GRANT_EN) is not None


# --- the sign-language page ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,language,example",
    [("/de/gebaerdensprache/", "de", "Beispiel"), ("/en/sign-language/", "en", "Example")],
)
def test_the_sign_language_page_shows_its_example_video_with_captions_and_transcript(
    client, url, language, example
):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    video = soup.find("video")
    assert video.has_attr("controls") and not video.has_attr("autoplay")
    assert (video["width"], video["height"]) == ("320", "240")  # BITV 2.0's least
    tracks = video.find_all("track", kind="captions")
    assert [t["srclang"] for t in tracks] == [language, "en" if language == "de" else "de"]
    assert tracks[0].has_attr("default")
    # Video, transcript and text say in the page's language that the video is an example.
    transcript = soup.select_one(".transcript .rich-text").get_text(" ", strip=True)
    assert transcript.startswith(f"{example}:")
    assert {"de": "Beispielvideo", "en": "example video"}[language] in soup.find("main").get_text()
    assert "WebM" in soup.select_one(".video__download").get_text()


# --- the annual report ------------------------------------------------------------------------


def test_the_2026_annual_report_answers_in_both_languages_and_the_switch_links_them(client):
    pages = {"/de/jahresberichte/2026/": "/en/annual-reports/2026/"}
    pages |= {english: german for german, english in pages.items()}
    for url, other in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < 200_000
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        assert soup.select_one("nav.language-switch a")["href"] == other
        # The invented introduction says that it is an example.
        intro = soup.select_one(".intro").get_text(" ", strip=True)
        assert intro.startswith({"de": "Beispieltext", "en": "Example text"}[url[1:3]])
        assert soup.select('[data-annual="cities"] tbody tr')
    index = BeautifulSoup(client.get("/en/annual-reports/").content.decode(), "html.parser")
    assert [a["href"] for a in index.select('[data-annual="years"] a')] == [
        "/en/annual-reports/2026/"
    ]


def test_seven_partner_cities_have_a_summary_in_their_language_marked_as_an_example(client):
    summaries = {
        (s.city.slug, s.language, s.is_example) for s in CitySummary.objects.select_related("city")
    }
    assert summaries == {
        ("warsaw", "pl", True),
        ("paris", "fr", True),
        ("madrid", "es", True),
        ("buenos-aires", "es", True),
        ("kyiv", "uk", True),
        ("tel-aviv", "he", True),
        ("tokyo", "ja", True),
    }
    german = client.get("/de/tel-aviv/").content.decode()
    assert '<div class="partner-summary__text" lang="he" dir="rtl">' in german
    assert "Beispieltext für die Demo, nicht vom Büro geschrieben." in german
    english = client.get("/en/tokyo/").content.decode()
    assert '<div class="partner-summary__text" lang="ja" dir="ltr">' in english
    assert "Example text written for the demo, not by the office." in english


# --- easy language and the accessibility statement ----------------------------------------------


def test_the_demo_has_the_easy_language_pages_with_all_19_partner_cities_in_both_languages(client):
    for lang in ("de", "en"):
        assert EasyLanguagePage.objects.live().filter(locale__language_code=lang).count() == 5
    for url, first in (
        ("/de/leichte-sprache/partner-staedte/", "Los Angeles"),
        ("/en/easy-language/partner-cities/", "Los Angeles"),
    ):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        cities = [li.get_text(" ", strip=True) for li in soup.select("ul.easy-cities > li")]
        assert len(cities) == 19, url
        assert cities[0].startswith(first) and "1967" in cities[0]
        assert cities[-1].startswith("Tel Aviv") and "2025" in cities[-1]


def test_the_demo_statement_names_berlins_enforcement_body_and_its_known_limitations(client):
    for url, body in (
        ("/de/barrierefreiheit/", "Landesbeauftragte für digitale Barrierefreiheit"),
        ("/en/accessibility/", "Commissioner for Digital Accessibility"),
    ):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        main = soup.find("main")
        assert body in main.select_one("[data-part='enforcement'] address").get_text()
        assert len(main.select("li.limitation")) == 3
        assert not main.select(".muted"), url
