"""Backups of the database and the uploaded media in one archive, and their restore.

An archive (``citypartners-backup-<time>.tar.gz``) holds:

- ``manifest.json``: when, which database engine, and a SHA-256 for every other member;
- ``database.sqlite3`` (SQLite's online backup) or ``database.pgdump`` (``pg_dump`` in its
  custom format);
- ``media/...``: every uploaded file.

The archive holds personal data and password hashes: it is written readable only by its
owner (0600, in a folder created 0700), and the sessions and django-axes' lockout records
are left out (their tables are restored empty, so a restore logs everyone out).

Restoring accepts only an archive that is complete for the engine in use (``_unpack_checked``
says exactly what that means) and changes nothing otherwise; then it replaces the database
(SQLite's backup API, or ``pg_restore --clean`` in one transaction) and swaps the media
folder for the archived one.
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
DATABASE_MEMBERS = {"sqlite": SQLITE_MEMBER, "postgresql": POSTGRES_MEMBER}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# How each engine's dump begins, as backup_create writes it (pg_dump --format=custom).
DATABASE_HEADERS = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
# Apps whose rows are live secrets or records about people, never written into an archive:
# sessions (whoever holds a key is logged in) and django-axes' login attempts and lockouts.
EXCLUDED_APPS = ("sessions", "axes")
SHA256 = re.compile(r"[0-9a-f]{64}")


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


def excluded_tables() -> list[str]:
    """The tables whose rows no archive holds (their structure it does)."""
    return sorted(
        model._meta.db_table
        for label in EXCLUDED_APPS
        if apps.is_installed(f"django.contrib.{label}") or apps.is_installed(label)
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


def _dump_database(folder: Path) -> Path:
    if _engine() == "sqlite":
        target = folder / SQLITE_MEMBER
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            for table in excluded_tables():
                copy.execute(f'DELETE FROM "{table}"')
            copy.commit()
            copy.execute("VACUUM")  # deleted rows would otherwise stay in the free pages
        finally:
            copy.close()
        return target
    target = folder / POSTGRES_MEMBER
    env, args = _pg_environment()
    excluded = [f"--exclude-table-data={table}" for table in excluded_tables()]
    _run(
        ["pg_dump", "--format=custom", "--no-owner", *excluded, "--file", str(target), *args],
        env,
        "pg_dump",
    )
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
    if not output_dir.is_dir():
        output_dir.mkdir(parents=True, mode=0o700)
        output_dir.chmod(0o700)  # mkdir's mode passes through the umask
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
        # Readable by the owner only from the first byte: it holds password hashes.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)  # also when an old .partial was left behind
        with (
            os.fdopen(descriptor, "wb") as handle,
            tarfile.open(fileobj=handle, mode="w:gz") as tar,
        ):
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name, path in files.items():
                tar.add(path, arcname=name, recursive=False)
        partial.replace(archive)  # a half-written archive never carries the final name
    return archive


def _refuse_unsafe_members(tar) -> dict:
    """The archive's regular files by name; refuses links, folders, doubles and odd paths."""
    members = {}
    for member in tar.getmembers():
        if not member.isfile() or not _safe_name(member.name):
            raise BackupError(
                _("The archive contains an unsafe entry: %(name)s") % {"name": member.name}
            )
        if member.name in members:
            raise BackupError(
                _("The archive contains %(name)s more than once.") % {"name": member.name}
            )
        members[member.name] = member
    return members


def _safe_name(name) -> bool:
    """A relative path without ``..``, ``.``, empty parts or backslashes."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and path.as_posix() == name
        and all(part not in ("", ".", "..") for part in path.parts)
    )


def _check_manifest(manifest) -> str:
    """Refuse a manifest that is not complete for the engine in use; return its database member."""

    def incomplete(key):
        return BackupError(
            _("The manifest is incomplete: %(key)s is missing or has the wrong type.")
            % {"key": key}
        )

    if not isinstance(manifest, dict):
        raise BackupError(_("The archive has no valid manifest."))
    # bool is an int to Python, but not a format number.
    if type(manifest.get("format")) is not int:
        raise incomplete("format")
    if manifest["format"] != FORMAT:
        raise BackupError(_("The archive was written in an unknown format."))
    for key in ("engine", "created"):
        if not isinstance(manifest.get(key), str):
            raise incomplete(key)
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise incomplete("files")
    for name, digest in files.items():
        if not isinstance(digest, str) or not SHA256.fullmatch(digest):
            raise incomplete(f"files[{name}]")
    here = _engine()
    if manifest["engine"] != here:
        raise BackupError(
            _("The archive holds a %(archive)s database; this installation uses %(here)s.")
            % {"archive": manifest["engine"], "here": here}
        )
    databases = [name for name in files if name in DATABASE_MEMBERS.values()]
    for name in files:
        if name not in DATABASE_MEMBERS.values() and not (
            name.startswith("media/") and _safe_name(name)
        ):
            raise BackupError(
                _("The manifest lists %(name)s, which is neither a database nor a media file.")
                % {"name": name}
            )
    if not databases:
        raise BackupError(_("The archive holds no database."))
    if databases != [DATABASE_MEMBERS[here]]:
        raise BackupError(
            _("The archive must hold exactly one database, %(name)s; it holds %(found)s.")
            % {"name": DATABASE_MEMBERS[here], "found": ", ".join(sorted(databases))}
        )
    return databases[0]


def _check_database(path: Path):
    """Refuse a database member that is not a dump of this site's database for the engine."""
    engine = _engine()
    with open(path, "rb") as handle:
        header = handle.read(len(DATABASE_HEADERS[engine]))
    tables = ""
    if header == DATABASE_HEADERS[engine] and engine == "sqlite":
        try:
            with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as copy:
                # A file cut short or damaged inside would fail halfway through the restore.
                if copy.execute("PRAGMA quick_check").fetchone() == ("ok",):
                    names = copy.execute("SELECT name FROM sqlite_master WHERE type='table'")
                    tables = " ".join(row[0] for row in names)
        except sqlite3.Error:
            tables = ""
    elif header == DATABASE_HEADERS[engine]:
        # The dump's table of contents; pg_restore refuses a damaged one.
        result = (
            subprocess.run(["pg_restore", "--list", str(path)], capture_output=True, text=True)
            if shutil.which("pg_restore")
            else None
        )
        tables = result.stdout if result is not None and result.returncode == 0 else ""
    # Every database this project migrated has django_migrations; an empty one would empty ours.
    if "django_migrations" not in tables:
        raise BackupError(
            _("%(name)s in the archive is not a %(engine)s backup of this site's database.")
            % {"name": path.name, "engine": ENGINE_NAMES[engine]}
        )


def _unpack_checked(archive: Path, folder: Path) -> dict:
    """Unpack the archive into ``folder`` if it is complete for the engine in use.

    Complete means: a well-formed manifest (format, engine, created, files with a SHA-256
    each); exactly one database member, the engine's, a dump of this site's database; only
    media files besides it; every listed member present with its checksum, no other member
    and no unsafe path. Otherwise BackupError, and nothing outside ``folder`` was touched.
    """
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = _refuse_unsafe_members(tar)
            if MANIFEST not in members:
                raise BackupError(_("The archive has no valid manifest."))
            try:
                manifest = json.loads(tar.extractfile(members[MANIFEST]).read())
            except ValueError as error:
                raise BackupError(_("The archive has no valid manifest.")) from error
            database = _check_manifest(manifest)
            listed = set(manifest["files"])
            for name in sorted(listed - set(members)):
                raise BackupError(
                    _("The archive lacks %(name)s, which its manifest lists.") % {"name": name}
                )
            for name in sorted(set(members) - listed - {MANIFEST}):
                raise BackupError(
                    _("The archive contains %(name)s, which its manifest does not list.")
                    % {"name": name}
                )
            # The checks above left only regular files with safe relative names: their bytes
            # and times, no mode or owner from the archive. (tarfile's filter="data" would do
            # as much, but needs Python 3.11.4; Debian 12 has 3.11.2.)
            for name, member in members.items():
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, target.open("wb") as copy:
                    shutil.copyfileobj(source, copy)
                os.utime(target, (member.mtime, member.mtime))
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(
            _("This is not a readable backup archive: %(error)s") % {"error": error}
        ) from error
    for name, digest in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(
                _("The archive is damaged: %(name)s does not match.") % {"name": name}
            )
    _check_database(folder / database)
    return manifest


def _restore_database(folder: Path, manifest: dict):
    if manifest["engine"] == "sqlite":
        connection.ensure_connection()
        try:
            with closing(sqlite3.connect(folder / SQLITE_MEMBER)) as source:
                source.backup(connection.connection)  # page by page, under SQLite's lock
        except sqlite3.Error as error:
            raise BackupError(f"SQLite: {error}") from error
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
