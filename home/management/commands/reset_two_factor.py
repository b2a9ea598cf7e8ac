"""``manage.py reset_two_factor USERNAME``: remove a user's authenticator apps (lost or new phone)."""

from django_otp import devices_for_user

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.commands import LocalisedCommand


class Command(LocalisedCommand):
    help = "Remove a user's authenticator apps, so that they set up a new one at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as error:
            raise CommandError(_("There is no user %(username)s.") % {"username": username}) from error
        count = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            count += 1
        message = ngettext(
            "Removed %(count)d authenticator of %(username)s.",
            "Removed %(count)d authenticators of %(username)s.",
            count,
        )
        self.stdout.write(message % {"count": count, "username": username})
