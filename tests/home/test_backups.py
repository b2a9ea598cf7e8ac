"""Backups: a backup restored into a fresh database has every page, and the media files come back.

Runs on whichever database the suite runs on: PostgreSQL (pg_dump/pg_restore into a new
database) or SQLite (a copy through SQLite's backup API into a new file).
"""

import json
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from home.backups import MANIFEST, backup_site, count_pages

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


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_page_and_media_file(imported_example, tmp_path, fresh_database):
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
def test_restore_reports_what_it_restored(imported_example, tmp_path, fresh_database, capsys, monkeypatch):
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
