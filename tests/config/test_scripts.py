"""The load test and drill scripts stay runnable: valid shell, and the load test's verdict."""

import os
import runpy
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SHELL_SCRIPTS = sorted((ROOT / "scripts").rglob("*.sh"))
STATS_HEADER = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%\n"


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_shell_scripts_parse(script):
    result = subprocess.run([shutil.which("bash"), "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_there_are_a_load_test_and_two_drills():
    names = {str(path.relative_to(ROOT)) for path in SHELL_SCRIPTS}
    assert {"scripts/loadtest/run.sh", "scripts/drills/redis.sh", "scripts/drills/postgres.sh"} <= names


def run_summary(tmp_path, rows, *extra):
    (tmp_path / "run_stats.csv").write_text(STATS_HEADER + rows, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "loadtest" / "summary.py"), str(tmp_path / "run"), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def test_load_test_summary_prints_throughput_percentiles_and_cpu(tmp_path: Path):
    result = run_summary(
        tmp_path,
        "GET,group page,100,0,10.0,40,90,120\n,Aggregated,200,0,20.0,35,80,110\n",
        "400",
        "100",
    )
    assert result.returncode == 0, result.stderr
    assert "Throughput 20.0 requests/s; p50 35 ms, p95 80 ms, p99 110 ms; 0 errors in 200 requests." in result.stdout
    assert "App CPU 20.0 ms per request" in result.stdout


def test_load_test_fails_when_any_request_failed(tmp_path: Path):
    result = run_summary(tmp_path, "GET,group page,100,3,10.0,40,90,120\n,Aggregated,100,3,10.0,40,90,120\n")
    assert result.returncode == 1
    assert "3 errors in 100 requests" in result.stdout


# -- The load test and drills work on a database of their own ------------------------------------


def bash(script, tmp_path, **environment):
    """Run a piece of bash in the project folder with scripts/lib.sh sourced."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SITE_"))}
    return subprocess.run(
        [shutil.which("bash"), "-c", f"set -euo pipefail; source scripts/lib.sh; {script}"],
        cwd=ROOT,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def table_names(path):
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.fixture
def site_database(tmp_path):
    """A SQLite database with content that no load test made (stands for a real site's)."""
    path = tmp_path / "site.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE wagtailcore_page (id integer primary key, title text)")
        connection.execute("INSERT INTO wagtailcore_page (title) VALUES ('Oikea sivu')")
    return path


def test_the_scripts_never_use_the_environments_database_or_redis(tmp_path):
    result = bash(
        'production_env; echo "$DATABASE_URL|${REDIS_URL:-none}|$CACHE_DIR|${AWS_STORAGE_BUCKET_NAME:-none}"',
        tmp_path,
        WORKDIR=str(tmp_path / "run"),
        DATABASE_URL="postgres://ryhmahaku@db-primary.internal/ryhmahaku",
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="ryhmahaku-media",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sqlite:///{tmp_path}/run/db.sqlite3|none|{tmp_path}/run/cache|none"


def test_a_relative_work_folder_is_under_the_project(tmp_path):
    result = bash('production_env; echo "$DATABASE_URL"', tmp_path, WORKDIR="tmp/relative-run")
    assert result.stdout.strip() == f"sqlite:///{ROOT / 'tmp' / 'relative-run' / 'db.sqlite3'}"


def test_the_demo_data_is_not_loaded_into_a_database_with_other_content(tmp_path, site_database):
    result = bash(
        "prepare_site", tmp_path, WORKDIR=str(tmp_path / "run"), SITE_DATABASE_URL=f"sqlite:///{site_database}"
    )
    assert result.returncode == 3
    assert "already has 1 tables and was not made by a load test or drill" in result.stderr
    assert table_names(site_database) == {"wagtailcore_page"}  # not migrated, not marked


def test_the_scratch_check_accepts_new_and_marked_databases_and_yes(tmp_path, site_database):
    script = [sys.executable, str(ROOT / "scripts" / "scratch_database.py")]
    new = subprocess.run([*script, f"sqlite:///{tmp_path / 'new.sqlite3'}"], capture_output=True, text=True)
    again = subprocess.run([*script, f"sqlite:///{tmp_path / 'new.sqlite3'}"], capture_output=True, text=True)
    refused = subprocess.run([*script, f"sqlite:///{site_database}"], capture_output=True, text=True)
    forced = subprocess.run([*script, f"sqlite:///{site_database}", "--yes"], capture_output=True, text=True)
    assert (new.returncode, again.returncode, refused.returncode, forced.returncode) == (0, 0, 3, 0)
    assert "new database" in new.stdout
    assert "scratch database" in again.stdout
    assert "ryhmahaku_scratch_site" in table_names(site_database)


@pytest.mark.django_db
def test_the_scratch_check_refuses_the_sites_own_postgresql_database():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "scratch_database.py"), url], capture_output=True, text=True
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "was not made by a load test or drill" in result.stderr


def test_a_failing_preparation_step_shows_the_end_of_its_log(tmp_path):
    result = bash(
        'mkdir -p "$WORKDIR"; run_step "Migrating the database" bash -c "echo no such table: django_site; exit 4"',
        tmp_path,
        WORKDIR=str(tmp_path / "run"),
    )
    assert result.returncode == 4
    assert "FAILED: Migrating the database (exit status 4)" in result.stdout
    assert "no such table: django_site" in result.stdout


def test_the_load_test_names_its_cache_truthfully(tmp_path):
    files = bash('production_env; echo "$(cache_description)"', tmp_path, WORKDIR=str(tmp_path / "run"))
    redis = bash(
        'production_env; echo "$(cache_description)"',
        tmp_path,
        WORKDIR=str(tmp_path / "run"),
        SITE_REDIS_URL="redis://127.0.0.1:6391/0",
    )
    assert files.stdout.strip() == f"files in {tmp_path}/run/cache, shared by the workers"
    assert redis.stdout.strip() == "Redis redis://127.0.0.1:6391/0"


# -- The Redis drill starts Redis again the way it was started -----------------------------------


def redis_control():
    return runpy.run_path(str(ROOT / "scripts" / "drills" / "redis_control.py"))


@pytest.fixture
def redis_program(tmp_path):
    program = tmp_path / "bin" / "redis-server"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    return str(program)


def test_redis_started_from_a_file_is_started_again_from_it(redis_program):
    start_command = redis_control()["start_command"]
    info = {"executable": redis_program, "config_file": "/etc/redis/redis.conf"}
    assert start_command(info, {"port": "6379"}) == [redis_program, "/etc/redis/redis.conf", "--daemonize", "yes"]


def test_redis_started_with_options_is_started_again_with_them(redis_program):
    start_command = redis_control()["start_command"]
    info = {"executable": redis_program, "config_file": ""}
    config = {
        "port": "6391",
        "bind": "127.0.0.1 -::1",
        "save": "",
        "appendonly": "no",
        "logfile": "",
        "dir": "/var/lib/redis",
    }
    assert start_command(info, config) == [
        redis_program,
        "--daemonize",
        "yes",
        "--port",
        "6391",
        "--bind",
        "127.0.0.1",
        "-::1",
        "--dir",
        "/var/lib/redis",
        "--save",
        "",
        "--appendonly",
        "no",
    ]


def test_redis_found_on_the_path_is_started_from_the_path(tmp_path, redis_program, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(redis_program).parent))
    start_command = redis_control()["start_command"]
    # Redis reports the folder it was started in plus "redis-server": a program that is not there.
    info = {"executable": str(tmp_path / "elsewhere" / "redis-server"), "config_file": ""}
    assert start_command(info, {})[0] == redis_program


@pytest.mark.parametrize("url", ["redis://cache.internal:6379/0", "redis://10.0.1.5:6379/0"])
def test_the_redis_drill_refuses_a_redis_on_another_machine(url):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "drills" / "redis_control.py"), url, "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "is not this machine" in result.stderr


def test_the_postgres_drill_refuses_a_database_on_another_machine(tmp_path):
    result = subprocess.run(
        [shutil.which("bash"), str(ROOT / "scripts" / "drills" / "postgres.sh")],
        env={**os.environ, "DRILL_DATABASE_URL": "postgres://ryhmahaku@db-primary.internal:5432/ryhmahaku"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "db-primary.internal is not this machine. Refusing." in result.stdout
