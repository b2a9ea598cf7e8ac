"""The apps form layers that only point down (docs/architecture.md), and the migrations hold.

``core`` → ``organisations`` → ``groups`` → ``search`` → ``home`` → ``config``: a module may import
its own app and the apps below it, never one above, not even inside a function. A lower app that
must tell a higher one something sends a signal from ``core/signals.py`` instead.
"""

import ast
import os
import subprocess
import sys

import pytest

from django.core.management import call_command

from tests.conftest import ROOT

#: Bottom to top.
LAYERS = ["core", "organisations", "groups", "search", "home", "config"]
#: A module past this many lines holds more than one concern (HOUSE_STYLE.md says ~500).
MAX_MODULE_LINES = 600


def app_modules():
    """Every Python module of the apps, migrations aside, as (app, path relative to the root)."""
    for app in LAYERS:
        for folder, folders, files in os.walk(ROOT / app):
            folders[:] = [name for name in folders if name not in {"migrations", "__pycache__"}]
            for name in files:
                if name.endswith(".py"):
                    yield app, os.path.relpath(os.path.join(folder, name), ROOT)


def imported_apps(source, path):
    """(line, app) for every absolute import of one of the layers in ``source``, at any depth."""
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue  # relative imports stay inside their app
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS:
                yield node.lineno, top


def upward_imports(app, path, source):
    """The imports in ``source`` (a module of ``app``) of an app above ``app``."""
    rank = LAYERS.index(app)
    return [f"{path}:{line} imports {top}" for line, top in imported_apps(source, path) if LAYERS.index(top) > rank]


def test_no_app_imports_an_app_above_it():
    found = []
    for app, path in app_modules():
        found += upward_imports(app, path, (ROOT / path).read_text(encoding="utf-8"))
    assert found == [], (
        "A lower layer imports a higher one (send a signal from core/signals.py instead):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        "from search.services import find_groups\n",
        "def later():\n    from home.models import HomePage\n",
        "import search.indexing\n",
    ],
)
def test_the_layer_check_finds_an_upward_import_at_any_depth(source):
    assert upward_imports("groups", "groups/example.py", source)


def test_the_layer_check_lets_an_app_import_those_below_it():
    source = "from core.i18n import localized\nfrom organisations.models import OrganisationPage\nfrom . import x\n"
    assert upward_imports("groups", "groups/example.py", source) == []


def test_no_module_is_past_the_size_of_one_concern():
    long = []
    for _app, path in app_modules():
        lines = len((ROOT / path).read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            long.append(f"{path}: {lines} lines")
    assert long == []


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    # Exits with an error when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_migrations_run_on_an_empty_database(tmp_path):
    # A database file of its own, migrated in another process: the suite's database stays as it is.
    database = tmp_path / "empty.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
