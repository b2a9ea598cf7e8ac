"""``manage.py compile_translations``: compile ``locale/*/LC_MESSAGES/django.po`` into ``.mo`` files.

The same as Django's ``compilemessages`` for our own catalogues, but in pure Python (polib), so a
new machine needs no GNU gettext to run the site.
"""

from pathlib import Path

import polib

from django.conf import settings

from core.commands import LocalisedCommand


class Command(LocalisedCommand):
    help = "Compile the project's .po files into .mo files (pure Python, no gettext needed)."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                if options["verbosity"] > 1:
                    self.stdout.write(f"{po_path} → {mo_path}")
