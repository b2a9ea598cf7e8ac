"""Settings shared by every environment.

Everything that differs between machines comes from the environment; see
``docs/configuration.md`` for the full list.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import env as from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """Return a comma-separated environment variable as a list of non-empty items."""
    return from_env.as_list(os.environ.get(name, default))


def env_bool(name, default=False):
    """Return an environment variable as a boolean ("1", "true", "yes", "on" are true)."""
    return from_env.as_bool(os.environ.get(name), default)


def env_int(name, default):
    """Return an environment variable as a whole number, naming it when it is not one."""
    return from_env.as_int(os.environ, name, default)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "organisations",
    "groups",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RequestIdMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.PublicCacheControlMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.middleware.TwoFactorMiddleware",
    # Every admin URL asks core.access about the objects it names (docs/permissions.md).
    "core.admin_guard.AdminGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes checks for a lockout before the password is even tried.
AUTHENTICATION_BACKENDS = [
    "config.auth.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's, with its message translated into Finnish (config/password_validation.py).
    {"NAME": "config.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Finnish is the source language; Swedish is its translation.
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
]
# The project's own catalogue first (makemessages writes to LOCALE_PATHS[0]); locale/upstream fills the
# gaps of Wagtail's and the other admin apps' Finnish and Swedish catalogues (scripts/upstream_catalogue.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Security (see docs/security.md). Production adds HTTPS-only settings in production.py.
# The public site runs without any inline script or style; the admin needs a looser policy.
_CSP_COMMON = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [NONE],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_COMMON}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "worker-src": [SELF, "blob:"],
    }
}
# The pages before signing in (login, password reset, two-factor code) write no inline script:
# there, an injected script is refused as on the public site.
CONTENT_SECURITY_POLICY_ADMIN_SIGN_IN = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"], "script-src": [SELF]},
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The embeddable listing (/fi/upotus/, /sv/inbaddning/, search/embed.py) is the one public page
# other sites may frame: it is sent without X-Frame-Options and with these frame-ancestors
# ("*": any site; or a comma-separated list of partners' origins).
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS", "*")

# Django REST framework also serves Wagtail's admin API (the admin's own scripts post JSON to it),
# so the open data API's choices (anonymous, JSON only, its throttle and error answers) are set on
# its own views (search.api.views.ApiView), not here as defaults for every DRF view.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
}
# Requests per address (DRF throttling, kept in the cache): "N/second|minute|hour|day".
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", API_RATE_LIMIT):
    raise ImproperlyConfigured(f"API_RATE_LIMIT must look like 120/minute, not {API_RATE_LIMIT!r}")
# How long browsers and shared caches may keep an API answer (they revalidate with the ETag).
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Ryhmähaku – Gruppsök open data API",
    "DESCRIPTION": "Low-threshold groups of Central Ostrobothnia in Finnish and Swedish. See /api/v1/ for the guide.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["search.api.schema.only_open_data"],
}
# CORS (django-cors-headers): any site may read the API from a browser, and nothing else.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Login throttling: a username is locked for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT wrong
# passwords in a row, and so is an address that many wrong passwords come from (password spraying).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "home.views.login_locked_out"
# The address of an attempt is the visitor's, seen through TRUSTED_PROXY_COUNT proxies (nginx, a
# load balancer) that add to X-Forwarded-For; 0 (development) means REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "config.auth.client_ip_address"
# django-axes' log lines name the sign-in path only (username and address masked, no user agent).
AXES_VERBOSE = False

# Two-factor authentication (TOTP) for coordinators, approvers and superusers when REQUIRE_2FA is on.
REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Ryhmahaku"

# Front-end cache lifetime of anonymous public pages (0: no shared caching).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 0)

# Wagtail
WAGTAIL_SITE_NAME = "Ryhmähaku – Gruppsök"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# No requests from editors' browsers to third parties (avatars, update check).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Translations are drafts until approved through the normal workflow (see docs/translation.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The last approval publishes the revision that was reviewed, not whatever is newest.
WAGTAIL_FINISH_WORKFLOW_ACTION = "organisations.publishing.publish_reviewed_revision"
# Machine translation as a first draft of a Swedish page (core/machine_translation.py): DeepL when
# a key is given; MACHINE_TRANSLATOR may name another translator class (the tests use a dummy).
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
MACHINE_TRANSLATOR = os.environ.get("MACHINE_TRANSLATOR", "")

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ryhmähaku <ryhmahaku@example.org>")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
        # WeasyPrint logs every layout step of the brochure at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
