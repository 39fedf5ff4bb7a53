"""Backup and restore: the round trip gives back every table's rows and every media file."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from wagtail.documents.models import Document

from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City, PartnershipStatus

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _tables():
    """Every table's rows, in an order that does not depend on the database."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            snapshot[table] = sorted(repr(row) for row in cursor.fetchall())
    return snapshot


def _media():
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _backup(tmp_path):
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    return Path(out.getvalue().strip().split(": ", 1)[1])


def _require_tools():
    if connection.vendor == "postgresql":
        import os
        import shutil

        if not shutil.which("pg_dump"):
            if os.environ.get("CI"):
                pytest.fail("pg_dump is missing: apt-get install postgresql-client")
            pytest.skip("pg_dump is not installed")


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_every_row_and_file(small_site, tmp_path):
    _require_tools()
    Document.objects.create(title="Bericht", file=SimpleUploadedFile("bericht.pdf", PDF))
    (Path(settings.MEDIA_ROOT) / "notes").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "notes" / "keep.txt").write_text("Beispiel")
    rows, files = _tables(), _media()
    assert sum(len(r) for r in rows.values()) > 1000 and len(files) == 2

    archive = _backup(tmp_path)

    # Everything that can go wrong afterwards: rows deleted, changed and added, files too.
    PartnershipStatus.objects.all().delete()
    City.objects.filter(slug="paris").update(name_en="Changed")
    Organisation.objects.create(name="Neu", slug="neu", type="ngo", city=City.objects.first())
    (Path(settings.MEDIA_ROOT) / "notes" / "keep.txt").unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("added later")
    assert _tables() != rows and _media() != files

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert _tables() == rows
    assert _media() == files


@pytest.mark.django_db(transaction=True)
@translation.override("de")  # commands speak the site's language
def test_a_damaged_or_foreign_archive_changes_nothing(small_site, tmp_path):
    _require_tools()
    archive = _backup(tmp_path)
    rows = _tables()

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))

    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_bytes(b"just text")
    with pytest.raises(CommandError, match="kein lesbares Sicherungsarchiv"):
        call_command("restore", str(not_an_archive), "--yes")

    # A member changed after the backup: its checksum no longer fits.
    damaged = tmp_path / "damaged.tar.gz"
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(archive, "r:gz") as source:
        members = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source]
    for target, change in ((damaged, "data"), (foreign, "engine")):
        with tarfile.open(target, "w:gz") as out:
            for member, data in members:
                if member.name == "manifest.json" and change == "engine":
                    manifest = json.loads(data)
                    manifest["engine"] = "oracle"
                    data = json.dumps(manifest).encode()
                elif member.name.startswith("database.") and change == "data":
                    data = data[:-10] + b"0123456789"
                member.size = len(data)
                out.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="beschädigt"):
        call_command("restore", str(damaged), "--yes")
    with pytest.raises(CommandError, match="oracle"):
        call_command("restore", str(foreign), "--yes")
    assert _tables() == rows
