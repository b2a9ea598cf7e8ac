"""gunicorn's access and error logs are JSON lines that no request path can break or forge."""

import datetime
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from config.gunicorn_log import JsonLogger
from tests.conftest import ROOT

NASTY_PATH = '/fi/ryhmat/\n{"status": 200, "path": "/forged"}\t"quoted"'


@pytest.fixture
def gunicorn_logger(tmp_path):
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = JsonLogger(config)
    yield logger, tmp_path / "access.log", tmp_path / "error.log"
    for log in (logging.getLogger("gunicorn.access"), logging.getLogger("gunicorn.error")):
        for handler in list(log.handlers):
            if getattr(handler, "_gunicorn", False):
                log.removeHandler(handler)
                handler.close()


def test_an_access_record_is_one_json_line_whatever_the_path(gunicorn_logger):
    logger, access_log, _error_log = gunicorn_logger
    response = SimpleNamespace(status="404 Not Found", sent=1234, headers=[("X-Request-ID", "lb-42")])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": NASTY_PATH,
        "QUERY_STRING": "q=mielenterveys",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_USER_AGENT": "TestBrowser/1.0",
    }

    logger.access(response, None, environ, datetime.timedelta(milliseconds=12, microseconds=300))

    lines = access_log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["path"] == NASTY_PATH
    assert record["method"] == "GET"
    assert record["status"] == 404
    assert record["bytes"] == 1234
    assert record["duration_ms"] == 12.3
    assert record["request_id"] == "lb-42"
    assert record["logger"] == "gunicorn.access"
    assert datetime.datetime.fromisoformat(record["time"]).tzinfo is not None
    for private in ("mielenterveys", "203.0.113.9", "TestBrowser"):
        assert private not in lines[0]


def test_gunicorns_own_messages_are_json_lines(gunicorn_logger):
    logger, _access_log, error_log = gunicorn_logger
    logger.error("worker timeout\nsecond line")
    record = json.loads(error_log.read_text(encoding="utf-8"))
    assert record["message"] == "worker timeout\nsecond line"
    assert record["level"] == "ERROR"


TINY_APP = """
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("X-Request-ID", "app-7")])
    return [b"hello"]
"""


def test_gunicorn_with_the_deployed_configuration_writes_json_lines(tmp_path):
    (tmp_path / "tinyapp.py").write_text(TINY_APP, encoding="utf-8")
    access_log = tmp_path / "access.log"
    environment = {
        **os.environ,
        "GUNICORN_BIND": "127.0.0.1:0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": str(access_log),
    }
    gunicorn = shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")) or "gunicorn"
    with open(tmp_path / "error.log", "w+", encoding="utf-8") as error_log:
        server = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "--pythonpath", str(tmp_path), "tinyapp:application"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=error_log,
        )
        try:
            port = wait_for_port(tmp_path / "error.log", server)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/fi/%0A%7B%22x%22%3A1%7D%09%22?q=secret") as response:
                assert response.status == 200
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not access_log.read_text(encoding="utf-8").strip():
                time.sleep(0.05)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        error_lines = [json.loads(line) for line in (tmp_path / "error.log").read_text(encoding="utf-8").splitlines()]

    access_lines = access_log.read_text(encoding="utf-8").splitlines()
    assert len(access_lines) == 1
    record = json.loads(access_lines[0])
    assert record["path"] == '/fi/\n{"x":1}\t"'
    assert record["status"] == 200
    assert record["bytes"] == 5
    assert record["request_id"] == "app-7"
    assert "secret" not in access_lines[0]
    assert any(line["message"].startswith("Listening at") for line in error_lines)


def wait_for_port(error_log, server, timeout=30):
    """The port gunicorn listens on, from its (JSON) error log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", error_log.read_text(encoding="utf-8"))
        if match:
            return int(match.group(1))
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {error_log.read_text(encoding='utf-8')}")
        time.sleep(0.05)
    pytest.fail("gunicorn did not start")
