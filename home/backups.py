"""Backing up and restoring the whole site: the database and the uploaded media files.

A backup is a folder with ``database.dump`` (PostgreSQL, ``pg_dump`` custom format) or
``database.sqlite3`` (SQLite), ``media.tar.gz`` (when media are stored on local disk; object
storage keeps its own versions) and ``manifest.json`` (what was backed up, when, and checksums).
``manage.py backup_site`` and ``manage.py restore_site`` (``make backup``, ``make restore``) call
these functions; see docs/operations.md.
"""

import contextlib
import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
# A backup holds password hashes, sessions and two-factor keys: only its owner may read it.
PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT = "ryhmahaku-backup/1"


class BackupError(Exception):
    """A backup or restore could not be done; the message says why."""


@dataclass
class RestoreReport:
    """What a restore put back."""

    pages: int
    live_pages: int
    media_files: int
    notes: list = field(default_factory=list)


def _engine_kind(settings_dict):
    engine = settings_dict["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


# libpq's connection parameters that a database URL's options may set (``?sslmode=require``),
# and the environment variables through which pg_dump and pg_restore take them.
LIBPQ_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "sslcrldir": "PGSSLCRLDIR",
    "sslsni": "PGSSLSNI",
    "sslnegotiation": "PGSSLNEGOTIATION",
    "ssl_min_protocol_version": "PGSSLMINPROTOCOLVERSION",
    "ssl_max_protocol_version": "PGSSLMAXPROTOCOLVERSION",
    "requirepeer": "PGREQUIREPEER",
    "require_auth": "PGREQUIREAUTH",
    "channel_binding": "PGCHANNELBINDING",
    "gssencmode": "PGGSSENCMODE",
    "krbsrvname": "PGKRBSRVNAME",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "load_balance_hosts": "PGLOADBALANCEHOSTS",
    "hostaddr": "PGHOSTADDR",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
_CONNECTION_VARIABLES = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}


def _libpq_parameters(settings_dict):
    """The libpq connection parameters of a database's settings, with its URL's options (``sslmode``...)."""
    parameters = {"dbname": settings_dict["NAME"]}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if settings_dict.get(key):
            parameters[name] = str(settings_dict[key])
    for name, value in (settings_dict.get("OPTIONS") or {}).items():
        if name in LIBPQ_OPTION_VARIABLES and value not in (None, ""):
            parameters[name] = str(value)
    return parameters


def _libpq_environment(settings_dict):
    """Connection settings for pg_dump/pg_restore through the environment (no password on the command line).

    The database URL's options go along (``sslmode=require`` becomes ``PGSSLMODE``), so a backup
    connects the way the site does (libpq reads the same variables in the site's own process).
    """
    environment = dict(os.environ)
    for name, value in _libpq_parameters(settings_dict).items():
        variable = "PGDATABASE" if name == "dbname" else _CONNECTION_VARIABLES.get(name.upper())
        environment[variable or LIBPQ_OPTION_VARIABLES[name]] = value
    return environment


def _run(command, settings_dict):
    try:
        result = subprocess.run(  # noqa: S603 (fixed program names, arguments from our settings)
            command,
            env=_libpq_environment(settings_dict),
            capture_output=True,
            text=True,
            check=False,
            umask=PRIVATE_UMASK,
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _local_media_root():
    """MEDIA_ROOT when uploaded files are on local disk, ``None`` when they are in object storage."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


@contextlib.contextmanager
def _private_files():
    """Create files and folders readable by their owner only while the backup is written.

    The umask is the process's, so this is for management commands, not for a web worker.
    """
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def backup_site(destination, using="default"):
    """Write a backup of the database and local media into the new folder ``destination``.

    The folder (and any folder made for it) is readable by its owner only (0700), and so are the
    files in it (0600): a backup holds password hashes, sessions and two-factor keys.
    """
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} already exists and is not empty.")
    with _private_files():
        manifest = _write_backup(destination, using)
    return manifest


def _write_backup(destination, using):
    destination.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    destination.chmod(FOLDER_MODE)
    connection = connections[using]
    kind = _engine_kind(connection.settings_dict)
    files = []

    if kind == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={destination / POSTGRES_DUMP}"],
            connection.settings_dict,
        )
        files.append(POSTGRES_DUMP)
    else:
        connection.ensure_connection()
        target = sqlite3.connect(destination / SQLITE_COPY)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        files.append(SQLITE_COPY)

    media_root = _local_media_root()
    media_files = 0
    if media_root is not None:
        with tarfile.open(destination / MEDIA_ARCHIVE, "w:gz") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        media_files += 1
        files.append(MEDIA_ARCHIVE)

    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": kind,
        "media": "archive" if media_root is not None else "object storage (not in this backup)",
        "media_files": media_files,
        "files": {name: _sha256(destination / name) for name in files},
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for name in [*files, MANIFEST]:
        (destination / name).chmod(FILE_MODE)
    return manifest


def read_manifest(source):
    """Read and check a backup folder's manifest: the format, and that no file is missing or changed."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(f"{source} is not a backup folder ({MANIFEST} is missing).") from error
    except json.JSONDecodeError as error:
        raise BackupError(f"{source / MANIFEST} is not valid JSON.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a backup of this site (format {manifest.get('format')!r}).")
    for name, checksum in manifest.get("files", {}).items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if _sha256(path) != checksum:
            raise BackupError(f"{path} has changed since the backup was made (checksum mismatch).")
    return manifest


def database_settings(database_url=None, using="default"):
    """The settings of the database to restore into: ``database_url``, or the site's own database."""
    if database_url:
        return dj_database_url.parse(database_url)
    return connections[using].settings_dict


def count_pages(settings_dict):
    """Count the pages (and the live ones) in a database, through a connection of its own."""
    query = "SELECT count(*), count(*) FILTER (WHERE live) FROM wagtailcore_page"
    if _engine_kind(settings_dict) == "postgresql":
        import psycopg

        with psycopg.connect(**_libpq_parameters(settings_dict)) as connection:
            return connection.execute(query).fetchone()
    with sqlite3.connect(settings_dict["NAME"]) as connection:
        return connection.execute(query).fetchone()


def restore_site(source, database_url=None, media_root=None):
    """Restore a backup into a database (by default the site's own) and a media folder.

    Restore into an empty database where you can: objects in the backup replace the ones with the
    same names, but tables the backup does not have are left alone.
    """
    source = Path(source)
    manifest = read_manifest(source)
    target = database_settings(database_url)
    kind = _engine_kind(target)
    if kind != manifest["database"]:
        raise BackupError(f"The backup is of a {manifest['database']} database; the target is {kind}.")
    notes = []

    if kind == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={target['NAME']}",
                str(source / POSTGRES_DUMP),
            ],
            target,
        )
    else:
        backup = sqlite3.connect(source / SQLITE_COPY)
        destination = sqlite3.connect(target["NAME"])
        try:
            backup.backup(destination)
        finally:
            backup.close()
            destination.close()

    media_files = 0
    archive_path = source / MEDIA_ARCHIVE
    if archive_path.is_file():
        media_root = Path(media_root) if media_root else _local_media_root()
        if media_root is None:
            notes.append("media archive not restored: media are configured to live in object storage")
        else:
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(archive_path, "r:gz") as archive:
                members = [member for member in archive.getmembers() if member.isfile()]
                archive.extractall(media_root, members=members, filter="data")
                media_files = len(members)
    elif manifest.get("media") != "archive":
        notes.append("the backup has no media archive: media were in object storage")

    pages, live_pages = count_pages(target)
    return RestoreReport(pages=pages, live_pages=live_pages, media_files=media_files, notes=notes)
