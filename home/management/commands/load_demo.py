"""``manage.py load_demo``: realistic demo content for trying the site out.

Imports ``groups/demo/demo.json`` (organisations, venues and groups of the whole region, written in
the import format), adds the information pages, a year of visitor counts and about a hundred
feedback answers (groups/demo_figures.py) and a demo administrator. Safe to run again.
"""

import logging
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from groups.demo_figures import load_demo_figures
from groups.importer import ImportFailed, import_file
from home.demo import ensure_information_pages, ensure_site_contact
from home.services import ensure_site_structure

DEMO_FILE = Path(settings.BASE_DIR) / "groups" / "demo" / "demo.json"
DEMO_ADMIN = ("demo-admin", "demo-admin-password")


@contextmanager
def quiet(logger_name):
    """Hold back a logger's INFO lines (Wagtail logs every page it saves) while the demo loads."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(LocalisedCommand):
    help = "Load the demo organisations, venues, groups and information pages, and a demo administrator."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo administrator account.")

    def handle(self, *args, no_admin=False, **options):
        if not settings.DEBUG and not no_admin:
            raise CommandError(_("Refusing to create a demo administrator with a known password when DEBUG is off."))
        with quiet("wagtail"), transaction.atomic():
            ensure_site_structure()
            ensure_information_pages()
            try:
                report = import_file(DEMO_FILE, progress=self.show_progress)
            except ImportFailed as failure:
                raise CommandError(str(failure)) from failure
            ensure_site_contact()
            # A year of visitor counts and about a hundred feedback answers for the reports.
            load_demo_figures()
            if not no_admin:
                self.ensure_admin()
        if options["verbosity"] > 1:
            for line in report.lines():
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))

    def show_progress(self, kind, done, total):
        """One line per kind of item; on a terminal the line counts up as the items are saved."""
        labels = {"organisations": _("Organisations"), "venues": _("Venues"), "groups": _("Groups")}
        line = _("Loading the demo data: %(what)s %(done)d/%(total)d") % {
            "what": labels[kind].lower(),
            "done": done,
            "total": total,
        }
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="\n" if done == total else "")
            self.stdout.flush()
        elif done == total:
            self.stdout.write(line)

    def ensure_admin(self):
        username, password = DEMO_ADMIN
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username, f"{username}@example.org", password)
            self.stdout.write(
                _("Created the administrator %(user)s (password %(password)s).")
                % {"user": username, "password": password}
            )
