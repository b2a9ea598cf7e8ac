"""Keep ``locale/upstream/`` up to date: the admin strings of the installed apps (Wagtail,
wagtail-localize, Django, taggit, ...) that their own Finnish or Swedish catalogues lack.

    .venv/bin/python scripts/upstream_catalogue.py            # update the .po files, list the gaps
    .venv/bin/python scripts/upstream_catalogue.py --check    # only say what is missing; exit 1 if any

A string counts as translated when the catalogues Django merges at run time already translate it:
the project's own ``locale/`` or the ``.mo`` file of any installed app (a fuzzy or empty entry of
an app's ``.po`` is not in its ``.mo``, so it counts as missing). Every other msgid of an installed
app's source catalogue (``locale/en``; the union of its languages where it ships no ``en``) is
written to ``locale/upstream/<language>/LC_MESSAGES/<domain>.po``. Translations already there are
kept; entries that upstream now translates itself are dropped, so upstream's own wording wins
after an upgrade. Translate the new empty entries by hand, then ``make install`` (or
``manage.py compile_translations``) compiles them. See docs/translation.md.
"""

import argparse
import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fi", "sv")
# The JavaScript catalogues the admin loads (Wagtail's and wagtail-localize's jsi18n views).
JS_APPS = {"wagtail.admin", "wagtail_localize"}
HEADER = {
    "Project-Id-Version": "Ryhmähaku: upstream admin strings",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def key(entry):
    """What gettext looks an entry up by."""
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def is_translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return all(entry.msgstr_plural.get(index) for index in range(2))
    return bool(entry.msgstr)


def catalogue(path):
    """The entries of a .po or .mo file, or none when it does not exist."""
    if not path.exists():
        return []
    return list(polib.mofile(str(path)) if path.suffix == ".mo" else polib.pofile(str(path)))


def installed_locale_dirs():
    """(app label, locale directory) of Django itself and of every installed app, in INSTALLED_APPS order."""
    import django
    from django.apps import apps

    django.setup()
    dirs = [("django", Path(django.__file__).parent / "conf" / "locale")]
    for app in apps.get_app_configs():
        locale_dir = Path(app.path) / "locale"
        if locale_dir.is_dir() and "site-packages" in locale_dir.parts:
            dirs.append((app.name, locale_dir))
    return dirs


def source_entries(locale_dir, domain):
    """The msgids an app's catalogue offers: its ``en`` catalogue, or the union of its languages."""
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    paths = [english] if english.exists() else sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    entries = {}
    for path in paths:
        for entry in catalogue(path):
            if not entry.obsolete and entry.msgid:
                entries.setdefault(key(entry), entry)
    return list(entries.values())


def covered(language, domain, locale_dirs):
    """Keys the run-time catalogues translate without ``locale/upstream``."""
    keys = set()
    own = ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    paths = [own] + [locale_dir / language / "LC_MESSAGES" / f"{domain}.mo" for _, locale_dir in locale_dirs]
    for path in paths:
        keys.update(key(entry) for entry in catalogue(path) if is_translated(entry))
    return keys


def gaps(language, domain, locale_dirs):
    """(app, source entry) of every msgid with no translation in ``language``, without duplicates."""
    if domain == "djangojs":
        locale_dirs = [(app, path) for app, path in locale_dirs if app in JS_APPS]
    done = covered(language, domain, locale_dirs)
    found = {}
    for app, locale_dir in locale_dirs:
        for entry in source_entries(locale_dir, domain):
            if key(entry) not in done and key(entry) not in found:
                found[key(entry)] = (app, entry)
    return list(found.values())


def write(language, domain, missing):
    """Rewrite the upstream catalogue with the gaps, keeping the translations already written."""
    path = ROOT / "locale" / "upstream" / language / "LC_MESSAGES" / f"{domain}.po"
    existing = {key(entry): entry for entry in catalogue(path)}
    po = polib.POFile(wrapwidth=100)
    po.metadata = {**HEADER, "Language": language, "Plural-Forms": PLURAL_FORMS}
    untranslated = []
    for app, source in missing:
        old = existing.get(key(source))
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgid_plural=source.msgid_plural,
            comment=app,
            occurrences=source.occurrences,
            flags=[flag for flag in source.flags if flag.endswith("-format")],
        )
        if source.msgid_plural:
            entry.msgstr_plural = dict(old.msgstr_plural) if old else {0: "", 1: ""}
        else:
            entry.msgstr = old.msgstr if old else ""
        if not is_translated(entry):
            untranslated.append(entry)
        po.append(entry)
    if po or path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
    return len(po), untranslated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a string is untranslated")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    locale_dirs = installed_locale_dirs()
    status = 0
    for domain in ("django", "djangojs"):
        for language in LANGUAGES:
            missing = gaps(language, domain, locale_dirs)
            if args.check:
                path = ROOT / "locale" / "upstream" / language / "LC_MESSAGES" / f"{domain}.po"
                done = {key(entry) for entry in catalogue(path) if is_translated(entry)}
                untranslated = [entry for _, entry in missing if key(entry) not in done]
                total = len(missing)
            else:
                total, untranslated = write(language, domain, missing)
            print(f"{language} {domain}: {total} upstream gaps, {len(untranslated)} untranslated")
            for entry in untranslated:
                print(f"    {entry.msgid!r}")
            status = status or bool(untranslated)
    return 1 if args.check and status else 0


if __name__ == "__main__":
    sys.exit(main())
