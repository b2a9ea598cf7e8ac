"""Settings for the test suite: fast hashing, in-memory e-mail and cache."""

from .base import *

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# LocMemCache keeps 300 entries by default and then drops a third of them at random; a brochure of
# hundreds of groups caches a QR code each, so the benchmark (make bench) would lose its PDFs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}}
MEDIA_ROOT = BASE_DIR / ".test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# The test client's login() passes no request, which django-axes refuses; the login throttling
# tests (tests/home/test_login_throttling.py) turn it back on.
AXES_ENABLED = False
REQUIRE_2FA = False
PUBLIC_CACHE_SECONDS = 0
# Serve static files from the apps (no collectstatic in tests), as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The API tests and the schemathesis run make many requests; tests/search/test_api.py lowers it to test 429.
API_RATE_LIMIT = "100000/minute"
