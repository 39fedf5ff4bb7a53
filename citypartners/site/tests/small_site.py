"""The small test site: a few records of every kind, built with factories, and the bilingual tree.

Every test database starts from it (see the root conftest.py). It keeps the demo's slugs and
page addresses (warsaw, /de/warschau/, /de/aktivitaeten/, land-berlin, mitte, ...) so tests read
like the site they test, but it holds only what the tests need: six state partnerships (one
suspended, one with two conflicting dates), three boroughs with one partner each, a handful of
activities, two projects, organisations and contact people with and without consent. Tests about
the real Berlin data set load the demo themselves (citypartners/demo/tests/test_berlin_demo.py).
"""

import datetime

from django.db import transaction
from wagtail.models import Collection

from citypartners.activities.tests.factories import ActivityFactory, ActivityKindFactory
from citypartners.contacts.tests.factories import ContactPersonFactory
from citypartners.demo.loader import BerlinLoader
from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.tests.factories import (
    CityFactory,
    FocusAreaFactory,
    FoundingDocumentFactory,
    OwnerFactory,
    PartnershipFactory,
    PartnershipStatusFactory,
)
from citypartners.projects.tests.factories import ProjectFactory, ProjectOrganisationFactory

FOCUS_AREAS = [
    ("business", "Wirtschaft", "Business"),
    ("culture", "Kultur", "Culture"),
    ("youth-exchange", "Jugendaustausch", "Youth exchange"),
    ("climate", "Klima", "Climate"),
    ("science", "Wissenschaft und Forschung", "Science and academics"),
    ("judiciary", "Justiz", "Judiciary"),  # no partnership has it yet: a gap to find
]
KINDS = [
    ("official-visit", "Delegationsbesuch", "Official visit"),
    ("seminar", "Fachkräfteseminar", "Seminar for specialists and senior staff"),
    ("cultural-event", "Kulturveranstaltung", "Cultural event"),
]
# slug, English, German, local name, country, latitude, longitude, GeoNames id, since
STATE_CITIES = [
    ("paris", "Paris", "Paris", "Paris", "FR", "48.8534", "2.3488", 2988507, "1987-07-02"),
    ("madrid", "Madrid", "Madrid", "Madrid", "ES", "40.4165", "-3.7026", 3117735, "1988-11-04"),
    ("warsaw", "Warsaw", "Warschau", "Warszawa", "PL", "52.2298", "21.0118", 756135, "1991-08-12"),
    ("moscow", "Moscow", "Moskau", "Москва", "RU", "55.7520", "37.6178", 524901, "1991-08-28"),
    (
        "jakarta",
        "Jakarta",
        "Jakarta",
        "Jakarta",
        "ID",
        "-6.2146",
        "106.8451",
        1642911,
        "1993-04-22",
    ),
    ("tokyo", "Tokyo", "Tokio", "東京", "JP", "35.6895", "139.6917", 1850147, "1994-05-14"),
]
# borough slug, German, English, partner city (English, German, country, lat, lon), since
BOROUGHS = [
    ("charlottenburg-wilmersdorf", "Charlottenburg-Wilmersdorf", "Charlottenburg-Wilmersdorf",
     ("Apeldoorn", "Apeldoorn", "NL", "52.2112", "5.9699"), 1968),
    ("mitte", "Mitte", "Mitte", ("Shinjuku", "Shinjuku", "JP", "35.6939", "139.7036"), 1994),
    ("spandau", "Spandau", "Spandau", ("Luton", "Luton", "GB", "51.8791", "-0.4176"), 1959),
]  # fmt: skip


def _date(value):
    return datetime.date.fromisoformat(value)


class _PageBuilder(BerlinLoader):
    """The demo's page-tree helpers with its texts cut to their first paragraph: the search
    index stems every word of every page on each save, and the long texts only cost time."""

    def __init__(self):
        super().__init__()
        for key, value in self.texts.items():
            if key == "pages":
                continue
            for texts in value.values() if key == "cities" else [value]:
                for lang, text in texts.items():
                    texts[lang] = text.split("</p>")[0] + "</p>"


@transaction.atomic
def build_small_site():
    """Create the small test site in an empty database (Wagtail's migrations' root page only)."""
    # After a flush (PostgreSQL's transactional tests) Wagtail's migrated root collection is
    # gone too; documents and images need it.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    state = OwnerFactory(
        slug="land-berlin", kind=Owner.Kind.STATE, name_de="Land Berlin", name_en="State of Berlin"
    )
    boroughs = {
        slug: OwnerFactory(slug=slug, name_de=de, name_en=en, sort_order=order)
        for order, (slug, de, en, _city, _since) in enumerate(BOROUGHS, start=1)
    }
    areas = {
        slug: FocusAreaFactory(slug=slug, name_de=de, name_en=en, sort_order=order)
        for order, (slug, de, en) in enumerate(FOCUS_AREAS)
    }
    kinds = {
        slug: ActivityKindFactory(slug=slug, name_de=de, name_en=en, sort_order=order)
        for order, (slug, de, en) in enumerate(KINDS)
    }

    # The state's partner cities, each with its founding document and status.
    cities = {"berlin": CityFactory(slug="berlin", name_en="Berlin", name_de="Berlin",
                                    country_code="DE", latitude="52.5244",
                                    longitude="13.4105", geonames_id=2950159)}  # fmt: skip
    partnerships = {}
    for slug, en, de, local, country, lat, lon, geonames_id, since in STATE_CITIES:
        city = CityFactory(
            slug=slug,
            name_en=en,
            name_de=de,
            name_local=local,
            country_code=country,
            latitude=lat,
            longitude=lon,
            geonames_id=geonames_id,
        )
        cities[slug] = city
        partnership = PartnershipFactory(owner=state, city=city)
        FoundingDocumentFactory(partnership=partnership, date=_date(since))
        PartnershipStatusFactory(partnership=partnership, valid_from=_date(since))
        partnerships[slug] = partnership
    moscow = partnerships["moscow"]
    FoundingDocumentFactory(
        partnership=moscow, kind="declaration", date=_date("1990-11-12"), is_shown=False
    )
    PartnershipStatusFactory(
        partnership=moscow,
        status="suspended",
        valid_from=_date("2022-02-24"),
        reason_de="Die Partnerschaft ruht auf offizieller Ebene.",
        reason_en="The partnership is dormant at official level.",
    )
    jakarta = partnerships["jakarta"].founding_documents.get()
    jakarta.kind = "declaration"
    jakarta.save()
    FoundingDocumentFactory(
        partnership=partnerships["jakarta"],
        kind="declaration",
        date=_date("1994-04-13"),
        is_shown=False,
    )
    for slug, focus in [
        ("paris", ["business", "youth-exchange"]),
        ("warsaw", ["culture"]),
        ("tokyo", ["climate"]),
    ]:
        partnerships[slug].focus_areas.set([areas[a] for a in focus])
        partnerships[slug].save()  # parental relations are written on save

    # One partner city for each borough, with a year as its date.
    for slug, _de, _en, (city_en, city_de, country, lat, lon), since in BOROUGHS:
        city = CityFactory(
            slug=city_en.lower(),
            name_en=city_en,
            name_de=city_de,
            country_code=country,
            latitude=lat,
            longitude=lon,
        )
        # Spandau's partnership rests on one source only: unverified.
        partnership = PartnershipFactory(
            owner=boroughs[slug], city=city, verified=slug != "spandau"
        )
        FoundingDocumentFactory(
            partnership=partnership,
            kind="document",
            date=datetime.date(since, 1, 1),
            date_precision="year",
        )

    # Activities: upcoming and past, in several cities and focus areas, all the state's.
    for title_de, title_en, kind, status, cities_of, focus, start in [
        ("Beispiel: Kulturtage Warschau", "Example: Warsaw culture days", "cultural-event",
         "planned", ["warsaw"], ["culture"], "2030-05-04"),
        ("Beispiel: Klimaseminar Tokio", "Example: Tokyo climate seminar", "seminar",
         "planned", ["tokyo"], ["climate"], "2030-06-10"),
        ("Beispiel: Jugendbegegnung Paris", "Example: Paris youth meeting", "official-visit",
         "done", ["paris", "warsaw"], ["youth-exchange"], "2005-09-01"),
    ]:  # fmt: skip
        ActivityFactory(
            owner=state,
            title_de=title_de,
            title_en=title_en,
            kind=kinds[kind],
            status=status,
            start_date=_date(start),
            partnerships=[partnerships[c] for c in cities_of],
            focus_areas=[areas[a] for a in focus],
        )

    # The network: organisations, people (one without consent) and two projects.
    organisations = {}
    for slug, name, type_, city, focus, partners in [
        ("example-gymnasium-berlin", "Beispiel-Gymnasium Berlin-Mitte (Beispiel / Example)",
         "school", "berlin", ["youth-exchange", "climate"], ["paris", "warsaw"]),
        ("example-lycee-paris", "Lycée Exemple, Paris (Beispiel / Example)",
         "school", "paris", ["youth-exchange"], ["paris"]),
        ("example-tokyo-climate-institute",
         "Tokyo Example Institute for Urban Climate (Beispiel / Example)",
         "research", "tokyo", ["climate"], ["tokyo"]),
        ("example-warsaw-sports-club", "Przykładowy Klub Sportowy Warszawa (Beispiel / Example)",
         "sports", "warsaw", ["youth-exchange"], ["warsaw"]),
    ]:  # fmt: skip
        organisations[slug] = OrganisationFactory(
            owner=state,
            slug=slug,
            name=name,
            type=type_,
            city=cities[city],
            description_de="<p>Ein erfundenes Beispiel.</p>",
            description_en="<p>An invented example.</p>",
            focus_areas=[areas[a] for a in focus],
            partnerships=[partnerships[p] for p in partners],
        )
    people = {}
    for name, role_de, role_en, organisation, city, focus, consent in [
        ("Beispiel: Anna Muster (Example)", "Lehrerin", "Teacher",
         "example-gymnasium-berlin", "paris", "youth-exchange", True),
        ("Beispiel: Jean Exemple (Example)", "Schulleiter", "Head teacher",
         "example-lycee-paris", "paris", "youth-exchange", True),
        ("Beispiel: Kenji Sample (Example)", "Wissenschaftler", "Researcher",
         "example-tokyo-climate-institute", "tokyo", "climate", True),
        ("Beispiel: Mara Intern (Example)", "Trainerin", "Coach",
         "example-warsaw-sports-club", "warsaw", "youth-exchange", False),
    ]:  # fmt: skip
        people[name] = ContactPersonFactory(
            name=name,
            role_de=role_de,
            role_en=role_en,
            organisation=organisations[organisation],
            email=name.split(": ")[1].split(" (")[0].lower().replace(" ", ".") + "@example.org",
            consent_public=consent,
            consent_stored_how="Beispiel / example",
            partnerships=[partnerships[city]],
            focus_areas=[areas[focus]],
        )
    for slug, title_de, title_en, status, city, focus, start, end, members in [
        ("example-school-gardens-berlin-paris", "Beispiel: Schulgärten Berlin–Paris",
         "Example: School gardens Berlin–Paris", "running", "paris",
         ["youth-exchange", "climate"], "2026-03-01", "2027-06-30",
         [("example-gymnasium-berlin", "home", "Koordination", "Coordination",
           "Beispiel: Anna Muster (Example)"),
          ("example-lycee-paris", "partner", "Partnerschule", "Partner school",
           "Beispiel: Jean Exemple (Example)")]),
        ("example-heat-maps-berlin-tokyo", "Beispiel: Hitzekarten für Berlin und Tokio",
         "Example: Heat maps for Berlin and Tokyo", "done", "tokyo", ["climate", "science"],
         "2024-04-01", "2025-12-31",
         [("example-tokyo-climate-institute", "partner", "Daten", "Data",
           "Beispiel: Kenji Sample (Example)")]),
    ]:  # fmt: skip
        project = ProjectFactory(
            owner=state,
            slug=slug,
            title_de=title_de,
            title_en=title_en,
            status=status,
            start_date=_date(start),
            end_date=_date(end),
            description_de="<p>Ein erfundenes Beispiel.</p>",
            description_en="<p>An invented example.</p>",
            partnerships=[partnerships[city]],
            focus_areas=[areas[a] for a in focus],
            contacts=[people[member[4]] for member in members],
        )
        for organisation, side, role_de, role_en, _person in members:
            ProjectOrganisationFactory(
                project=project,
                organisation=organisations[organisation],
                side=side,
                role_de=role_de,
                role_en=role_en,
            )

    # The bilingual page tree and the office's settings, built as the demo builds them:
    # one page of every type, a page per state partnership and per borough, in de and en.
    pages = _PageBuilder()
    pages.state_partnerships = partnerships
    pages.load_pages()
    return partnerships
