"""``manage.py export_groups FILE``: write every organisation, venue and group to a file."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from groups.exporter import export_json


class Command(LocalisedCommand):
    help = "Export organisations, venues and groups as a lowthreshold-groups/1 JSON file ('-' for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the file to write, or - for standard output.")

    def handle(self, *args, file, **options):
        content = export_json()
        if file == "-":
            self.stdout.write(content, ending="")
            return
        try:
            Path(file).write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(_("Cannot write the file: %(error)s") % {"error": error.strerror}) from error
        self.stderr.write(_("Exported to %(file)s.") % {"file": file})
