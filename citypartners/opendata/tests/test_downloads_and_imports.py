"""Downloads (CSV, GeoJSON, the DCAT catalogue) and imports (CSV with a dry run, Wikidata)."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from citypartners.accounts.services import account_create
from citypartners.activities.models import Activity, ActivityKind
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.models import ContactPerson
from citypartners.demo.loader import BerlinLoader
from citypartners.opendata import tables
from citypartners.opendata.imports import import_csv, import_wikidata
from citypartners.opendata.tables import COLUMNS, csv_text
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, Partnership
from citypartners.partnerships.tests.factories import CityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

ENTITIES = ["cities", "partnerships", "activities", "projects", "organisations"]


@pytest.mark.parametrize("entity", ENTITIES)
def test_each_table_downloads_as_utf8_csv(client, entity):
    response = client.get(f"/opendata/{entity}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == COLUMNS[entity] and len(rows) > 2
    assert all(len(row) == len(rows[0]) for row in rows)
    # Written a chunk at a time, never whole in memory (issue 17).
    assert response.streaming


def test_a_large_table_streams_in_chunks_from_one_query_and_lists_links_sorted(
    django_assert_max_num_queries,
):
    both = list(Partnership.objects.filter(city__slug__in=["warsaw", "paris"]))
    for n in range(300):
        ActivityFactory(description_en="<p>" + "long text " * 30 + f"{n}</p>", partnerships=both)
    with django_assert_max_num_queries(1):
        chunks = list(tables.csv_chunks("activities"))
    assert len(chunks) > 1 and all(len(chunk) < 2 * 65536 for chunk in chunks)
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode())))
    made = [row for row in rows if row["description_en"].startswith("long text")]
    assert len(made) == 300
    assert {row["partnerships"] for row in made} == {"land-berlin:paris|land-berlin:warsaw"}


def test_downloads_hold_no_personal_data(client):
    text = "".join(client.get(f"/opendata/{e}.csv").content.decode() for e in ENTITIES)
    text += client.get("/opendata/partner-cities.geojson").content.decode()
    for person in ContactPerson.objects.all():
        assert person.name not in text and person.email not in text


def test_the_geojson_is_valid_and_has_owner_since_and_status(client):
    data = json.loads(client.get("/opendata/partner-cities.geojson").content)
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        for p in feature["properties"]["partnerships"]:
            assert set(p) == {"owner", "kind", "since", "status"}
    paris = next(f for f in data["features"] if f["id"] == "paris")
    assert paris["properties"]["partnerships"][0]["owner"] == "land-berlin"
    moscow = next(f for f in data["features"] if f["id"] == "moscow")
    assert moscow["properties"]["partnerships"][0]["status"] == "suspended"


def test_the_catalogue_describes_every_dataset_with_the_licence(client):
    response = client.get("/opendata/catalog.jsonld")
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    assert len(catalogue["dcat:dataset"]) == 5
    for dataset in catalogue["dcat:dataset"]:
        assert dataset["dct:license"]["@id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        assert {t["@language"] for t in dataset["dct:title"]} == {"de", "en"}
        for distribution in dataset["dcat:distribution"]:
            url = distribution["dcat:downloadURL"]["@id"].replace("http://testserver", "")
            assert client.get(url).status_code == 200, url
    page = client.get("/de/offene-daten/").content.decode()
    assert 'type="application/ld+json"' in page and "Datenlizenz Deutschland" in page


@pytest.mark.django_db(transaction=True)
def test_csv_round_trip_into_an_empty_database_gives_the_same_tables(small_site):

    first = {e: csv_text(e) for e in ("cities", "partnerships", "activities")}
    # An empty database: only the reference data (owners, focus areas, kinds) is there.
    call_command("flush", "--no-input", verbosity=0)
    loader = BerlinLoader()
    loader.load_reference()
    for row in csv.DictReader(open(loader.data_dir / "activity_kinds.csv", encoding="utf-8")):
        ActivityKind.objects.create(
            slug=row["slug"], name_de=row["name_de"], name_en=row["name_en"]
        )
    assert not City.objects.exists() and not Activity.objects.exists()
    for entity in ("cities", "partnerships", "activities"):
        report = import_csv(entity, first[entity].encode(), dry_run=False)
        assert report.ok, [str(p) for p in report.problems[:5]]
    assert {e: csv_text(e) for e in first} == first
    # The same files again change nothing.
    for entity in ("cities", "partnerships", "activities"):
        report = import_csv(entity, first[entity].encode(), dry_run=False)
        assert report.created == report.updated == 0 and report.unchanged == report.rows


def _with(entity, change):
    rows = list(csv.reader(io.StringIO(csv_text(entity))))
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _set(rows, row, column, value):
    rows[row][rows[0].index(column)] = value


BROKEN = [
    (
        "wrong encoding",
        "cities",
        lambda: csv_text("cities").replace("Moskau", "Köln").encode("latin-1", errors="replace"),
        "UTF-8",
    ),
    (
        "missing column",
        "cities",
        lambda: _with("cities", lambda r: [row.pop(4) for row in r]),
        "country_code",
    ),
    (
        "bad date",
        "partnerships",
        lambda: _with("partnerships", lambda r: _set(r, 3, "since", "31.12.1999")),
        "Zeile 4, Spalte „since“",
    ),
    (
        "unknown city",
        "partnerships",
        lambda: _with("partnerships", lambda r: _set(r, 2, "city", "atlantis")),
        "atlantis",
    ),
    (
        "bad country",
        "cities",
        lambda: _with("cities", lambda r: _set(r, 5, "country_code", "XX")),
        "Spalte „country_code“",
    ),
    (
        "bad time zone",
        "activities",
        lambda: _with("activities", lambda r: _set(r, 2, "timezone", "Mars/Olympus")),
        "Mars/Olympus",
    ),
    (
        "unknown partnership",
        "activities",
        lambda: _with("activities", lambda r: _set(r, 3, "partnerships", "mitte:atlantis")),
        "mitte:atlantis",
    ),
]


@pytest.mark.parametrize("name,entity,make,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_reported_by_row_and_column_and_imports_nothing(
    name, entity, make, message
):
    before = (City.objects.count(), Partnership.objects.count(), Activity.objects.count())
    names = list(City.objects.values_list("name_de", flat=True))
    report = import_csv(entity, make(), dry_run=False)
    assert not report.ok
    assert message in " ".join(str(p) for p in report.problems)
    assert (City.objects.count(), Partnership.objects.count(), Activity.objects.count()) == before
    assert list(City.objects.values_list("name_de", flat=True)) == names


def test_ten_thousand_rows_with_one_bad_one_import_nothing():
    header = ",".join(COLUMNS["cities"])
    lines = [header] + [
        f"example-town-{n},Beispielstadt {n},Example town {n},,DE,50.1,8.6,," for n in range(10_000)
    ]
    lines[7_777] = lines[7_777].replace(",DE,", ",XX,")
    # German explicitly: the thread keeps whatever language an earlier test's request left.
    with translation.override("de"):
        report = import_csv("cities", "\n".join(lines).encode(), dry_run=False)
        assert report.rows == 10_000 and len(report.problems) == 1
        assert "Zeile 7778" in str(report.problems[0])
    assert not City.objects.filter(slug__startswith="example-town-").exists()
    lines[7_777] = lines[7_777].replace(",XX,", ",DE,")
    dry = import_csv("cities", "\n".join(lines).encode(), dry_run=True)
    assert dry.ok and dry.created == 10_000
    assert not City.objects.filter(slug__startswith="example-town-").exists()
    done = import_csv("cities", "\n".join(lines).encode(), dry_run=False)
    assert (
        done.created == 10_000
        and City.objects.filter(slug__startswith="example-town-").count() == 10_000
    )


def test_the_import_command_checks_first(tmp_path):
    good = tmp_path / "cities.csv"
    good.write_bytes(csv_text("cities").encode())
    out = io.StringIO()
    call_command("import_csv", "cities", str(good), "--dry-run", stdout=out)
    assert "keine Probleme" in out.getvalue() or "no problems" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"slug,name\nx,y\n")
    with pytest.raises(CommandError):
        call_command("import_csv", "cities", str(bad), stderr=io.StringIO())


SAMPLE = (
    __import__("pathlib").Path(__file__).parent / "data" / "wikidata-p190-sample.json"
).read_bytes()


def test_wikidata_twin_towns_start_a_new_owners_list():

    owner = "spandau"
    before = Partnership.objects.filter(owner__slug=owner).count()
    dry = import_wikidata(SAMPLE, owner_slug=owner, dry_run=True)
    assert dry.ok and dry.rows == 3  # Paris comes twice in the query result
    assert Partnership.objects.filter(owner__slug=owner).count() == before
    done = import_wikidata(SAMPLE, owner_slug=owner, dry_run=False)
    assert done.ok
    twins = Partnership.objects.filter(
        owner__slug=owner, city__wikidata_id__in=["Q90", "Q1085", "Q1741"]
    )
    assert twins.count() == 3 and not twins.filter(verified=True).exists()
    paris = City.objects.get(wikidata_id="Q90")
    assert paris.slug == "paris"  # matched by its GeoNames id, not added again
    assert City.objects.filter(geonames_id=2988507).count() == 1
    again = import_wikidata(SAMPLE, owner_slug=owner, dry_run=False)
    assert again.created == 0 and again.unchanged == 3


@pytest.mark.parametrize(
    "data,message",
    [
        (b"<html>not json</html>", "results"),
        (b'{"results": {"bindings": [{"twin": {"value": "https://example.org/Q1"}}]}}', "Wikidata"),
        (
            b'{"results": {"bindings": [{"twin": {"value": "http://www.wikidata.org/entity/Q99999999"},'
            b' "labelEn": {"value": "Nowhere"}}]}}',
            "countryCode",
        ),
    ],
)
def test_a_broken_wikidata_file_changes_nothing(data, message):

    cities, partnerships = City.objects.count(), Partnership.objects.count()
    report = import_wikidata(data, owner_slug="mitte", dry_run=False)
    assert not report.ok and message in " ".join(str(p) for p in report.problems)
    assert (City.objects.count(), Partnership.objects.count()) == (cities, partnerships)


def test_the_back_office_import_screen_checks_then_imports(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(
        account_create(
            email="m@example.org", password="a long and careful passphrase", role="state-moderator"
        )
    )
    page = client.get("/admin/import/")
    assert page.status_code == 200 and "P190" in page.content.decode()
    checked = client.post(
        "/admin/import/",
        {
            "kind": "wikidata",
            "owner": "spandau",
            "dry_run": "on",
            "file": SimpleUploadedFile("q.json", SAMPLE),
        },
    )
    assert "Noch wurde nichts importiert" in checked.content.decode()
    assert not Partnership.objects.filter(owner__slug="spandau", city__slug="paris").exists()
    imported = client.post(
        "/admin/import/",
        {"kind": "wikidata", "owner": "spandau", "file": SimpleUploadedFile("q.json", SAMPLE)},
    )
    assert "importiert" in imported.content.decode()
    assert Partnership.objects.filter(owner__slug="spandau", city__slug="paris").exists()
    broken = client.post(
        "/admin/import/",
        {"kind": "cities", "dry_run": "on", "file": SimpleUploadedFile("c.csv", b"slug;name\n")},
    )
    assert "Diese Spalten fehlen" in broken.content.decode()


def test_the_geojson_streams_in_pieces_one_feature_per_city_with_all_its_partnerships(
    client, monkeypatch
):
    monkeypatch.setattr(tables, "BYTES", 200)  # a piece every feature or two
    monkeypatch.setattr(tables, "CHUNK", 3)  # rows read three at a time
    city = City.objects.filter(latitude__isnull=False).order_by("pk").first()
    other_owner = Owner.objects.exclude(partnerships__city=city).order_by("pk").first()
    PartnershipFactory(owner=other_owner, city=city)
    unplaced = CityFactory(latitude=None, longitude=None)
    PartnershipFactory(owner=other_owner, city=unplaced)
    response = client.get("/opendata/partner-cities.geojson")
    assert response.streaming
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    ids = [f["id"] for f in data["features"]]
    assert (
        len(ids)
        == len(set(ids))
        == City.objects.filter(
            partnerships__isnull=False, latitude__isnull=False, longitude__isnull=False
        )
        .distinct()
        .count()
    )
    assert unplaced.slug not in ids
    feature = next(f for f in data["features"] if f["id"] == city.slug)
    owners = {p["owner"] for p in feature["properties"]["partnerships"]}
    assert owners == set(
        Partnership.objects.filter(city=city).values_list("owner__slug", flat=True)
    )
    assert other_owner.slug in owners


def test_the_geojson_without_any_placed_city_is_an_empty_collection(client):
    City.objects.update(latitude=None, longitude=None)
    data = json.loads(client.get("/opendata/partner-cities.geojson").content)
    assert data == {"type": "FeatureCollection", "features": []}
