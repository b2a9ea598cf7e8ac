"""Login throttling (django-axes) on the Wagtail admin login: wrong passwords lock the account out."""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    return user


def sign_in(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session and client.get("/admin/").status_code == HTTPStatus.OK


def test_repeated_wrong_passwords_lock_the_account_out(client, editor, soup):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "editor", "wrong password")
        assert response.status_code == HTTPStatus.OK
        assert response.context["form"].errors

    locked = sign_in(client, "editor", "wrong password")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS

    with_right_password = sign_in(client, "editor", PASSWORD)
    assert with_right_password.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert soup(with_right_password).h1.get_text(strip=True) == "Kirjautuminen on estetty hetkeksi"
    assert "estetty 15 minuutiksi" in soup(with_right_password).get_text()
    assert not signed_in(client)


def test_the_lockout_follows_the_username_to_another_address(client, editor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong password", address="198.51.100.7")
    response = sign_in(client, "editor", PASSWORD, address="203.0.113.9")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not signed_in(client)


def test_many_wrong_passwords_from_one_address_block_that_address(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{number}", "Summer2026!", address="192.0.2.66")
    response = sign_in(client, "editor", PASSWORD, address="192.0.2.66")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not signed_in(client)


def test_a_few_wrong_passwords_then_the_right_one_signs_in_and_clears_the_count(client, editor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "editor", "wrong password")
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(username="editor", failures_since_start__gt=0).exists()


def test_the_lockout_page_is_in_swedish_for_a_swedish_browser(client, editor, soup):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong password")
    response = client.post(
        LOGIN_URL, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert soup(response).html["lang"] == "sv"
    assert soup(response).h1.get_text(strip=True) == "Inloggningen är spärrad en stund"
