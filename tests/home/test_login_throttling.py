"""Login throttling (django-axes) on the Wagtail admin login: wrong passwords lock the account out."""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import RequestFactory, override_settings

from config.auth import client_ip_address

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PASSWORD = "correct-horse-battery"
NGINX = "127.0.0.1"


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


def sign_in_through_nginx(client, username, password, forwarded_for):
    """A sign-in as nginx passes it on: from nginx's own address, the visitor's in X-Forwarded-For."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=forwarded_for
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_nginx_one_visitors_wrong_passwords_do_not_lock_out_everyone(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_nginx(client, f"guess{number}", "Summer2026!", forwarded_for="192.0.2.66")
    assert sign_in_through_nginx(client, "guess0", "Summer2026!", "192.0.2.66").status_code == (
        HTTPStatus.TOO_MANY_REQUESTS
    )

    response = sign_in_through_nginx(client, "editor", PASSWORD, forwarded_for="198.51.100.7")

    assert response.status_code == HTTPStatus.FOUND
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(ip_address=NGINX).exists()


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_nginx_an_address_written_by_the_visitor_is_not_believed(client, editor):
    # The attacker claims to be 198.51.100.7; nginx appends the address it really came from.
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_nginx(client, f"guess{number}", "Summer2026!", forwarded_for="198.51.100.7, 192.0.2.66")

    assert AccessAttempt.objects.filter(ip_address="192.0.2.66").exists()
    assert sign_in_through_nginx(client, "editor", PASSWORD, forwarded_for="198.51.100.7").status_code == (
        HTTPStatus.FOUND
    )


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "address"),
    [
        (0, "203.0.113.9", NGINX),
        (1, "", NGINX),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "10.9.9.9, 203.0.113.9", "203.0.113.9"),
        (2, "10.9.9.9, 203.0.113.9, 10.0.1.5", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),
        (1, "203.0.113.9:51234", "203.0.113.9"),
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "unknown", NGINX),
    ],
)
def test_the_address_is_the_one_the_trusted_proxies_saw(proxies, forwarded_for, address):
    request = RequestFactory().post(LOGIN_URL, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip_address(request) == address


def test_a_failed_sign_in_is_logged_without_the_user_agent(client, editor, caplog):
    with caplog.at_level("INFO", logger="axes"):
        client.post(
            LOGIN_URL,
            {"username": "editor", "password": "wrong password"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0",
        )
    axes_lines = [record.getMessage() for record in caplog.records if record.name.startswith("axes")]
    assert any("/admin/login/" in line for line in axes_lines)
    assert not any("TestBrowser" in line or "198.51.100.7" in line for line in axes_lines)
