"""Local development: debug on, e-mail to the console, a fixed insecure key."""

from config.env import cache_settings

from .base import *
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Shared by runserver and management commands (an import in another terminal is seen at once).
CACHES = cache_settings(os.environ, default_dir=BASE_DIR / "tmp" / "cache")

# Wagtail logs every page it creates, edits and publishes at INFO: in a terminal that buries
# `make demo`'s own lines (and runserver's) under hundreds of them.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}
