"""The Berlin demo's funded example activity: its grant report answers in both languages, says
it is an example, and the language switch leads from one to the other.

Loads the demo as test_berlin_demo does (its module fixture, imported), rolled back after."""

import pytest
from bs4 import BeautifulSoup

from citypartners.activities.models import Activity

from .test_berlin_demo import berlin_demo  # noqa: F401 (the demo for this module)

pytestmark = pytest.mark.django_db

SLUG = "example-2027-07-youth-exchange-mexico-city"
DE = f"/de/aktivitaeten/{SLUG}/foerderbericht/"
EN = f"/en/activities/{SLUG}/grant-report/"


def test_one_demo_activity_is_funded_and_its_facts_say_they_are_invented():
    funded = [a for a in Activity.objects.all() if a.is_funded]
    assert [a.slug for a in funded] == [SLUG]
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
    german = client.get(DE)
    english = client.get(EN)
    assert german.status_code == 200 and english.status_code == 200
    de_soup = BeautifulSoup(german.content, "html.parser")
    en_soup = BeautifulSoup(english.content, "html.parser")
    assert de_soup.select_one(".language-switch a[hreflang=en]")["href"] == EN
    assert en_soup.select_one(".language-switch a[hreflang=de]")["href"] == DE
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
    page = BeautifulSoup(client.get(f"/en/activities/{SLUG}/").content, "html.parser")
    assert page.find("a", href=EN) is not None
