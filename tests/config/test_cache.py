"""The site keeps serving when its Redis cache is down: errors are misses, and they are quick."""

import logging
import socket
import time
from http import HTTPStatus

import pytest

from django.core.cache import caches
from django.test import override_settings

from config import cache as resilient_cache
from config.env import cache_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_port():
    """A local TCP port that nothing listens on (connections to it are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


@pytest.fixture
def dead_redis(closed_port):
    """CACHES as production builds them from REDIS_URL, pointing at a Redis that is not there."""
    url = f"redis://127.0.0.1:{closed_port}/0"
    resilient_cache._breakers.pop(url, None)
    with override_settings(CACHES=cache_settings({"REDIS_URL": url})):
        yield caches["default"]
    resilient_cache._breakers.pop(url, None)


def test_a_dead_redis_reads_as_a_miss_and_drops_writes(dead_redis):
    assert isinstance(dead_redis, resilient_cache.ResilientRedisCache)
    dead_redis.set("greeting", "hei")
    assert dead_redis.get("greeting") is None
    assert dead_redis.get("greeting", "default") == "default"
    assert dead_redis.get_or_set("answer", 42) == 42
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.add("key", "value") is False
    assert dead_redis.delete("key") is False
    assert dead_redis.has_key("key") is False
    with pytest.raises(ValueError):
        dead_redis.incr("counter")


def test_after_a_failure_redis_is_left_alone_for_a_while(dead_redis, monkeypatch):
    dead_redis.get("first")
    calls = []
    monkeypatch.setattr(dead_redis._cache, "get", lambda *args: calls.append(args))
    started = time.monotonic()
    for number in range(100):
        assert dead_redis.get(f"key{number}") is None
    assert calls == []
    assert time.monotonic() - started < 0.5


def test_redis_is_tried_again_after_the_pause_and_recovery_is_logged(dead_redis, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="config.cache")
    dead_redis.get("first")
    assert [record.event for record in caplog.records] == ["cache_down"]
    breaker = dead_redis._breaker
    breaker.open_until = time.monotonic() - 1
    monkeypatch.setattr(dead_redis._cache, "get", lambda key, default: "back")
    assert dead_redis.get("first") == "back"
    assert [record.event for record in caplog.records] == ["cache_down", "cache_up"]


def test_the_site_keeps_serving_with_redis_down(client, dead_redis, imported_example):
    for url in ["/fi/", "/sv/", "/fi/ryhmat/?q=aamupala", "/fi/toimijat/"]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url


def test_the_admin_keeps_working_with_redis_down(client, dead_redis, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")
    response = client.post("/admin/login/", {"username": "admin", "password": "correct-horse-battery"}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert response.context["user"].is_authenticated
    assert client.get("/admin/pages/").status_code == HTTPStatus.OK
