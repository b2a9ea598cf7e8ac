"""``manage.py add_user USERNAME --email EMAIL --role editor|approver|coordinator [--org ORG_ID]``."""

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from organisations.services import RoleError, add_user


class Command(LocalisedCommand):
    help = (
        "Create or update an admin user and give them a role: a partner organisation's editor or approver "
        "(--org is the organisation's id in the import format), or a coordinator. Safe to run again. "
        "New users choose their password through the admin's 'Forgot password?' link."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user's login name.")
        parser.add_argument("--email", required=True, help="The user's e-mail address.")
        # Checked by the service rather than argparse, so that the error is in the user's language.
        parser.add_argument("--role", required=True, help="editor, approver or coordinator.")
        parser.add_argument("--org", dest="organisation", help="The organisation's id (for editors and approvers).")
        parser.add_argument("--language", choices=["fi", "sv"], help="The language of the user's admin: fi or sv.")

    def handle(self, *args, username, email, role, organisation=None, language=None, **options):
        try:
            report = add_user(username, email=email, role=role, organisation_id=organisation, language=language)
        except RoleError as error:
            raise CommandError(str(error)) from error
        for line in report.done:
            self.stdout.write(line)
        if not report.done:
            self.stdout.write(_("Nothing to do: %(user)s already has this role.") % {"user": username})
        if report.created:
            reset_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_password_reset")
            self.stdout.write(
                _(
                    "Nobody knows the password of %(user)s yet. They choose one at %(url)s (the link is sent "
                    "to %(email)s), or an administrator runs: manage.py changepassword %(user)s"
                )
                % {"user": username, "url": reset_url, "email": report.user.email}
            )
        self.stdout.write(self.style.SUCCESS(_("Done.")))
