"""``/healthz``: 200 when the site can serve (``degraded`` without its cache), 503 without a database."""

import socket
from http import HTTPStatus
from unittest import mock

import pytest

from django.db import OperationalError, connections
from django.test import override_settings

from config.env import cache_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_unavailable_when_the_database_is_down(client):
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "down", "checks": {"database": "failing", "cache": "ok"}}


def test_healthz_is_degraded_but_serving_when_the_cache_is_down(client):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with override_settings(CACHES=cache_settings({"REDIS_URL": f"redis://127.0.0.1:{port}/0"})):
        response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "failing"}}


def test_healthz_only_answers_reads(client):
    assert client.post("/healthz").status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.head("/healthz").status_code == HTTPStatus.OK


def test_favicon_leads_to_the_sites_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith("/favicon.svg")
    icon = client.get("/", follow=True).content.decode()
    assert 'rel="icon"' in icon
