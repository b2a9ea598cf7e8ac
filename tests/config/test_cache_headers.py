"""A CDN may keep anonymous public pages for PUBLIC_CACHE_SECONDS; nothing personal is ever shared."""

from http import HTTPStatus

import pytest

from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn_on():
    with override_settings(PUBLIC_CACHE_SECONDS=300):
        yield


def test_anonymous_public_pages_may_be_cached_by_a_cdn(client, cdn_on):
    response = client.get("/fi/ryhmat/")
    assert response.status_code == HTTPStatus.OK
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}


def test_pages_are_not_marked_cacheable_when_no_cdn_is_configured(client):
    assert "Cache-Control" not in client.get("/fi/")


def test_signed_in_users_pages_are_never_shared(client, cdn_on, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="correct-horse-battery"))
    assert "public" not in client.get("/fi/").get("Cache-Control", "")


def test_the_admin_and_the_health_check_are_never_shared(client, cdn_on):
    assert "public" not in client.get("/admin/login/").get("Cache-Control", "")
    assert "public" not in client.get("/healthz")["Cache-Control"]


def test_missing_pages_are_not_cached(client, cdn_on):
    response = client.get("/fi/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "public" not in response.get("Cache-Control", "")
