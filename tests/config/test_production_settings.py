"""Production settings: ``check --deploy`` is clean with a real environment, and every optional
service (Redis, object storage, CDN purging) is configured from the environment or stays off."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from django.core.exceptions import ImproperlyConfigured

from config import env
from tests.conftest import ROOT

REALISTIC_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "ryhmat.example.fi",
    "CSRF_TRUSTED_ORIGINS": "https://ryhmat.example.fi",
    "WAGTAILADMIN_BASE_URL": "https://ryhmat.example.fi",
    "DATABASE_URL": "postgres://ryhmahaku@db.example.internal:5432/ryhmahaku",
}
FULL_ENV = {
    **REALISTIC_ENV,
    "REDIS_URL": "redis://cache.example.internal:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "ryhmahaku-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.fi",
    "FRONTEND_CACHE_BACKEND": "http",
    "FRONTEND_CACHE_LOCATION": "http://10.0.0.5:6081,http://10.0.0.6:6081",
}


def run_check_deploy(environment):
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **environment, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_production_settings(**environment):
    """Evaluate config/settings/production.py with the given environment, as a dict of settings."""
    with mock.patch.dict(os.environ, {**REALISTIC_ENV, **environment}):
        return runpy.run_module("config.settings.production")


@pytest.mark.parametrize("environment", [REALISTIC_ENV, FULL_ENV], ids=["minimal", "every-service"])
def test_check_deploy_has_no_warnings_with_production_settings(environment):
    result = run_check_deploy(environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_with_a_short_secret_key():
    result = run_check_deploy({**REALISTIC_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_production_settings(SECRET_KEY="")


def test_production_is_https_only_and_strict_by_default():
    settings = load_production_settings()
    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["REQUIRE_2FA"] is True
    assert settings["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$"]


def test_production_database_connections_recover_after_a_restart():
    settings = load_production_settings()
    database = settings["DATABASES"]["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] == 60
    assert database["OPTIONS"]["connect_timeout"] == 5


def test_production_sessions_do_not_depend_on_the_cache():
    settings = load_production_settings(REDIS_URL="redis://cache.example.internal:6379/0")
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert settings["CACHES"]["default"]["BACKEND"] == "config.cache.ResilientRedisCache"


def test_production_static_files_have_hashed_names():
    settings = load_production_settings()
    assert settings["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings["MIDDLEWARE"]


def test_production_without_optional_services_uses_local_files_and_no_purging():
    settings = load_production_settings()
    assert settings["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings["WAGTAILFRONTENDCACHE"] is None
    assert "wagtail.contrib.frontend_cache" not in settings["INSTALLED_APPS"]
    assert settings["PUBLIC_CACHE_SECONDS"] == 0
    # Without Redis, every process of the machine shares a cache in files (not one per process).
    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"


def test_production_with_every_service_configured():
    settings = load_production_settings(**FULL_ENV)
    assert "wagtail.contrib.frontend_cache" in settings["INSTALLED_APPS"]
    assert settings["PUBLIC_CACHE_SECONDS"] == 300
    assert settings["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "ryhmahaku-media"
    assert "https://objects.example.fi" in settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert "https://objects.example.fi" in settings["CONTENT_SECURITY_POLICY_ADMIN"]["DIRECTIVES"]["img-src"]


def test_loading_production_settings_leaves_the_shared_base_settings_alone():
    from config.settings import base

    before = {name: repr(getattr(base, name)) for name in ("CONTENT_SECURITY_POLICY", "DATABASES", "INSTALLED_APPS")}
    load_production_settings(**FULL_ENV)
    after = {name: repr(getattr(base, name)) for name in before}
    assert after == before


def test_redis_cache_settings_give_up_quickly():
    caches = env.cache_settings({"REDIS_URL": "redis://cache:6379/1", "REDIS_TIMEOUT": "0.5"})
    options = caches["default"]["OPTIONS"]
    assert caches["default"]["LOCATION"] == "redis://cache:6379/1"
    assert options["socket_connect_timeout"] == options["socket_timeout"] == 0.5
    assert options["retry_after_failure"] == 5.0


def test_a_bad_number_in_the_environment_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="REDIS_TIMEOUT"):
        env.cache_settings({"REDIS_URL": "redis://cache:6379/1", "REDIS_TIMEOUT": "soon"})


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (
            {"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_LOCATION": "http://varnish:6081"},
            {"varnish1": {"BACKEND": env.FRONTEND_CACHE_BACKENDS["http"], "LOCATION": "http://varnish:6081"}},
        ),
        (
            {"FRONTEND_CACHE_BACKEND": "Cloudflare", "CLOUDFLARE_BEARER_TOKEN": "t", "CLOUDFLARE_ZONEID": "z"},
            {"cloudflare": {"BACKEND": env.FRONTEND_CACHE_BACKENDS["cloudflare"], "BEARER_TOKEN": "t", "ZONEID": "z"}},
        ),
        (
            {"FRONTEND_CACHE_BACKEND": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E123"},
            {"cloudfront": {"BACKEND": env.FRONTEND_CACHE_BACKENDS["cloudfront"], "DISTRIBUTION_ID": "E123"}},
        ),
        ({}, None),
    ],
    ids=["varnish", "cloudflare", "cloudfront", "off"],
)
def test_frontend_cache_purging_from_the_environment(environment, expected):
    assert env.frontend_cache_settings(environment) == expected


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"FRONTEND_CACHE_BACKEND": "akamai"}, "must be one of"),
        ({"FRONTEND_CACHE_BACKEND": "http"}, "FRONTEND_CACHE_LOCATION"),
        ({"FRONTEND_CACHE_BACKEND": "cloudflare", "CLOUDFLARE_ZONEID": "z"}, "CLOUDFLARE_BEARER_TOKEN"),
    ],
)
def test_incomplete_frontend_cache_settings_are_refused_with_the_missing_variable(environment, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        env.frontend_cache_settings(environment)


def test_media_on_object_storage_when_a_bucket_is_given():
    storage = env.media_storage_settings(
        {
            "AWS_STORAGE_BUCKET_NAME": "media",
            "AWS_S3_REGION_NAME": "eu-north-1",
            "AWS_S3_CUSTOM_DOMAIN": "cdn.example.fi",
        }
    )
    assert storage["BACKEND"] == env.S3_STORAGE_BACKEND
    assert storage["OPTIONS"]["region_name"] == "eu-north-1"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert env.media_origin({"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_CUSTOM_DOMAIN": "cdn.example.fi"}) == (
        "https://cdn.example.fi"
    )
    assert env.media_origin({"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_REGION_NAME": "eu-north-1"}) == (
        "https://media.s3.eu-north-1.amazonaws.com"
    )
    assert env.media_origin({}) is None


def test_production_refuses_to_start_without_a_database_url():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        load_production_settings(DATABASE_URL="")


def test_gunicorn_accepts_its_configuration_and_loads_the_app():
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--check-config",
            "-c",
            "deploy/gunicorn.conf.py",
            "config.wsgi",
        ],
        cwd=ROOT,
        env={**clean, **REALISTIC_ENV, "DATABASE_URL": "sqlite:///unused.sqlite3"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_redis_the_cache_lives_in_files_that_every_process_shares(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    settings = env.cache_settings({"CACHE_DIR": str(tmp_path / "cache")})["default"]
    assert settings["LOCATION"] == str(tmp_path / "cache")
    # Two cache objects over the same folder stand for two processes (gunicorn workers, an import).
    params = {"KEY_PREFIX": settings["KEY_PREFIX"], "OPTIONS": settings["OPTIONS"]}
    one, other = FileBasedCache(settings["LOCATION"], params), FileBasedCache(settings["LOCATION"], params)
    one.set("search:version", 7, timeout=None)
    other.incr("search:version")
    assert one.get("search:version") == 8


def test_without_redis_or_a_cache_folder_the_settings_say_what_to_set():
    with pytest.raises(ImproperlyConfigured, match="CACHE_DIR"):
        env.cache_settings({})
