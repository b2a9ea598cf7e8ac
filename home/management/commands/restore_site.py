"""``manage.py restore_site FOLDER``: restore a backup made by ``backup_site``."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from home.backups import BackupError, database_settings, read_manifest, restore_site


class Command(LocalisedCommand):
    help = "Restore the database and the media folder from a backup made by backup_site."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder.")
        parser.add_argument(
            "--database-url", help="Restore into this database instead of the site's own (e.g. a new empty one)."
        )
        parser.add_argument("--media-root", help="Restore the media files here instead of MEDIA_ROOT.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, folder, database_url=None, media_root=None, interactive=True, **options):
        try:
            manifest = read_manifest(folder)
            target = database_settings(database_url)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if interactive:
            question = _(
                "This replaces the contents of the database %(database)s with the backup made at %(time)s. "
                "Type 'yes' to continue: "
            ) % {"database": target["NAME"], "time": manifest["created_at"]}
            if input(question).strip().lower() != "yes":
                raise CommandError(_("Restore cancelled; nothing was changed."))
        try:
            report = restore_site(folder, database_url=database_url, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(pages)d pages (%(live)d live) and %(media)d media files.")
                % {"pages": report.pages, "live": report.live_pages, "media": report.media_files}
            )
        )
