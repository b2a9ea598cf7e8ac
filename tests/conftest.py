"""Shared fixtures. The site structure (locales, vocabularies, fixed pages) is created by the
``post_migrate`` bootstrap, so every test starts with ``/fi/`` and ``/sv/`` in place."""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from django.utils import translation

from wagtail.models import Locale

from groups.importer import import_data

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILE = ROOT / "groups" / "schema" / "example.json"
DEMO_FILE = ROOT / "groups" / "demo" / "demo.json"


# The fixtures' schedules (groups/schema/example.json, groups/demo/demo.json) are written for the
# autumn 2026 term, so the tests run on a fixed Monday of it; the clock still ticks from there.
TODAY = datetime.date(2026, 11, 23)
NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.fixture(autouse=True)
def _fixed_today():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached finder counts must not leak between databases."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _reset_language():
    """Leave no active language behind: a test must not change the next one's language."""
    yield
    translation.activate("fi")
    translation.deactivate()


@pytest.fixture
def fi(db):
    return Locale.objects.get(language_code="fi")


@pytest.fixture
def sv(db):
    return Locale.objects.get(language_code="sv")


@pytest.fixture
def example_data():
    return json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def demo_data():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def imported_example(db, example_data):
    """The small example file of the import format, imported."""
    import_data(example_data)
    return example_data


@pytest.fixture
def soup():
    """Parse an HTTP response's HTML."""

    def parse(response):
        return BeautifulSoup(response.content.decode(), "html.parser")

    return parse
