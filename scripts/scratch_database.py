"""Make sure a load test or a drill gets a database of its own, never one with real content.

    scratch_database.py DATABASE_URL [--yes]

Used by scripts/lib.sh before it migrates the database and loads the demo data into it. Creates a
PostgreSQL database that does not exist yet. A database that already has tables is used only when
an earlier load test or drill marked it as a scratch database (the table ``ryhmahaku_scratch_site``)
or with ``--yes``; otherwise it exits with status 3 and says why, before anything is changed. The
database is then marked, so the next run uses it without asking.
"""

import argparse
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

MARKER_TABLE = "ryhmahaku_scratch_site"
MARKER_NOTE = "made by scripts/lib.sh for load tests and drills (demo data); safe to drop"
REFUSED = 3


class Refused(Exception):
    """The database has other content; loading the demo data into it could spoil it."""


def without_password(url):
    """The URL as it may be printed."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def sqlite_state(path):
    """(number of tables, whether the scratch marker is there) of a SQLite file; a missing file is empty."""
    if not path.exists():
        return 0, False
    with sqlite3.connect(path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return len(names), MARKER_TABLE in names


def mark_sqlite(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (note text)")
        if not connection.execute(f"SELECT 1 FROM {MARKER_TABLE}").fetchone():  # noqa: S608 (a constant)
            connection.execute(f"INSERT INTO {MARKER_TABLE} (note) VALUES (?)", [MARKER_NOTE])  # noqa: S608


def postgres_options(settings):
    return {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        **{key: value for key, value in settings.get("OPTIONS", {}).items() if key in {"sslmode", "sslrootcert"}},
    }


def postgres_state(settings):
    """Create the database when it is missing; (number of tables, whether the scratch marker is there)."""
    import psycopg

    options = postgres_options(settings)
    with psycopg.connect(**options, dbname="postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone():
            connection.execute(f'CREATE DATABASE "{settings["NAME"]}"')
            return 0, False
    with psycopg.connect(**options, dbname=settings["NAME"]) as connection:
        names = {
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
        }
    return len(names), MARKER_TABLE in names


def mark_postgres(settings):
    import psycopg

    with psycopg.connect(**postgres_options(settings), dbname=settings["NAME"], autocommit=True) as connection:
        connection.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (note text)")
        if not connection.execute(f"SELECT 1 FROM {MARKER_TABLE}").fetchone():  # noqa: S608 (a constant)
            connection.execute(f"INSERT INTO {MARKER_TABLE} (note) VALUES (%s)", [MARKER_NOTE])  # noqa: S608


def prepare(url, assume_yes=False):
    """Check that ``url`` is empty or a scratch database (or ``assume_yes``), and mark it as one."""
    import dj_database_url

    settings = dj_database_url.parse(url)
    engine = settings["ENGINE"]
    if engine.endswith("sqlite3"):
        path = Path(settings["NAME"])
        tables, marked = sqlite_state(path)
        mark = lambda: mark_sqlite(path)  # noqa: E731
    elif engine.endswith("postgresql"):
        tables, marked = postgres_state(settings)
        mark = lambda: mark_postgres(settings)  # noqa: E731
    else:
        raise Refused(f"Load tests and drills run on SQLite or PostgreSQL, not {engine}.")
    if tables and not marked and not assume_yes:
        raise Refused(
            f"{without_password(url)} already has {tables} tables and was not made by a load test or drill. "
            "Loading the demo data would mix it into that content. Give the run a new database "
            "(LOADTEST_DATABASE_URL or DRILL_DATABASE_URL; by default a SQLite file in its own folder), "
            "or pass --yes if this database is a scratch copy that may be changed."
        )
    mark()
    return "scratch database" if marked else ("new database" if not tables else "existing database (--yes)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database_url")
    parser.add_argument("--yes", action="store_true", help="Use a database that has other content too.")
    args = parser.parse_args(argv)
    try:
        state = prepare(args.database_url, assume_yes=args.yes)
    except Refused as refusal:
        print(f"Refusing to load the demo data: {refusal}", file=sys.stderr)
        return REFUSED
    print(f"{without_password(args.database_url)}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
