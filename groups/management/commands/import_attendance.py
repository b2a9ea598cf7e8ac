"""``manage.py import_attendance FILE.csv``: historical visitor counts (group id, date, count[, first-timers])."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from groups.importer import ImportFailed, command_error
from groups.visits import import_attendance


class Command(LocalisedCommand):
    help = "Import visitor counts per meeting from a CSV file: group id, date, count[, first-timers] (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file (UTF-8).")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(_("The file could not be read: %(error)s") % {"error": error}) from error
        try:
            created, updated, unchanged = import_attendance(text)
        except ImportFailed as failure:
            raise command_error(failure, self.stderr) from failure
        self.stdout.write(
            _("Visitor counts: %(created)d added, %(updated)d corrected, %(unchanged)d unchanged")
            % {"created": created, "updated": updated, "unchanged": unchanged}
        )
        self.stdout.write(self.style.SUCCESS(_("Import complete.")))
