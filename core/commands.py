"""A base class for the project's management commands."""

from django.core.management.base import BaseCommand
from django.utils import translation

from .i18n import cli_language


class LocalisedCommand(BaseCommand):
    """Prints its messages in the language of the user's environment (``LANG``), fi, sv or en."""

    def execute(self, *args, **options):
        with translation.override(cli_language()):
            return super().execute(*args, **options)
