"""Wagtail's, wagtail-localize's and the other installed apps' own admin strings exist in Finnish and
Swedish: their catalogues and ``locale/upstream`` together translate every msgid (docs/translation.md).

The checks read the compiled ``.mo`` files, as the site does: ``make install`` compiles them.
"""

import re
from pathlib import Path

import polib
import pytest

import django
from django.apps import apps
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

ROOT = Path(__file__).resolve().parent.parent.parent
UPSTREAM = ROOT / "locale" / "upstream"
LANGUAGES = ("fi", "sv")
# The JavaScript catalogues the admin loads: Wagtail's and wagtail-localize's jsi18n views.
JS_APPS = ("wagtail.admin", "wagtail_localize")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
HINT = "run scripts/upstream_catalogue.py, translate the new entries of locale/upstream and `make install`"


def source_catalogues(domain):
    """The English source catalogue of Django and of every installed app that ships one."""
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(app.path) / "locale" for app in apps.get_app_configs() if "site-packages" in Path(app.path).parts]
    if domain == "djangojs":
        dirs = [Path(app.path) / "locale" for app in apps.get_app_configs() if app.name in JS_APPS]
    paths = [locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po" for locale_dir in dirs]
    return [path for path in paths if path.exists()]


def source_entries(domain):
    entries = {}
    for path in source_catalogues(domain):
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.obsolete:
                entries.setdefault((entry.msgctxt, entry.msgid, entry.msgid_plural), entry)
    return list(entries.values())


def english_and_translated(entry, catalogue):
    """(English, translation) pairs of an entry: one, or one per plural form (n=1, n=2)."""
    if entry.msgid_plural:
        pairs = []
        for count, english in ((1, entry.msgid), (2, entry.msgid_plural)):
            if entry.msgctxt:
                translated = catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
            else:
                translated = catalogue.ngettext(entry.msgid, entry.msgid_plural, count)
            pairs.append((english, translated))
        return pairs
    if entry.msgctxt:
        return [(entry.msgid, catalogue.pgettext(entry.msgctxt, entry.msgid))]
    return [(entry.msgid, catalogue.gettext(entry.msgid))]


def untranslated(entries, catalogue):
    """The msgids that the language's own catalogues lack.

    Checked in the merged catalogue itself, not by comparing gettext's answer with the English:
    Django falls back to the default language, so a Swedish gap would come back in Finnish.
    """
    missing = []
    for entry in entries:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        keys = [(key, 0), (key, 1)] if entry.msgid_plural else [key]
        if not all(catalogue.get(key) for key in keys):
            missing.append(entry.msgid)
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_admin_string_of_the_installed_apps_is_translated(language):
    entries = source_entries("django")
    assert len(entries) > 2000  # Wagtail's own catalogues were found
    missing = untranslated(entries, translation.trans_real.translation(language)._catalog)
    assert missing == [], f"{len(missing)} admin strings have no {language} translation: {HINT}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_javascript_string_of_the_admin_is_translated(language):
    entries = source_entries("djangojs")
    assert len(entries) > 50
    locale_dirs = [str(path.parent.parent.parent) for path in source_catalogues("djangojs")]
    catalogue = DjangoTranslation(language, domain="djangojs", localedirs=locale_dirs)
    missing = untranslated(entries, catalogue._catalog)
    assert missing == [], f"{len(missing)} admin script strings have no {language} translation: {HINT}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    """What gettext answers keeps the English placeholders, so formatting it cannot fail."""
    with translation.override(language):
        for entry in source_entries("django"):
            for english, translated in english_and_translated(entry, translation):
                # A singular may leave out the count ("Unpublish 1 page" – "Piilota 1 sivu").
                allowed = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
                assert set(PLACEHOLDER.findall(translated)) <= allowed, (english, translated)
                if english is entry.msgid_plural or not entry.msgid_plural:
                    assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(english)), (
                        english,
                        translated,
                    )


@pytest.mark.parametrize(
    "path", sorted(UPSTREAM.glob("*/LC_MESSAGES/*.po")), ids=lambda path: str(path.relative_to(UPSTREAM))
)
def test_upstream_catalogue_is_complete_and_not_stale(path):
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    mo = path.with_suffix(".mo")
    assert mo.exists(), "run `make install` (manage.py compile_translations)"
    assert mo.stat().st_mtime >= path.stat().st_mtime, "run `make install` (manage.py compile_translations)"
