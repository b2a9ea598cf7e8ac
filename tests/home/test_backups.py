"""Backups: a backup restored into a fresh database has every page, and the media files come back.

Runs on whichever database the suite runs on: PostgreSQL (pg_dump/pg_restore into a new
database) or SQLite (a copy through SQLite's backup API into a new file).
"""

import json
import os
import stat
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from groups.importer import import_data
from home.backups import MANIFEST, BackupError, _libpq_environment, backup_site, count_pages
from tests.conftest import reset_database

PAGE_QUERY = "SELECT id, url_path, locale_id, live, title, latest_revision_id FROM wagtailcore_page ORDER BY id"


def pages_of_site():
    with connection.cursor() as cursor:
        cursor.execute(PAGE_QUERY)
        return cursor.fetchall()


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the same kind as the test database; yields its URL."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{settings_dict['NAME']}_restore"
    options = {
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or None,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**options) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict["USER"] or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or 5432
    yield f"postgres://{user}{password}@{host}:{port}/{name}"
    with psycopg.connect(**options) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pages_in(database_url):
    import dj_database_url

    settings_dict = dj_database_url.parse(database_url)
    if settings_dict["ENGINE"].endswith("sqlite3"):
        import sqlite3

        with sqlite3.connect(settings_dict["NAME"]) as restored:
            return [tuple(row) for row in restored.execute(PAGE_QUERY).fetchall()]
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as restored:
        return [tuple(row) for row in restored.execute(PAGE_QUERY).fetchall()]


@pytest.fixture(scope="module", autouse=True)
def _migrated_data_put_back(django_db_blocker):
    """The transactional tests end with the database emptied; the tests after this module (on the
    same test process) find again what ``migrate`` made: roles, workflow, fixed pages."""
    yield
    with django_db_blocker.unblock():
        reset_database()


@pytest.fixture
def committed_example(transactional_db, example_data):
    """The example file imported and committed: a backup reads the database from outside."""
    import_data(example_data)
    return example_data


# Transactional: the backup reads the database from outside.
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_page_and_media_file(committed_example, tmp_path, fresh_database):
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "kahvikuppi.png").write_bytes(b"\x89PNG not really an image")
    (media / "documents").mkdir()
    (media / "documents" / "esite.pdf").write_bytes(b"%PDF-1.4 brochure")
    expected_pages = pages_of_site()
    assert len(expected_pages) > 10

    with override_settings(MEDIA_ROOT=media):
        call_command("backup_site", str(tmp_path / "backup"))
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore_site",
        str(tmp_path / "backup"),
        database_url=fresh_database,
        media_root=str(restored_media),
        interactive=False,
    )

    assert pages_in(fresh_database) == expected_pages
    assert (restored_media / "original_images" / "kahvikuppi.png").read_bytes() == b"\x89PNG not really an image"
    assert (restored_media / "documents" / "esite.pdf").read_bytes() == b"%PDF-1.4 brochure"


@pytest.mark.django_db(transaction=True)
def test_restore_reports_what_it_restored(committed_example, tmp_path, fresh_database, capsys, monkeypatch):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(variable, "fi_FI.UTF-8")
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        call_command("backup_site", str(tmp_path / "backup"))
    call_command("restore_site", str(tmp_path / "backup"), database_url=fresh_database, interactive=False)
    import dj_database_url

    pages, live = count_pages(dj_database_url.parse(fresh_database))
    assert f"{pages} sivua ({live} julkaistua)" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_backup_is_not_written_over_another(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(tmp_path / "backup"))
    assert (tmp_path / "backup" / "old.txt").read_text() == "keep me"


@pytest.mark.django_db
def test_a_changed_backup_is_refused(tmp_path, fresh_database):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        backup_site(tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    damaged = tmp_path / "backup" / next(iter(manifest["files"]))
    damaged.write_bytes(damaged.read_bytes()[:-10])
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore_site", str(tmp_path / "backup"), database_url=fresh_database, interactive=False)


@pytest.mark.django_db
def test_a_folder_that_is_not_a_backup_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"manifest\.json"):
        call_command("restore_site", str(tmp_path), interactive=False)


@pytest.mark.django_db
def test_restore_asks_before_replacing_the_database(tmp_path, monkeypatch):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        backup_site(tmp_path / "backup")
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError):
        call_command("restore_site", str(tmp_path / "backup"))
    assert Path(tmp_path / "backup" / MANIFEST).is_file()


@pytest.fixture
def usual_umask():
    """The umask of a login shell or a systemd service without UMask=: files readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.django_db
def test_a_backup_can_be_read_by_its_owner_only(tmp_path, usual_umask):
    media = tmp_path / "media"
    media.mkdir()
    (media / "kuva.png").write_bytes(b"not really an image")
    destination = tmp_path / "backups" / "20261123-023000"

    with override_settings(MEDIA_ROOT=media):
        manifest = backup_site(destination)

    assert mode(tmp_path / "backups") == 0o700
    assert mode(destination) == 0o700
    files = sorted(path.name for path in destination.iterdir())
    assert files == sorted([*manifest["files"], MANIFEST])
    assert {name: mode(destination / name) for name in files} == dict.fromkeys(files, 0o600)
    (tmp_path / "written-after.txt").write_text("the umask of the process is back", encoding="utf-8")
    assert mode(tmp_path / "written-after.txt") == 0o644


@pytest.mark.django_db
def test_an_empty_folder_given_for_a_backup_is_made_private(tmp_path, usual_umask):
    (tmp_path / "backup").mkdir(mode=0o755)
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        backup_site(tmp_path / "backup")
    assert mode(tmp_path / "backup") == 0o700


def test_backups_connect_with_the_database_urls_options():
    import dj_database_url

    settings_dict = dj_database_url.parse(
        "postgres://ryhmahaku:secret@db.internal:5433/ryhmahaku"
        "?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem&application_name=backup"
    )
    environment = _libpq_environment(settings_dict)
    assert environment["PGHOST"] == "db.internal"
    assert environment["PGPORT"] == "5433"
    assert environment["PGDATABASE"] == "ryhmahaku"
    assert environment["PGPASSWORD"] == "secret"
    assert environment["PGSSLMODE"] == "verify-full"
    assert environment["PGSSLROOTCERT"] == "/etc/ssl/db-ca.pem"
    assert environment["PGAPPNAME"] == "backup"


@pytest.mark.django_db
def test_pg_dump_is_given_the_ssl_options_of_the_database_url(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump: PostgreSQL only")
    options = {**connection.settings_dict.get("OPTIONS", {}), "sslmode": "verify-full"}
    options["sslrootcert"] = str(tmp_path / "missing-ca.pem")
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    with pytest.raises(BackupError, match=r"(?i)ssl|certificate"), override_settings(MEDIA_ROOT=tmp_path / "media"):
        backup_site(tmp_path / "backup")
