"""``manage.py rebuild_group_index``: rebuild the finder's Finnish and Swedish search index."""

from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from search.indexing import rebuild_index


class Command(LocalisedCommand):
    help = "Rebuild the group finder's search index in Finnish and Swedish (it is normally kept up to date on publish)."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(_("Search index rebuilt: %(count)d groups.") % {"count": count})
