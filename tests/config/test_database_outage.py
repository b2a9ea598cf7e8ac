"""While the database is away, visitors get a short "try again in a minute" page, not a server error."""

from http import HTTPStatus
from unittest import mock

import pytest

from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def database_down():
    return mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError("server closed"))


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/fi/ryhmat/?q=laulu", "fi", "Ryhmähaku on hetken tauolla"),
        ("/sv/", "sv", "Gruppsök tar en kort paus"),
    ],
)
def test_public_pages_answer_503_while_the_database_is_down(client, soup, url, language, heading):
    client.get("/fi/")  # the site is up first
    with database_down():
        response = client.get(url)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = soup(response)
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == heading


def test_the_site_answers_again_when_the_database_is_back(client):
    with database_down():
        assert client.get("/fi/").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert client.get("/fi/").status_code == HTTPStatus.OK
