"""``manage.py import_groups FILE [--dry-run]``: import organisations, venues and groups."""

from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from groups.importer import ImportFailed, command_error, import_file


class Command(LocalisedCommand):
    help = "Import organisations, venues and groups from a lowthreshold-groups/1 JSON file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the JSON file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report what would change, without saving."
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            report = import_file(file, dry_run=dry_run)
        except ImportFailed as failure:
            raise command_error(failure, self.stderr) from failure
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was saved.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import complete.")))
