"""Security headers on public and admin pages; no inline script or style anywhere on the public site."""

import os
import runpy
from http import HTTPStatus
from unittest import mock

import pytest

from django.test import override_settings

from groups.models import GroupPage
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def directives(header):
    """Parse a Content-Security-Policy header into {directive: [sources]}."""
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def public_urls(fi, sv):
    group = GroupPage.objects.live().filter(locale=fi).first()
    organisation = OrganisationPage.objects.live().filter(locale=fi).first()
    return ["/fi/", "/sv/", "/fi/ryhmat/", "/sv/grupper/", "/fi/ryhmat/?q=aamupala", group.url, organisation.url]


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")
    client.force_login(user)
    return client


def test_public_pages_send_a_strict_content_security_policy(client, imported_example, fi, sv):
    for url in public_urls(fi, sv):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["default-src"] == ["'self'"], url


def test_public_pages_have_no_inline_scripts_or_styles(client, soup, imported_example, fi, sv):
    for url in public_urls(fi, sv):
        html = soup(client.get(url))
        inline_scripts = [
            script
            for script in html.find_all("script")
            if not script.get("src") and script.get("type", "").lower() in EXECUTABLE_SCRIPT_TYPES
        ]
        assert inline_scripts == [], url
        assert html.find_all("style") == [], url
        assert html.find_all(style=True) == [], url
        handlers = [tag.name for tag in html.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]
        assert handlers == [], url


def test_public_pages_send_the_other_security_headers(client, db):
    response = client.get("/fi/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in permissions
    assert response["X-Request-ID"]


def test_public_pages_set_no_cookies_for_visitors(client, imported_example, fi, sv):
    for url in public_urls(fi, sv):
        response = client.get(url)
        assert not response.cookies, url


def test_admin_pages_get_a_policy_the_admin_can_work_with(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_login_page_has_the_security_headers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == HTTPStatus.OK
    assert "Content-Security-Policy" in response
    assert response["Referrer-Policy"] == "same-origin"


def inline_scripts_and_handlers(html):
    scripts = [
        script
        for script in html.find_all("script")
        if not script.get("src") and script.get("type", "").lower() in EXECUTABLE_SCRIPT_TYPES
    ]
    handlers = [tag.name for tag in html.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]
    return scripts + handlers


@pytest.fixture
def password_only_client(client, django_user_model):
    """A superuser who has given the password but not yet the code of the authenticator app."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")
    client.force_login(user)
    with override_settings(REQUIRE_2FA=True):
        yield client, user


@pytest.mark.parametrize(
    "url", ["/admin/login/", "/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/complete/"]
)
def test_the_pages_before_signing_in_allow_no_inline_script(client, soup, db, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert inline_scripts_and_handlers(soup(response)) == []


def test_a_locked_out_login_allows_no_inline_script(client, editor_locked_out):
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


@pytest.fixture
def editor_locked_out(django_user_model):
    from axes.models import AccessAttempt

    django_user_model.objects.create_user("editor", password="correct-horse-battery")
    AccessAttempt.objects.create(
        username="editor", ip_address="192.0.2.1", user_agent="", failures_since_start=99, path_info="/admin/login/"
    )
    with override_settings(AXES_ENABLED=True):
        yield


def test_the_two_factor_pages_allow_no_inline_script(password_only_client, soup):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client, user = password_only_client
    setup = client.get("/admin/two-factor/setup/")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    verify = client.get("/admin/two-factor/verify/")
    for response in (setup, verify):
        assert response.status_code == HTTPStatus.OK
        assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
        assert inline_scripts_and_handlers(soup(response)) == []


def test_the_admin_talks_to_no_third_party(admin_client):
    content = admin_client.get("/admin/").content.decode()
    assert "gravatar.com" not in content
    assert "releases.wagtail.io" not in content


def production_security_settings():
    environment = {
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:///unused.sqlite3",
    }
    with mock.patch.dict(os.environ, environment):
        settings = runpy.run_module("config.settings.production")
    names = [name for name in settings if name.startswith(("SECURE_", "SESSION_COOKIE", "CSRF_COOKIE"))]
    return {name: settings[name] for name in names} | {
        "CONTENT_SECURITY_POLICY": settings["CONTENT_SECURITY_POLICY"],
        "ALLOWED_HOSTS": ["testserver"],
    }


def test_production_sends_hsts_and_redirects_to_https(client, db):
    with override_settings(**production_security_settings()):
        insecure = client.get("/fi/")
        secure = client.get("/fi/", headers={"X-Forwarded-Proto": "https"})
        health = client.get("/healthz")
    assert insecure.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert insecure["Location"] == "https://testserver/fi/"
    assert secure.status_code == HTTPStatus.OK
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in secure["Content-Security-Policy"]
    assert health.status_code == HTTPStatus.OK


def test_production_session_cookies_are_secure(client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse-battery")
    with override_settings(**production_security_settings()):
        page = client.get("/admin/login/", headers={"X-Forwarded-Proto": "https"})
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "correct-horse-battery"},
            headers={"X-Forwarded-Proto": "https"},
        )
    assert page.cookies["csrftoken"]["secure"] is True
    session = client.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
