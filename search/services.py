"""Finding groups. This first version matches words in the title, summary and description."""

from django.db.models import Q

from groups.models import GroupPage, Status
from groups.services import with_next_meeting


def listed_groups(locale):
    """Live, public groups of one language tree that the public may find (ended ones never)."""
    return with_next_meeting(
        GroupPage.objects.live()
        .public()
        .filter(locale=locale)
        .exclude(status=Status.ENDED)
        .select_related("venue__municipality")
    )


def find_groups(locale, query=""):
    """Return the listed groups of ``locale`` matching every word of ``query``, paused ones last."""
    groups = listed_groups(locale)
    for word in query.split()[:10]:
        groups = groups.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word))
    return groups.order_by("status", "title")
