"""Logs: one JSON object per line with the request id; the id is returned to the client."""

import json
import logging
from http import HTTPStatus

import pytest

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
