"""``manage.py backup_site FOLDER``: back up the database and the uploaded media files."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from home.backups import BackupError, backup_site


class Command(LocalisedCommand):
    help = "Back up the database (pg_dump custom format, or a copy of SQLite) and the media folder into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new (or empty) folder for the backup.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup_site(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(folder)s: %(files)s.")
                % {"folder": folder, "files": ", ".join(manifest["files"])}
            )
        )
