"""Logs: one JSON object per line with the request id; the id is returned to the client."""

import io
import json
import logging
from http import HTTPStatus
from unittest import mock

import pytest

from django.db import OperationalError, connections
from django.test import RequestFactory

from config.log import JsonLineFormatter, RequestIdFilter, current_request_id, request_id_from

pytestmark = pytest.mark.django_db


def format_record(record):
    RequestIdFilter().filter(record)
    return JsonLineFormatter().format(record)


def test_a_log_record_is_one_json_line_with_the_request_id():
    token = current_request_id.set("abc123")
    try:
        record = logging.LogRecord("groups", logging.ERROR, __file__, 1, "import failed\nsecond line", None, None)
        line = format_record(record)
    finally:
        current_request_id.reset(token)
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "ERROR"
    assert data["logger"] == "groups"
    assert data["message"] == "import failed\nsecond line"
    assert data["request_id"] == "abc123"
    assert data["time"]


def test_a_traceback_stays_on_the_same_line():
    try:
        raise ValueError("broken")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "oops", None, sys.exc_info())
    line = format_record(record)
    assert "\n" not in line
    assert "ValueError: broken" in json.loads(line)["exc_info"]


def test_the_request_is_logged_without_its_query_string():
    request = RequestFactory().get("/fi/ryhmat/", {"q": "mielenterveys"})
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found", None, None)
    record.request = request
    data = json.loads(format_record(record))
    assert data["request"] == "GET /fi/ryhmat/"
    assert "mielenterveys" not in json.dumps(data)


@pytest.mark.parametrize(
    ("header", "kept"),
    [("f3a9c2d4-77b1-4c0e-9d2a-1b2c3d4e5f60", True), ("bad value\nwith newline", False), ("x" * 200, False)],
)
def test_an_upstream_request_id_is_kept_only_when_it_is_safe_to_log(header, kept):
    assert (request_id_from(header) == header) is kept


def test_responses_carry_the_request_id(client):
    given = client.get("/fi/", headers={"X-Request-ID": "lb-12345"})
    made_up = client.get("/fi/")
    assert given.status_code == HTTPStatus.OK
    assert given["X-Request-ID"] == "lb-12345"
    assert len(made_up["X-Request-ID"]) == 32


@pytest.fixture
def request_log():
    """django.request's records as the production handler writes them: JSON lines with the request id."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLineFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


def test_error_responses_are_logged_with_their_request_id(client, request_log):
    not_found = client.get("/fi/ei-ole-olemassa/", headers={"X-Request-ID": "lb-404"})
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError("server closed")):
        unavailable = client.get("/fi/", headers={"X-Request-ID": "lb-503"})

    assert not_found.status_code == HTTPStatus.NOT_FOUND
    assert unavailable.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    lines = {line["status_code"]: line for line in request_log()}
    assert lines[404]["request_id"] == "lb-404"
    assert lines[503]["request_id"] == "lb-503"
    assert lines[503]["request"] == "GET /fi/"
