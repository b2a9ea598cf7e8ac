"""Production: everything from the environment, HTTPS only; refuses to start without a secret key.

Every variable is described in ``docs/configuration.md``; ``deploy/env.example`` is a starting point.
"""

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from config import env as from_env

from .base import *
from .base import env_bool

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")

DEBUG = False

# HTTPS. TLS ends at the load balancer or nginx, which sets X-Forwarded-Proto; /healthz answers
# on plain HTTP so that a load balancer can probe the app servers directly.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = from_env.as_int(os.environ, "SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = from_env.as_int(os.environ, "SESSION_COOKIE_AGE", 12 * 60 * 60)

# The database (required): keep connections for a minute and check them before use, so that the
# site recovers by itself when PostgreSQL restarts or fails over.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in the environment.")
_database = dj_database_url.parse(
    os.environ["DATABASE_URL"],
    conn_max_age=from_env.as_int(os.environ, "DATABASE_CONN_MAX_AGE", 60),
    conn_health_checks=True,
)
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database["OPTIONS"] = {
        "connect_timeout": from_env.as_int(os.environ, "DATABASE_CONNECT_TIMEOUT", 5),
        **_database.get("OPTIONS", {}),
    }
DATABASES = {"default": _database}

# Cache: Redis when REDIS_URL is set (the site keeps serving without it). Sessions live in the
# database (Django's default), so losing Redis logs nobody out.
CACHES = from_env.cache_settings(os.environ, default_dir=BASE_DIR / "tmp" / "cache")
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Files: static files with hashed names, compressed, served by whitenoise; media on
# S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set, else under MEDIA_ROOT.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": from_env.media_storage_settings(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ORIGIN = from_env.media_origin(os.environ)

# Front-end cache (CDN or Varnish): purged by Wagtail when pages are published.
WAGTAILFRONTENDCACHE = from_env.frontend_cache_settings(os.environ)
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
# Page URLs already start with their language (/fi/, /sv/) and each translation is its own page:
# purge exactly the published page's URLs, not one guessed URL per language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
PUBLIC_CACHE_SECONDS = from_env.as_int(os.environ, "PUBLIC_CACHE_SECONDS", 300 if WAGTAILFRONTENDCACHE else 0)

# Content Security Policy: media from the object storage; report violations when asked to.


def _production_policy(directives):
    directives = {**directives, "upgrade-insecure-requests": True}
    if MEDIA_ORIGIN:
        directives["img-src"] = [*directives["img-src"], MEDIA_ORIGIN]
    if os.environ.get("CSP_REPORT_URI"):
        directives["report-uri"] = os.environ["CSP_REPORT_URI"]
    return {"DIRECTIVES": directives}


CONTENT_SECURITY_POLICY = _production_policy(CONTENT_SECURITY_POLICY["DIRECTIVES"])
CONTENT_SECURITY_POLICY_ADMIN = _production_policy(CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
CONTENT_SECURITY_POLICY_ADMIN_SIGN_IN = _production_policy(CONTENT_SECURITY_POLICY_ADMIN_SIGN_IN["DIRECTIVES"])

# Login throttling sees the visitor's address through TRUSTED_PROXY_COUNT proxies (nginx: 1;
# a load balancer in front of nginx: 2); see config.auth.client_ip_address.
TRUSTED_PROXY_COUNT = from_env.as_int(os.environ, "TRUSTED_PROXY_COUNT", 1)

REQUIRE_2FA = env_bool("REQUIRE_2FA", True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = from_env.as_int(os.environ, "EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Logs: one JSON object per line on standard error (LOG_FORMAT=text for plain lines).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.log.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.log.JsonLineFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}
