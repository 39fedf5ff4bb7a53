"""Loads the Berlin demo data set from the files in data/; a second run changes nothing."""

import csv
import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from citypartners.activities.models import Activity, ActivityKind
from citypartners.activities.services import activity_create
from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import contact_create
from citypartners.core.models import OfficeSettings
from citypartners.core.text import plain_to_rich_text
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.owners.selectors import state_owner
from citypartners.partnerships import geonames
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.partnerships.services import (
    DocumentData,
    StatusData,
    city_create,
    partnership_create,
)
from citypartners.projects.models import Project, ProjectOrganisation
from citypartners.site.models import (
    AccessibilityPage,
    ActivityIndexPage,
    BoroughIndexPage,
    BoroughPage,
    GetInvolvedPage,
    HomePage,
    OrganisationIndexPage,
    PartnerCityPage,
    ProjectCooperationsPage,
    ProjectIndexPage,
    StandardPage,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

OFFICE = {
    "name_de": "Der Regierende Bürgermeister von Berlin – Senatskanzlei",
    "name_en": "The Governing Mayor of Berlin – Senate Chancellery",
    "unit_de": "Abteilung II, Referat II B – Internationales",
    "unit_en": "Department II, Unit II B – International affairs",
    "street": "Jüdenstraße 1",
    "postcode": "10178",
    "town_de": "Berlin",
    "town_en": "Berlin",
    "phone": "+49 30 9026-0",
    "fax": "+49 30 9026-2013",
    "email": "international@example.org",
}


@dataclass
class LoadReport:
    """What one run created; all zero on a second run."""

    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1):
        self.created[what] = self.created.get(what, 0) + n

    @property
    def total(self):
        return sum(self.created.values())


def _rows(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


class BerlinLoader:
    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        self.report = LoadReport()
        self.texts = json.loads((data_dir / "texts.json").read_text(encoding="utf-8"))

    # --- reference data and partnerships -------------------------------------------
    def load_reference(self):
        for row in _rows(self.data_dir, "owners.csv"):
            _obj, created = Owner.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "kind": row["kind"],
                    "name_de": row["name_de"],
                    "name_en": row["name_en"],
                },
            )
            self.report.count("owners", created)
        for order, row in enumerate(_rows(self.data_dir, "focus_areas.csv")):
            _obj, created = FocusArea.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name_de": row["name_de"],
                    "name_en": row["name_en"],
                    "sort_order": order,
                },
            )
            self.report.count("focus areas", created)
        # Order the boroughs alphabetically after the state.
        for order, owner in enumerate(Owner.objects.order_by("kind", "name_de")):
            if owner.kind == Owner.Kind.STATE:
                order = 0
            if owner.sort_order != order and owner.sort_order == 0:
                Owner.objects.filter(pk=owner.pk).update(sort_order=order)

    def load_state_partnerships(self):
        state = Owner.objects.get(kind=Owner.Kind.STATE, slug="land-berlin")
        documents = {}
        for row in _rows(self.data_dir, "state_founding_documents.csv"):
            documents.setdefault(row["city_slug"], []).append(
                DocumentData(
                    kind=row["kind"],
                    date=_date(row["date"]),
                    date_precision=row["date_precision"],
                    is_shown=row["is_shown"] == "1",
                    source=row["source"],
                    note_de=row["note_de"],
                    note_en=row["note_en"],
                )
            )
        statuses = {}
        for row in _rows(self.data_dir, "state_status_history.csv"):
            statuses.setdefault(row["city_slug"], []).append(
                StatusData(
                    status=row["status"],
                    valid_from=_date(row["valid_from"]),
                    reason_de=row["reason_de"],
                    reason_en=row["reason_en"],
                )
            )
        focus = {}
        areas = {a.slug: a for a in FocusArea.objects.all()}
        for row in _rows(self.data_dir, "state_focus_areas.csv"):
            focus.setdefault(row["city_slug"], []).append(areas[row["focus_area_slug"]])
        self.state_partnerships = {}
        for row in _rows(self.data_dir, "state_partner_cities.csv"):
            city = City.objects.filter(geonames_id=int(row["geonames_id"])).first()
            if city is None:
                city = city_create(
                    slug=row["slug"],
                    name_en=row["name_en"],
                    name_de=row["name_de"],
                    name_local=row["name_local"],
                    country_code=row["country_code"],
                    latitude=row["latitude"],
                    longitude=row["longitude"],
                    geonames_id=int(row["geonames_id"]),
                )
                self.report.count("cities")
            partnership = Partnership.objects.filter(owner=state, city=city).first()
            if partnership is None:
                partnership = partnership_create(
                    owner=state,
                    city=city,
                    documents=documents.get(row["slug"], []),
                    statuses=statuses.get(row["slug"], []),
                    focus_areas=focus.get(row["slug"], []),
                )
                self.report.count("partnerships")
            self.state_partnerships[row["slug"]] = partnership

    def load_borough_partnerships(self):
        owners = {a.slug: a for a in Owner.objects.filter(kind=Owner.Kind.BOROUGH)}
        for row in _rows(self.data_dir, "borough_partnerships.csv"):
            owner = owners[row["owner_slug"]]
            city = City.objects.filter(
                name_en=row["partner_city_en"], country_code=row["country_code"]
            ).first()
            if city is None:
                city = city_create(
                    name_en=row["partner_city_en"],
                    name_de=row["partner_city_de"],
                    country_code=row["country_code"],
                )
                self.report.count("cities")
            if Partnership.objects.filter(owner=owner, city=city).exists():
                continue
            documents = []
            if row["since_year"]:
                documents.append(
                    DocumentData(
                        kind="document",
                        date=datetime.date(int(row["since_year"]), 1, 1),
                        date_precision="year",
                        is_shown=True,
                        source=row["source"],
                    )
                )
            partnership_create(
                owner=owner,
                city=city,
                documents=documents,
                verified=row["verified"] == "1",
                editor_note="\n".join(
                    part for part in (row["editor_note"], "Sources:\n" + row["source"]) if part
                ),
            )
            self.report.count("partnerships")

    def fill_coordinates(self):
        """Cities without coordinates (most borough partners) get them from GeoNames, where
        a city of exactly that name exists in that country (the largest, if several)."""
        taken = set(City.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True))
        for city in City.objects.filter(latitude=None):
            found = geonames.find([city.name_en, city.name_de, city.name_local], city.country_code)
            if found is None:
                continue
            city.latitude, city.longitude = found["latitude"], found["longitude"]
            fields = ["latitude", "longitude"]
            if found["geonames_id"] not in taken:
                city.geonames_id = found["geonames_id"]
                taken.add(city.geonames_id)
                fields.append("geonames_id")
            city.save(update_fields=fields)
            self.report.count("coordinates from GeoNames")

    def load_activities(self):
        for order, row in enumerate(_rows(self.data_dir, "activity_kinds.csv")):
            _kind, created = ActivityKind.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name_de": row["name_de"],
                    "name_en": row["name_en"],
                    "sort_order": order,
                },
            )
            self.report.count("kinds of activity", created)
        path = self.data_dir / "activities.csv"
        if not path.exists():
            return
        kinds = {k.slug: k for k in ActivityKind.objects.all()}
        areas = {a.slug: a for a in FocusArea.objects.all()}
        state = {
            p.city.slug: p
            for p in Partnership.objects.filter(owner__slug="land-berlin").select_related("city")
        }
        existing = set(Activity.objects.values_list("slug", flat=True))
        for row in _rows(self.data_dir, "activities.csv"):
            if row["slug"] in existing:
                continue
            all_day = row["all_day"] == "1"
            start = datetime.datetime.fromisoformat(row["start"])
            end = datetime.datetime.fromisoformat(row["end"]) if row["end"] else None
            activity_create(
                partnerships=[state[slug] for slug in row["city_slugs"].split("|")],
                focus_areas=[areas[slug] for slug in row["focus_areas"].split("|") if slug],
                slug=row["slug"],
                kind=kinds[row["kind"]],
                status=row["status"],
                title_de=row["title_de"],
                title_en=row["title_en"],
                description_de=plain_to_rich_text(row["description_de"]),
                description_en=plain_to_rich_text(row["description_en"]),
                all_day=all_day,
                timezone=row["timezone"],
                date_precision=row["date_precision"] or "day",
                start_date=start.date(),
                start_time=None if all_day else start.time(),
                end_date=end.date() if end else None,
                end_time=None if (all_day or end is None) else end.time(),
                place_de=row["place_de"],
                place_en=row["place_en"],
                other_institutions=row["other_institutions"].replace(" | ", "\n"),
                registration_url=row["registration_url"],
                source=row["source"].replace(" | ", "\n"),
            )
            self.report.count("activities")

    def load_network(self):
        """Invented example organisations, contact people and projects (all marked as such)."""
        if City.objects.filter(slug="berlin").first() is None:
            city_create(
                slug="berlin",
                name_en="Berlin",
                name_de="Berlin",
                country_code="DE",
                latitude="52.5244",
                longitude="13.4105",
                geonames_id=2950159,
            )
            self.report.count("cities")
        data = json.loads((self.data_dir / "network.json").read_text(encoding="utf-8"))
        cities = {
            c.slug: c for c in City.objects.filter(slug__in=["berlin", *self.state_partnerships])
        }
        areas = {a.slug: a for a in FocusArea.objects.all()}
        state = state_owner()
        for row in data["organisations"]:
            if Organisation.objects.filter(slug=row["slug"]).exists():
                continue
            organisation = Organisation(
                owner=state,
                slug=row["slug"],
                name=row["name"],
                type=row["type"],
                city=cities[row["city"]],
                description_de=plain_to_rich_text(row["description_de"]),
                description_en=plain_to_rich_text(row["description_en"]),
            )
            organisation.full_clean()
            organisation.save()
            organisation.focus_areas.set([areas[a] for a in row["focus_areas"]])
            organisation.partnerships.set([self.state_partnerships[c] for c in row["partnerships"]])
            organisation.save()
            self.report.count("organisations")
        organisations = {o.slug: o for o in Organisation.objects.all()}
        for row in data["contacts"]:
            if ContactPerson.objects.filter(name=row["name"]).exists():
                continue
            contact_create(
                name=row["name"],
                role_de=row["role_de"],
                role_en=row["role_en"],
                organisation=organisations[row["organisation"]],
                email=row["email"],
                languages=row["languages"],
                consent_public=row["consent_public"],
                consent_stored_how="Beispiel / example",
                focus_areas=[areas[a] for a in row["focus_areas"]],
                partnerships=[self.state_partnerships[c] for c in row["partnerships"]],
            )
            self.report.count("contact people")
        for row in data["projects"]:
            if Project.objects.filter(slug=row["slug"]).exists():
                continue
            project = Project(
                owner=state,
                slug=row["slug"],
                title_de=row["title_de"],
                title_en=row["title_en"],
                status=row["status"],
                start_date=_date(row["start"]),
                end_date=_date(row["end"]),
                description_de=plain_to_rich_text(row["description_de"]),
                description_en=plain_to_rich_text(row["description_en"]),
            )
            project.full_clean()
            project.save()
            project.partnerships.set([self.state_partnerships[c] for c in row["partnerships"]])
            project.focus_areas.set([areas[a] for a in row["focus_areas"]])
            project.contacts.set(ContactPerson.objects.filter(name__in=row["contacts"]))
            project.save()
            for slug, side, role_de, role_en in row["organisations"]:
                ProjectOrganisation.objects.create(
                    project=project,
                    organisation=organisations[slug],
                    side=side,
                    role_de=role_de,
                    role_en=role_en,
                )
            self.report.count("projects")

    # --- pages -------------------------------------------------------------------------
    def _publish(self, page):
        page.save_revision().publish()

    def _child(self, parent, model, *, slug, **fields):
        """The child of `parent` with `slug`, created and published if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = model(slug=slug, locale_id=parent.locale_id, **fields)
        parent.add_child(instance=page)
        self._publish(page)
        self.report.count("pages")
        return page

    def _translation(self, page, locale, *, slug, **fields):
        """The page's version in `locale`, created and published from `fields` if missing."""
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        translated = page.copy_for_translation(locale)
        translated.slug = slug
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
        self._publish(translated)
        self.report.count("pages")
        return translated

    def _text(self, key, lang):
        return self.texts[key][lang]

    def _page_meta(self, key, lang):
        return self.texts["pages"][key][lang]

    def load_pages(self):
        de, _ = Locale.objects.get_or_create(language_code="de")
        en, _ = Locale.objects.get_or_create(language_code="en")
        # Wagtail's migrations make the tree's root; a flushed database has none.
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=de)
        )
        home = HomePage.objects.filter(locale=de).first()
        if home is None:
            # Replace Wagtail's placeholder welcome page with the overview.
            for placeholder in root.get_children().filter(slug="home", locale=de):
                if placeholder.specific_class is Page:
                    placeholder.delete()
            meta = self._page_meta("home", "de")
            home = HomePage(
                title=meta["title"],
                slug=meta["slug"],
                locale=de,
                intro=self._text("home_intro", "de"),
            )
            root.add_child(instance=home)
            self._publish(home)
            self.report.count("pages")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="citypartners",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        meta = self._page_meta("home", "en")
        # Both home pages sit under the root, where slugs must differ; URLs never show them.
        self._translation(
            home,
            en,
            slug=f"{meta['slug']}-en",
            title=meta["title"],
            intro=self._text("home_intro", "en"),
        )

        self._city_pages(home, en)
        self._borough_pages(home, en)
        self._bilingual(
            home,
            en,
            ProjectCooperationsPage,
            "project_cooperations",
            intro="project_cooperations_intro",
        )
        self._bilingual(home, en, ActivityIndexPage, "activities", intro="activities_intro")
        self._bilingual(
            home,
            en,
            GetInvolvedPage,
            "get_involved",
            body="get_involved",
            thanks_text="get_involved_thanks",
        )
        self._bilingual(home, en, ProjectIndexPage, "projects", intro="projects_intro")
        self._bilingual(
            home, en, OrganisationIndexPage, "organisations", intro="organisations_intro"
        )
        footer = {}
        for key in ("imprint", "privacy", "easy_language", "sign_language"):
            footer[key] = self._bilingual(home, en, StandardPage, key, body=key)
        footer["accessibility"] = self._bilingual(
            home,
            en,
            AccessibilityPage,
            "accessibility",
            body="accessibility",
            thanks_text="accessibility_thanks",
        )
        self._office_settings(site, footer)

    def _bilingual(self, home, en, model, key, **text_fields):
        de_meta, en_meta = self._page_meta(key, "de"), self._page_meta(key, "en")
        page = self._child(
            home,
            model,
            slug=de_meta["slug"],
            title=de_meta["title"],
            **{name: self._text(text, "de") for name, text in text_fields.items()},
        )
        self._translation(
            page,
            en,
            slug=en_meta["slug"],
            title=en_meta["title"],
            **{name: self._text(text, "en") for name, text in text_fields.items()},
        )
        return page

    def _city_pages(self, home, en):
        for slug, partnership in self.state_partnerships.items():
            page = PartnerCityPage.objects.filter(
                partnership=partnership, locale=home.locale
            ).first()
            city = partnership.city
            if page is None:
                page = self._child(
                    home,
                    PartnerCityPage,
                    slug=slugify(city.name_de.replace("ü", "ue")),
                    title=city.name_de,
                    partnership=partnership,
                    body=self.texts["cities"][slug]["de"],
                )
            self._translation(
                page,
                en,
                slug=slugify(city.name_en),
                title=city.name_en,
                body=self.texts["cities"][slug]["en"],
            )

    def _borough_pages(self, home, en):
        index = self._bilingual(home, en, BoroughIndexPage, "boroughs", intro="boroughs_intro")
        for borough in Owner.objects.filter(kind=Owner.Kind.BOROUGH):
            page = BoroughPage.objects.filter(borough=borough, locale=home.locale).first()
            if page is None:
                page = self._child(
                    index, BoroughPage, slug=borough.slug, title=borough.name_de, borough=borough
                )
            self._translation(page, en, slug=borough.slug, title=borough.name_en)

    def _office_settings(self, site, footer):
        office = OfficeSettings.for_site(site)
        changed = False
        for name, value in OFFICE.items():
            if not getattr(office, name):
                setattr(office, name, value)
                changed = True
        for key, page in footer.items():
            if getattr(office, f"{key}_page_id") is None:
                setattr(office, f"{key}_page", page)
                changed = True
        if changed:
            office.full_clean()
            office.save()
            self.report.count("settings")


@transaction.atomic
def load_berlin(*, data_dir: Path = DATA_DIR) -> LoadReport:
    """Load the Berlin demo data: owners, cities, partnerships and the bilingual pages."""
    loader = BerlinLoader(data_dir)
    loader.load_reference()
    loader.load_state_partnerships()
    loader.load_borough_partnerships()
    loader.fill_coordinates()
    loader.load_activities()
    loader.load_network()
    loader.load_pages()
    return loader.report
