"""Settings built from environment variables, as small functions that tests can call with a dict.

``config/settings/production.py`` calls these with ``os.environ``; every variable is listed in
``docs/configuration.md``.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_CACHE_BACKEND = "config.cache.ResilientRedisCache"
S3_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
FRONTEND_CACHE_BACKENDS = {
    "http": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
    "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
}


class ConfigurationError(ImproperlyConfigured):
    """An environment variable has a value the site cannot run with."""


def as_list(value):
    """Split a comma-separated value into its non-empty items."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def as_bool(value, default=False):
    """Read "1", "true", "yes" and "on" (any case) as true; a missing value gives ``default``."""
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def as_float(environ, name, default):
    """Read a number, naming the variable when it is not one."""
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return float(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a number, not {value!r}.") from error


def as_int(environ, name, default):
    """Read a whole number, naming the variable when it is not one."""
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from error


def cache_settings(environ, default_dir=None):
    """``CACHES`` from ``REDIS_URL``: Redis that fails soft, or a cache in files on this machine.

    The Redis client gives up quickly (``REDIS_TIMEOUT`` seconds) so that a Redis that is down or
    unreachable costs a request milliseconds, and :class:`config.cache.ResilientRedisCache` turns
    its errors into cache misses.

    Without Redis the cache lives in files under ``CACHE_DIR`` (default ``default_dir``), which
    every process of one machine shares: the finder's version number, counts and brochures must be
    the same for all processes, so that a change published by one process (a gunicorn worker, an
    ``import_groups`` run) is seen by the others at once. A per-process memory cache would serve
    stale counts and brochures for minutes. Several machines need Redis.
    """
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        location = environ.get("CACHE_DIR", "").strip() or default_dir
        if not location:
            raise ConfigurationError("Set REDIS_URL, or CACHE_DIR for a cache in files on this machine.")
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(location),
                "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", "ryhmahaku"),
                "TIMEOUT": as_int(environ, "CACHE_TIMEOUT", 300),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        }
    timeout = as_float(environ, "REDIS_TIMEOUT", 0.25)
    return {
        "default": {
            "BACKEND": REDIS_CACHE_BACKEND,
            "LOCATION": url,
            "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", "ryhmahaku"),
            "TIMEOUT": as_int(environ, "CACHE_TIMEOUT", 300),
            "OPTIONS": {
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
                "retry_after_failure": as_float(environ, "REDIS_RETRY_AFTER", 5.0),
            },
        }
    }


def frontend_cache_settings(environ):
    """``WAGTAILFRONTENDCACHE`` from ``FRONTEND_CACHE_BACKEND``, or ``None`` when purging is off.

    ``http`` purges a Varnish (or any cache that accepts ``PURGE``) at each of
    ``FRONTEND_CACHE_LOCATION``'s comma-separated URLs; ``cloudflare`` and ``cloudfront`` use
    their APIs.
    """
    kind = environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
    if not kind:
        return None
    if kind not in FRONTEND_CACHE_BACKENDS:
        choices = ", ".join(sorted(FRONTEND_CACHE_BACKENDS))
        raise ConfigurationError(f"FRONTEND_CACHE_BACKEND must be one of {choices}, not {kind!r}.")
    backend = FRONTEND_CACHE_BACKENDS[kind]

    def require(name):
        value = environ.get(name, "").strip()
        if not value:
            raise ConfigurationError(f"FRONTEND_CACHE_BACKEND={kind} needs {name}.")
        return value

    if kind == "http":
        locations = as_list(require("FRONTEND_CACHE_LOCATION"))
        return {
            f"varnish{number}": {"BACKEND": backend, "LOCATION": location}
            for number, location in enumerate(locations, start=1)
        }
    if kind == "cloudflare":
        return {
            "cloudflare": {
                "BACKEND": backend,
                "BEARER_TOKEN": require("CLOUDFLARE_BEARER_TOKEN"),
                "ZONEID": require("CLOUDFLARE_ZONEID"),
            }
        }
    return {"cloudfront": {"BACKEND": backend, "DISTRIBUTION_ID": require("CLOUDFRONT_DISTRIBUTION_ID")}}


def media_storage_settings(environ):
    """The ``default`` storage: S3-compatible object storage when ``AWS_STORAGE_BUCKET_NAME`` is set.

    Credentials come from ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` (or the machine's role),
    which boto3 reads from the environment itself, so they never pass through the settings.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": as_bool(environ.get("AWS_QUERYSTRING_AUTH"), False),
        "location": environ.get("AWS_LOCATION", "media").strip("/"),
    }
    for name, option in (
        ("AWS_S3_ENDPOINT_URL", "endpoint_url"),
        ("AWS_S3_REGION_NAME", "region_name"),
        ("AWS_S3_CUSTOM_DOMAIN", "custom_domain"),
    ):
        value = environ.get(name, "").strip()
        if value:
            options[option] = value
    return {"BACKEND": S3_STORAGE_BACKEND, "OPTIONS": options}


def media_origin(environ):
    """The origin media files are served from when it is not this site (for the CSP), or ``None``."""
    storage = media_storage_settings(environ)
    if storage["BACKEND"] != S3_STORAGE_BACKEND:
        return None
    options = storage["OPTIONS"]
    if "custom_domain" in options:
        return f"https://{options['custom_domain']}"
    if "endpoint_url" in options:
        parts = urlsplit(options["endpoint_url"])
        return f"{parts.scheme}://{parts.netloc}"
    region = options.get("region_name")
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{options['bucket_name']}.{host}"
