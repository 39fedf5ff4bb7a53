"""Backups of the database and the uploaded media in one archive, and their restore.

An archive (``citypartners-backup-<time>.tar.gz``) holds:

- ``manifest.json``: when, which database engine, and a SHA-256 for every other member;
- ``database.sqlite3`` (SQLite's online backup) or ``database.pgdump`` (``pg_dump`` in its
  custom format);
- ``media/...``: every uploaded file.

Restoring checks the whole archive first and changes nothing if anything is wrong; then it
replaces the database (SQLite's backup API, or ``pg_restore --clean`` in one transaction)
and swaps the media folder for the archived one.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

FORMAT = 1
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why. Nothing was changed."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def _pg_environment():
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["--dbname", db["NAME"]]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    return env, args


def _run(command, env, what):
    if shutil.which(command[0]) is None:
        raise BackupError(_("%(tool)s is not installed.") % {"tool": command[0]})
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what}: {result.stderr.strip()}")


def _dump_database(folder: Path) -> Path:
    if _engine() == "sqlite":
        target = folder / SQLITE_MEMBER
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return target
    target = folder / POSTGRES_MEMBER
    env, args = _pg_environment()
    _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env, "pg_dump")
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_create(output_dir: Path) -> Path:
    """Write an archive of the database and media into ``output_dir``; return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    media = Path(settings.MEDIA_ROOT)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"citypartners-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        database = _dump_database(Path(tmp))
        files = {database.name: database}
        if media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                files[f"media/{path.relative_to(media).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "engine": _engine(),
            "created": stamp,
            "files": {name: _sha256(path) for name, path in files.items()},
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name, path in files.items():
                tar.add(path, arcname=name, recursive=False)
        partial.replace(archive)  # a half-written archive never carries the final name
    return archive


def _safe_members(tar):
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(
                _("The archive contains an unsafe entry: %(name)s") % {"name": member.name}
            )
    return tar.getmembers()


def _unpack_checked(archive: Path, folder: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, members=_safe_members(tar), filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(
            _("This is not a readable backup archive: %(error)s") % {"error": error}
        ) from error
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(_("The archive has no valid manifest.")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("The archive was written in an unknown format."))
    if manifest.get("engine") != _engine():
        raise BackupError(
            _("The archive holds a %(archive)s database; this installation uses %(here)s.")
            % {"archive": manifest.get("engine"), "here": _engine()}
        )
    for name, digest in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(
                _("The archive is damaged: %(name)s does not match.") % {"name": name}
            )
    return manifest


def _restore_database(folder: Path, manifest: dict):
    if manifest["engine"] == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / SQLITE_MEMBER) as source:
            source.backup(connection.connection)  # page by page, under SQLite's lock
        return
    connection.close()  # pg_restore drops and recreates the tables
    env, args = _pg_environment()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(folder / POSTGRES_MEMBER),
        ],
        env,
        "pg_restore",
    )


def _swap_media(folder: Path):
    media = Path(settings.MEDIA_ROOT)
    new = folder / "media"
    new.mkdir(exist_ok=True)
    media.parent.mkdir(parents=True, exist_ok=True)
    staged = media.parent / f".{media.name}.restoring"
    old = media.parent / f".{media.name}.replaced"
    shutil.rmtree(staged, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(new, staged)
    if media.exists():
        media.rename(old)
    staged.rename(media)
    shutil.rmtree(old, ignore_errors=True)


def backup_restore(archive: Path) -> dict:
    """Replace the database and media with the archive's. Checks everything first."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("There is no file %(path)s.") % {"path": archive})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = _unpack_checked(archive, folder)
        _restore_database(folder, manifest)
        _swap_media(folder)
    return manifest
