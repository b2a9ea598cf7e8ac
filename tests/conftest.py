"""Shared fixtures. The site structure (locales, vocabularies, fixed pages) is created by the
``post_migrate`` bootstrap, so every test starts with ``/fi/`` and ``/sv/`` in place."""

import datetime
import json
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from django.db import transaction
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


def reset_database():
    """Empty the database and create again what ``migrate`` creates.

    ``flush`` sends ``post_migrate``, whose handler (``home.signals``) makes the locales,
    vocabularies and fixed pages again; the root collection, the coordinators group and the
    approval workflow come from data migrations, so they are made here with the same helpers.
    """
    from django.core.management import call_command

    from wagtail.models import Collection

    from organisations import roles

    call_command("flush", interactive=False, verbosity=0)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    roles.ensure_default_workflow()
    roles.remove_wagtail_default_groups()


@contextmanager
def shared_data(django_db_blocker):
    """Data a whole test module shares: built once, in a transaction rolled back after the module.

    Each test then runs in a savepoint inside it (pytest-django's ``db``), so what a test changes
    is undone after it, as if the data had been built for that test alone. The data is built at
    the tests' fixed date, like everything a test makes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            yield
        transaction.set_rollback(True)


#: The module-scoped fixtures that build shared data (see :func:`shared_data`); a module's tests
#: that use none of them run first, on the database as ``migrate`` leaves it.
SHARED_DATA_FIXTURES = []


def shared_import(name, load):
    """A module-scoped fixture ``name`` that imports ``load()`` once for the module's tests."""
    SHARED_DATA_FIXTURES.append(name)

    @pytest.fixture(scope="module", name=name)
    def build(django_db_setup, django_db_blocker):
        with shared_data(django_db_blocker):
            import_data(load())
            yield

    return build


#: Test modules whose behaviour depends on the database engine: the search index (its own code per
#: engine, search/indexing.py), the importer (one transaction, statistics refreshed on PostgreSQL),
#: the migrations, backups (pg_dump or a file copy) and outages. CI runs the whole suite on
#: PostgreSQL and these (``-m each_database``) on SQLite too; ``make test`` runs everything.
EACH_DATABASE = (
    "tests/search/test_finder.py",
    "tests/search/test_finder_caches.py",
    "tests/search/test_heldout_quality.py",
    "tests/search/test_hostile_parameters.py",
    "tests/search/test_indexing.py",
    "tests/search/test_search_quality.py",
    "tests/search/test_search_weak_spots.py",
    "tests/groups/test_import.py",
    "tests/groups/test_import_updates.py",
    "tests/groups/test_migrations.py",
    "tests/home/test_backups.py",
    "tests/config/test_database_outage.py",
    "tests/config/test_scripts.py",
)


def pytest_collection_modifyitems(items):
    """Mark the tests that run on each database, and order each module's tests so that those
    without shared data run before it is built.

    (Modules are not kept on one test process: measured, the two processes then end less evenly,
    and the whole run took a minute longer than building a module's data once on each.)"""
    position = {}
    for index, item in enumerate(items):
        position.setdefault(item.module.__name__ if item.module else "", index)

    def key(item):
        module = item.module.__name__ if item.module else ""
        shared = [name for name in SHARED_DATA_FIXTURES if name in item.fixturenames]
        if len(shared) > 1:
            raise pytest.UsageError(f"{item.nodeid} uses two kinds of shared data: {', '.join(shared)}")
        return position[module], SHARED_DATA_FIXTURES.index(shared[0]) + 1 if shared else 0

    items.sort(key=key)
    # The browser tests share one process and take minutes: start them first, so the other
    # process is not left waiting for them at the end.
    browser = ROOT / "tests" / "e2e"
    items.sort(key=lambda item: not item.path.is_relative_to(browser))
    for item in items:
        if item.path.relative_to(ROOT).as_posix() in EACH_DATABASE:
            item.add_marker(pytest.mark.each_database)
    kinds = {}
    for item in items:
        for name in SHARED_DATA_FIXTURES:
            if name in item.fixturenames:
                kinds.setdefault(item.module.__name__, set()).add(name)
    for item in items:
        marker = item.get_closest_marker("django_db")
        shared = [name for name in SHARED_DATA_FIXTURES if name in item.fixturenames]
        if shared and ((marker and marker.kwargs.get("transaction")) or "transactional_db" in item.fixturenames):
            # Its data would sit in a transaction that is never committed: a backup or another
            # connection would wait for it for ever.
            raise pytest.UsageError(f"{item.nodeid} is transactional and cannot use shared data ({shared[0]})")
    for module, names in kinds.items():
        if len(names) > 1:
            raise pytest.UsageError(f"{module} uses two kinds of shared data ({', '.join(sorted(names))}): split it")


example_site = shared_import("example_site", lambda: json.loads(EXAMPLE_FILE.read_text(encoding="utf-8")))
county_site = shared_import("county_site", lambda: json.loads(DEMO_FILE.read_text(encoding="utf-8")))


@pytest.fixture
def imported_example(example_site, db, example_data):
    """The small example file of the import format, imported (once per module, see ``example_site``)."""
    return example_data


@pytest.fixture
def imported_demo(county_site, db, demo_data):
    """The demo data set, imported (once per module, see ``county_site``)."""
    return demo_data


@pytest.fixture
def soup():
    """Parse an HTTP response's HTML."""

    def parse(response):
        return BeautifulSoup(response.content.decode(), "html.parser")

    return parse


@pytest.fixture
def partners(imported_example):
    """Users of every role, for the example file's organisations.

    ``editor`` and ``approver`` work for Soite (``own`` organisation), ``other_editor`` and
    ``other_approver`` for Kaustisen mielenterveysyhdistys (``other``), all made with ``add_user``.
    """
    from types import SimpleNamespace

    from django.contrib.auth import get_user_model

    from organisations.services import add_user

    def user(username, role, organisation=None):
        return add_user(username, email=f"{username}@example.org", role=role, organisation_id=organisation).user

    return SimpleNamespace(
        editor=user("soite-editor", "editor", "soite"),
        approver=user("soite-approver", "approver", "soite"),
        other_editor=user("kaustinen-editor", "editor", "kaustisen-mtyhdistys"),
        other_approver=user("kaustinen-approver", "approver", "kaustisen-mtyhdistys"),
        coordinator=user("coordinator", "coordinator"),
        second_coordinator=user("coordinator-2", "coordinator"),
        admin=get_user_model().objects.create_superuser("admin", "admin@example.org", "not-used-in-tests"),
    )


@pytest.fixture
def pages(imported_example):
    """The example's pages by name: own (Soite's) and other (Kaustinen's) organisation and group, fi and sv."""
    from types import SimpleNamespace

    from groups.models import GroupPage
    from organisations.models import OrganisationPage

    def versions(model, identifier):
        found = {page.locale.language_code: page for page in model.objects.filter(identifier=identifier)}
        return found["fi"], found["sv"]

    own_org, own_org_sv = versions(OrganisationPage, "soite")
    other_org, other_org_sv = versions(OrganisationPage, "kaustisen-mtyhdistys")
    own_group, own_group_sv = versions(GroupPage, "aamupala-kokkola")
    other_group, other_group_sv = versions(GroupPage, "bandilaulu-kaustinen")
    return SimpleNamespace(
        own_org=own_org,
        own_org_sv=own_org_sv,
        other_org=other_org,
        other_org_sv=other_org_sv,
        own_group=own_group,
        own_group_sv=own_group_sv,
        other_group=other_group,
        other_group_sv=other_group_sv,
    )


def form_values(response):
    """The values an admin form would submit as it is, read from its HTML: ``{name: [values]}``.

    Lets a test change one field of a real admin edit form and post the rest unchanged, however
    many panels and inline forms the page type has.
    """
    html = BeautifulSoup(response.content.decode(), "html.parser")
    form = html.find("form", attrs={"data-edit-form": True})
    values = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "select":
            chosen = [
                option.get("value", option.get_text())
                for option in field.find_all("option")
                if option.has_attr("selected")
            ]
            if not chosen and not field.has_attr("multiple"):
                first = field.find("option")
                chosen = [first.get("value", "")] if first else []
            values.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            values.setdefault(name, []).append(field.get_text())
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in {"submit", "button", "file", "image", "reset"}:
            values.setdefault(name, []).append(field.get("value", ""))
    return values


@pytest.fixture
def edit_form():
    """Read an admin edit form's current values (see :func:`form_values`)."""
    return form_values
