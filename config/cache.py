"""A Redis cache that the site survives losing.

The cache only makes pages faster, so when Redis is down or unreachable every read is a miss and
every write is dropped: the site keeps serving from the database. After a failure the cache does
not try Redis again for ``retry_after_failure`` seconds, so a dead Redis costs one short timeout
every few seconds per process instead of one per cache call.
"""

import logging
import threading
import time

from redis.exceptions import RedisError

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("config.cache")

CACHE_ERRORS = (RedisError, OSError)


class _Breaker:
    """When Redis last failed, shared by every thread of the process that uses the same server."""

    def __init__(self, retry_after):
        self.retry_after = retry_after
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, location, error):
        with self.lock:
            was_closed = self.open_until == 0.0
            self.open_until = time.monotonic() + self.retry_after
        if was_closed:
            logger.warning(
                "cache unavailable, serving without it",
                extra={"event": "cache_down", "location": location, "error": repr(error)},
            )

    def reset(self, location):
        if self.open_until == 0.0:
            return
        with self.lock:
            self.open_until = 0.0
        logger.warning("cache available again", extra={"event": "cache_up", "location": location})


_breakers = {}
_breakers_lock = threading.Lock()


def _breaker_for(location, retry_after):
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = _Breaker(retry_after)
        return _breakers[location]


class ResilientRedisCache(RedisCache):
    """Django's :class:`RedisCache` that treats Redis errors as cache misses.

    ``OPTIONS["retry_after_failure"]`` (seconds, default 5) is how long to skip Redis after an
    error; the other options go to the Redis connection pool as usual (set short socket timeouts).
    """

    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        retry_after = float(params["OPTIONS"].pop("retry_after_failure", 5.0))
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._breaker = _breaker_for(self._location, retry_after)

    def _soft(self, fallback, operation, *args, **kwargs):
        if self._breaker.is_open():
            return fallback
        try:
            result = operation(*args, **kwargs)
        except CACHE_ERRORS as error:
            self._breaker.trip(self._location, error)
            return fallback
        self._breaker.reset(self._location)
        return result

    def add(self, key, value, timeout=None, version=None):
        return self._soft(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._soft(default, super().get, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._soft(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._soft(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._soft({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._soft(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        if self._breaker.is_open():
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        try:
            result = super().incr(key, delta, version)
        except CACHE_ERRORS as error:
            self._breaker.trip(self._location, error)
            raise ValueError(f"Key '{key}' not found (cache unavailable).") from error
        self._breaker.reset(self._location)
        return result

    def set_many(self, data, timeout=None, version=None):
        return self._soft(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._soft(None, super().delete_many, keys, version)

    def clear(self):
        return self._soft(False, super().clear)
