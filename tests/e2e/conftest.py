"""Browser tests: pytest-playwright drives Debian's Chromium against a live server with the demo data.

How the database is handled, and why not pytest-django's ``live_server``: that fixture makes
every test transactional, and the flush after each test would throw the demo site away —
loading it (``manage.py load_demo``) takes most of a minute. Instead the demo site is loaded once
for this package and committed; each test adds only its own users and pages, with names no other
test uses, and never removes what the demo data has. Before and after the package the database
is reset to what ``migrate`` leaves (:func:`reset_database`), so the tests around it see the same
database as always.

Playwright's synchronous API runs its own event loop in the test's thread and marks it as
running for as long as Playwright is started, which makes Django refuse every database query
from that thread ("You cannot call this from an async context"). No Django code ever runs inside
that loop, so ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set exactly while Playwright runs: from the first to
the last browser test (Playwright is started per package, not per session, for this reason). While
the loop runs, Django also gives the thread separate database connections, which are closed
before Playwright stops.

Chromium is Debian's ``chromium`` package (Playwright's own browser download does not work
here). Without it the tests are skipped with a message naming the package, except in CI
(``CI`` set), where a missing browser is a failure.
"""

import io
import os
import re
import shutil

import pytest
import time_machine
from playwright.sync_api import expect, sync_playwright

from django.core.management import call_command

from tests.conftest import NOW, reset_database

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = (
    "Chromium was not found, so the browser tests cannot run. Install Debian's package: "
    "apt-get install chromium (or set CHROMIUM=/path/to/chromium)."
)
DESKTOP = {"width": 1280, "height": 900}
#: The password of every user the browser tests make (fast MD5 hashing in the test settings).
PASSWORD = "selain-testi-salasana"


def running_in_ci():
    """Whether this is a CI run (``CI=1``/``CI=true``), where a missing browser must fail the tests."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def chromium_executable():
    """The Chromium to drive; skips the browser tests (fails them in CI) when there is none."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        if running_in_ci():
            pytest.fail(MISSING_CHROMIUM, pytrace=False)
        pytest.skip(MISSING_CHROMIUM)
    return path


def pytest_collection_modifyitems(items):
    """Keep every browser test on one worker when the suite runs in parallel (pytest-xdist with
    ``--dist loadgroup``): the demo site is loaded once per worker that runs a browser test, and
    it is committed, so it must not be loaded by two workers or meet other tests halfway."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("browser"))


# --- The database -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, also when only browser tests run.

    pytest-django creates the test database only for tests that ask for ``db`` (or a
    ``django_db`` mark), and those would wrap each test in a transaction or flush it; the browser
    tests ask for neither, so when they run alone the database is created here.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    with django_db_blocker.unblock():
        created = setup_databases(verbosity=0, interactive=False, aliases={connection.alias})
    yield
    with django_db_blocker.unblock():
        teardown_databases(created, verbosity=0)


@pytest.fixture(scope="package")
def demo_site(chromium_executable, django_db_setup, django_db_blocker, playwright):
    """The demo data (``manage.py load_demo``), loaded once for all browser tests, at the tests' date."""
    with django_db_blocker.unblock():
        with time_machine.travel(NOW, tick=True):
            reset_database()
            call_command("load_demo", no_admin=True, stdout=io.StringIO())
        yield
        reset_database()


@pytest.fixture(autouse=True)
def _database_access(demo_site, django_db_blocker):
    """Let the test and the live server use the committed demo database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="package")
def site_server(demo_site, django_db_blocker):
    """A live server of the site in a thread of this process, for the whole package.

    An in-memory SQLite database is shared with the server thread (as Django's own
    ``LiveServerTestCase`` does); PostgreSQL gets its own connection and sees what the tests commit.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    shared = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    for conn in shared.values():
        conn.inc_thread_sharing()
    server = LiveServerThread("localhost", static_handler=StaticFilesHandler, connections_override=shared)
    server.daemon = True
    with django_db_blocker.unblock():
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield f"http://{server.host}:{server.port}"
        server.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


# --- Playwright, started for this package only ---------------------------------------------
# pytest-playwright's fixtures of the same names are session-scoped; these replace them so that
# Playwright's event loop (see the module docstring) ends with the browser tests.


@pytest.fixture(scope="package")
def playwright():
    from django.db import connections

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    started = sync_playwright().start()
    try:
        yield started
    finally:
        # While an event loop runs, Django gives this thread database connections of its own
        # (asgiref keeps them apart from the thread's usual ones): close them before the loop ends,
        # or PostgreSQL could not drop the test database at the end.
        connections.close_all()
        started.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser_type(playwright):
    return playwright.chromium


@pytest.fixture(scope="package")
def launch_browser(browser_type, chromium_executable):
    def launch(**kwargs):
        return browser_type.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True, **kwargs)

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser, site_server):
    """One Chromium for all the browser tests (closed before the server stops)."""
    launched = launch_browser()
    yield launched
    launched.close()


@pytest.fixture(scope="package")
def browser_context_args(site_server):
    """Every page opens on the live server, in Finnish, in Helsinki time."""
    return {"base_url": site_server, "locale": "fi-FI", "timezone_id": "Europe/Helsinki"}


@pytest.fixture
def new_context(new_context):
    """pytest-playwright's contexts (closed after the test) at a desktop size unless told otherwise,
    with a short default timeout so that a failure shows quickly."""

    def make(**kwargs):
        created = new_context(**{"viewport": DESKTOP, **kwargs})
        created.set_default_timeout(10_000)
        return created

    return make


@pytest.fixture
def context(new_context):
    """A fresh browser context (no cookies) per test."""
    return new_context()


# --- Users -----------------------------------------------------------------------------------


@pytest.fixture
def make_user(request):
    """Create an admin user with a role (``add_user``) and the password :data:`PASSWORD`.

    Usernames carry the test's name, so no two tests share a user.
    """
    from organisations.services import add_user

    def make(role, organisation=None):
        test_name = request.node.name.removeprefix("test_")[:40]
        username = f"{role}-{organisation or 'all'}-{test_name}"
        user = add_user(username, email=f"{role}@example.org", role=role, organisation_id=organisation).user
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


def log_in(page, user, password=PASSWORD):
    """Sign in to the Wagtail admin with the login form, as a person would."""
    page.goto("/admin/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    # Wagtail's Finnish translation has no word for "Password" yet.
    page.get_by_label(re.compile("Salasana|Password")).fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))
