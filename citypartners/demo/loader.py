"""Loads the Berlin demo data set from the files in data/; a second run changes nothing."""

import csv
import datetime
import json
import uuid
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from citypartners.accounts.services import roles_sync
from citypartners.activities.models import Activity, ActivityKind
from citypartners.activities.services import activity_create, activity_funding_set
from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import contact_create
from citypartners.core.home_city import home_city
from citypartners.core.text import plain_to_rich_text
from citypartners.funding.models import BudgetLine
from citypartners.funding.services import budget_line_create
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.owners.selectors import state_owner
from citypartners.partnerships import geonames
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.partnerships.services import (
    DocumentData,
    StatusData,
    city_create,
    city_summary_set,
    partnership_create,
)
from citypartners.projects.models import Project, ProjectOrganisation
from citypartners.site.models import AnnualReportPage, PartnerCityPage, VideoPage
from citypartners.site.services import (
    document_store,
    page_translation_link,
    video_page_video_set,
)
from citypartners.site.setup import (
    SetupReport,
    borough_pages_ensure,
    child_page_ensure,
    easy_language_pages_ensure,
    office_settings_ensure,
    page_tree_ensure,
    translation_ensure,
)
from citypartners.site.setup_texts import easy_language_topics

DATA_DIR = Path(__file__).resolve().parent / "data"
# The example video of the sign-language page (data/sign_language/README.md): no sign
# language yet, and its picture, captions and title say so in both languages.
SIGN_LANGUAGE_VIDEO = {
    "title": "Beispielvideo, noch keine Gebärdensprache / Example video, no sign language yet",
    "video": "example-video.webm",
    "captions": {"de": "captions-de.vtt", "en": "captions-en.vtt"},
    "width": 320,
    "height": 240,
    "frame_rate": Decimal(25),
    "duration": 4,
}

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
# Which of texts.json's texts fills which field of which page (see site.setup.SECTIONS).
PAGE_TEXTS = {
    "home": {"intro": "home_intro"},
    "boroughs": {"intro": "boroughs_intro"},
    "project_cooperations": {"intro": "project_cooperations_intro"},
    "activities": {"intro": "activities_intro"},
    "get_involved": {"body": "get_involved", "thanks_text": "get_involved_thanks"},
    "projects": {"intro": "projects_intro"},
    "organisations": {"intro": "organisations_intro"},
    "annual_reports": {"intro": "annual_reports_intro"},
    "imprint": {"body": "imprint"},
    "privacy": {"body": "privacy"},
    "easy_language": {"body": "easy_language"},
    "sign_language": {"body": "sign_language", "transcript": "sign_language_transcript"},
    "accessibility": {"body": "accessibility", "thanks_text": "accessibility_thanks"},
}


def _rows(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


class BerlinLoader:
    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        self.report = SetupReport()
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

    def load_money(self):
        """Invented example budget lines (each note says so in both languages)."""
        path = self.data_dir / "money.json"
        if not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        areas = {a.slug: a for a in FocusArea.objects.all()}
        projects = {p.slug: p for p in Project.objects.all()}
        existing = set(BudgetLine.objects.values_list("note_en", flat=True))
        for row in data["budget_lines"]:
            if row["note_en"] in existing:
                continue
            partnership = Partnership.objects.select_related("owner").get(
                owner__slug=row["owner"], city__name_en=row["city_en"]
            )
            budget_line_create(
                owner=partnership.owner,
                partnership=partnership,
                project=projects[row["project"]] if row["project"] else None,
                year=row["year"],
                source=row["source"],
                focus_area=areas[row["focus_area"]] if row["focus_area"] else None,
                amount_planned=Decimal(row["planned"]) if row["planned"] else None,
                amount_spent=Decimal(row["spent"]) if row["spent"] else None,
                is_public=row["public"],
                note_de=row["note_de"],
                note_en=row["note_en"],
            )
            self.report.count("budget lines")

    # --- pages -------------------------------------------------------------------------
    def _demo_texts(self) -> dict:
        """The demo's texts in the form the site's setup takes (key -> field -> language)."""
        return {
            key: {name: self.texts[text] for name, text in fields.items()}
            for key, fields in PAGE_TEXTS.items()
        }

    def load_pages(self):
        """The site's page tree (as every office's, citypartners.site.setup) with the demo's
        texts, a page per state partnership and per borough, and the office's settings."""
        home = self.texts["pages"]["home"]
        tree = page_tree_ensure(
            home_titles={lang: home[lang]["title"] for lang in ("de", "en")},
            texts=self._demo_texts(),
            report=self.report,
        )
        self._city_pages(tree.home, Locale.objects.get(language_code="en"))
        self._annual_report_page(tree.pages["annual_reports"])
        borough_pages_ensure(tree=tree, report=self.report)
        easy_language_pages_ensure(
            tree=tree, topics=easy_language_topics(city=home_city()), report=self.report
        )
        self._accessibility_statement(tree.pages["accessibility"])
        roles_sync()  # each borough's page rights, now that its pages exist
        office_settings_ensure(
            site=tree.site, values=OFFICE, footer=tree.footer, report=self.report
        )

    def _accessibility_statement(self, page):
        """The statement's parts (conformance, dates, method, known limitations, enforcement
        body) in both languages, where the page has none yet; the English version stays
        linked as the German's translation."""
        path = self.data_dir / "accessibility_statement.json"
        page = page.specific
        english = page.get_translation_or_none(Locale.objects.get(language_code="en"))
        if not path.exists() or page.conformance or english is None:
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        ids = [str(uuid.uuid4()) for _row in data["limitations"]]
        enforcement = data["enforcement"]
        for version, lang in ((page, "de"), (english.specific, "en")):
            version.conformance = data["conformance"]
            version.statement_date = _date(data["statement_date"])
            version.review_date = _date(data["review_date"])
            version.method = data["method"]
            version.method_text = data["method_text"][lang]
            version.limitations = [
                {"type": "limitation", "id": block_id, "value": row[lang]}
                for block_id, row in zip(ids, data["limitations"], strict=True)
            ]
            version.enforcement_name = enforcement[lang]["name"]
            version.enforcement_address = enforcement[lang]["address"]
            version.enforcement_email = enforcement["email"]
            version.enforcement_url = enforcement["url"]
            version.save_revision().publish()
        page_translation_link(source=page, translated=english)

    def load_sign_language_video(self):
        """The example video, its captions and facts on the sign-language page (both
        languages), unless the page has a video already (the office's own is kept)."""
        page = VideoPage.objects.filter(locale__language_code="de").order_by("path").first()
        if page is None or page.video_id:
            return
        folder = self.data_dir / "sign_language"
        if not folder.is_dir():
            return
        info = SIGN_LANGUAGE_VIDEO
        captions = {
            language: document_store(
                path=folder / name, title=f"{info['title']} ({language.upper()})"
            )
            for language, name in info["captions"].items()
        }
        video_page_video_set(
            page=page,
            video=document_store(path=folder / info["video"], title=info["title"]),
            captions=captions,
            width=info["width"],
            height=info["height"],
            frame_rate=info["frame_rate"],
            duration=info["duration"],
        )

    def _annual_report_page(self, index):
        """The published annual report of 2026, in German and English."""
        texts = self.texts["pages"]["annual_report_2026"]
        year = 2026
        page = child_page_ensure(
            index,
            AnnualReportPage,
            slug=str(year),
            year=year,
            title=texts["de"]["title"],
            intro=texts["de"]["intro"],
            report=self.report,
        )
        translation_ensure(
            page,
            Locale.objects.get(language_code="en"),
            slug=str(year),
            title=texts["en"]["title"],
            intro=texts["en"]["intro"],
            report=self.report,
        )

    def _city_pages(self, home, en):
        for slug, partnership in self.state_partnerships.items():
            page = PartnerCityPage.objects.filter(
                partnership=partnership, locale=home.locale
            ).first()
            city = partnership.city
            if page is None:
                page = child_page_ensure(
                    home,
                    PartnerCityPage,
                    slug=slugify(city.name_de.replace("ü", "ue")),
                    title=city.name_de,
                    partnership=partnership,
                    body=self.texts["cities"][slug]["de"],
                    report=self.report,
                )
            translation_ensure(
                page,
                en,
                slug=slugify(city.name_en),
                title=city.name_en,
                body=self.texts["cities"][slug]["en"],
                report=self.report,
            )


def load_city_summaries(loader: BerlinLoader) -> None:
    """Short summaries in partner cities' languages, written for the demo: each marked as an
    example (the page says so in German and English). A city that has one is left as it is."""
    path = loader.data_dir / "city_summaries.json"
    if not path.exists():
        return
    cities = {city.slug: city for city in City.objects.prefetch_related("summaries")}
    for row in json.loads(path.read_text(encoding="utf-8"))["summaries"]:
        city = cities.get(row["city"])
        if city is None or any(s.language == row["language"] for s in city.summaries.all()):
            continue
        city_summary_set(city=city, language=row["language"], text=row["text"], is_example=True)
        loader.report.count("city summaries")


@transaction.atomic
def load_berlin(*, data_dir: Path = DATA_DIR) -> SetupReport:
    """Load the Berlin demo data: owners, cities, partnerships and the bilingual pages."""
    loader = BerlinLoader(data_dir)
    loader.load_reference()
    loader.load_state_partnerships()
    loader.load_borough_partnerships()
    loader.fill_coordinates()
    loader.load_activities()
    loader.load_network()
    loader.load_money()
    load_grant_reports(loader)
    load_city_summaries(loader)
    loader.load_pages()
    loader.load_sign_language_video()
    return loader.report


def load_grant_reports(loader: BerlinLoader) -> None:
    """Invented example funding facts for a demo activity (its grant report page); the
    programme's name says in both languages that it is an example."""
    path = loader.data_dir / "grant_reports.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["grant_reports"]:
        activity = Activity.objects.filter(slug=row["activity"]).first()
        if activity is None or activity.is_funded:
            continue
        activity.organisations.set(Organisation.objects.filter(slug__in=row["organisations"]))
        activity_funding_set(
            activity=activity,
            countries=[(code, number) for code, number in row["countries"]],
            days=[
                (datetime.date.fromisoformat(day), text_de, text_en)
                for day, text_de, text_en in row["days"]
            ],
            funding_programme_de=row["funding_programme_de"],
            funding_programme_en=row["funding_programme_en"],
            grant_agreement_number=row["grant_agreement_number"],
            funding_statement_de=row["funding_statement_de"],
            funding_statement_en=row["funding_statement_en"],
            keep_online_until=datetime.date.fromisoformat(row["keep_online_until"]),
        )
        loader.report.count("grant reports")
