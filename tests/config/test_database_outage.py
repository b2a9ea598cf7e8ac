"""While the database is away, visitors get a short "try again in a minute" page, not a server error."""

from http import HTTPStatus
from unittest import mock

import pytest

from django.db import OperationalError, connections
from django.test import Client, override_settings

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


@pytest.fixture
def signed_in_admin(django_user_model):
    """A superuser signed in with two-factor authentication required, through a client that turns
    errors into responses as a real server does (the test client re-raises them by default)."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    with override_settings(REQUIRE_2FA=True):
        yield client


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/fi/"])
def test_a_signed_in_admin_gets_the_503_page_while_the_database_is_down(signed_in_admin, soup, url):
    with database_down():
        response = signed_in_admin.get(url)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert soup(response).h1.get_text(strip=True) == "Ryhmähaku on hetken tauolla"


def test_an_error_that_is_not_the_database_is_still_a_server_error(signed_in_admin):
    with mock.patch("home.services.two_factor_step", side_effect=RuntimeError("bug")):
        response = signed_in_admin.get("/admin/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Retry-After" not in response
