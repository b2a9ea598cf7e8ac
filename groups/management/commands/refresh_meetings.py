"""``manage.py refresh_meetings``: recompute every group's meetings (run nightly from cron)."""

from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from groups.services import HORIZON_DAYS, refresh_all_meetings


class Command(LocalisedCommand):
    help = "Recompute the meetings of every group for the coming months. Run it every night (see docs/meetings.md)."

    def handle(self, *args, **options):
        count = refresh_all_meetings()
        self.stdout.write(
            _("Meetings refreshed for %(count)d groups, %(days)d days ahead.") % {"count": count, "days": HORIZON_DAYS}
        )
