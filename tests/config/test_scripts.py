"""The load test and drill scripts stay runnable: valid shell, and the load test's verdict."""

import shutil
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
