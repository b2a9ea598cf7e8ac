"""Every string a person sees exists in Finnish and Swedish."""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUES = {language: ROOT / "locale" / language / "LC_MESSAGES" / "django.po" for language in ("fi", "sv")}


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(CATALOGUES[language]))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_placeholders_are_kept(language):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\{ *\w+ *\}\}")
    for entry in polib.pofile(str(CATALOGUES[language])):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = set(pattern.findall(" ".join(sources)))
        for target in targets:
            assert set(pattern.findall(target)) == expected, entry.msgid


def test_catalogues_contain_every_string_in_the_code(tmp_path):
    """Running makemessages finds no string that the committed catalogues lack."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext (Debian package gettext) is needed to check the catalogues")
        pytest.skip("xgettext is not installed (apt-get install gettext); CI runs this check")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "*.sqlite3", "media", ".test-media")
    )
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "manage.py",
            "makemessages",
            "-l",
            "fi",
            "-l",
            "sv",
            "--ignore=.venv",
            "--ignore=tests",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    for language, path in CATALOGUES.items():
        committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))}
        fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / path.relative_to(ROOT)))}
        assert fresh - committed == set(), f"run `make messages` and translate the new strings ({language})"
