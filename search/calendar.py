"""The finder's selection as a calendar feed to subscribe to (see docs/meetings.md).

``/fi/ryhmat/kalenteri.ics?municipality=kokkola&weekday=tue`` is the calendar of the groups that
the finder shows for the same address: the same filters and search text, read by the same
:func:`search.services.find_groups` as the page and the brochure. Its events are the groups'
``Meeting`` rows, built by :func:`groups.calendar.build_calendar` like a single group's feed, so a
subscribed calendar shows every group of the selection, and a cancelled meeting crossed out. It
covers the past week and the next two months, a window that moves on every day.

Calendar applications fetch a subscribed feed every few hours, and many people may subscribe to
the same selection, so the file of a selection is cached until a group or a meeting changes (the
finder's data version) or the day changes.
"""

import datetime

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groups.calendar import build_calendar
from groups.models import GroupPage

from .models import selection_in_words
from .services import find_groups, selection_cache_key

# A selection's feed is a moving window: the meetings of the past week and of the next two
# months, which the subscribed calendar fetches again every few hours. A group's own feed has
# every meeting kept (docs/meetings.md); a selection of many groups would grow too big for a
# phone's calendar (some 700 bytes an event: 200 weekly groups over two months is 1.5 MB).
PAST_DAYS = 7
AHEAD_DAYS = 61
# And the meetings of at most this many groups, those with the soonest meetings first (in the
# finder's order); past this the calendar's description and the finder say to narrow the choices.
MAX_GROUPS = 200
CACHE_SECONDS = 15 * 60
CACHE_PREFIX = "search:calendar"


def selection_groups(results):
    """The groups of a finder result, all of them (not one result page), at most :data:`MAX_GROUPS`.

    Returns ``(groups, count)``: the group pages in the finder's order and how many the
    selection has. At most three queries, however many groups there are.
    """
    if hasattr(results.groups, "ids"):  # ranked by a search text
        ids = results.groups.ids
        count = len(ids)
        ids = ids[:MAX_GROUPS]
    else:
        ids = list(results.groups.values_list("pk", flat=True)[: MAX_GROUPS + 1])
        count = len(ids) if len(ids) <= MAX_GROUPS else results.groups.count()
        ids = ids[:MAX_GROUPS]
    found = GroupPage.objects.filter(pk__in=ids).in_bulk()
    return [found[pk] for pk in ids if pk in found], count


def calendar_name(finder, labels):
    """The calendar's name in a calendar app: "Ryhmät: Kokkola, Tiistai", or the finder's title."""
    return f"{finder.title}: {', '.join(labels)}" if labels else finder.title


def calendar_filename(finder, labels):
    """``ryhmat-kokkola-tiistai.ics``: the finder's slug and the selection (no date: it is a subscription)."""
    words = slugify(" ".join(labels))[:60].strip("-")
    return "-".join(part for part in (finder.slug, words) if part) + ".ics"


def build_selection_calendar(finder, request, params=None):
    """``(calendar, filename)`` of the finder selection in ``params`` (the request's GET parameters)."""
    params = request.GET if params is None else params
    language = finder.locale.language_code
    with translation.override(language):
        results = find_groups(finder.locale, params)
        selection = selection_in_words(params, results)
        labels = [str(item["label"]) for item in selection["items"]]
        groups, count = selection_groups(results)
        # The same selection has one address (unknown parameters and the result page left out),
        # and so one calendar UID, however it was asked for.
        url = request.build_absolute_uri(finder.calendar_url(request))
        if selection["query_string"]:
            url = f"{url}?{selection['query_string']}"
        today = timezone.localdate()
        calendar = build_calendar(
            groups,
            request,
            name=calendar_name(finder, labels),
            language=language,
            url=url,
            first_day=today - datetime.timedelta(days=PAST_DAYS),
            last_day=today + datetime.timedelta(days=AHEAD_DAYS),
        )
        if count > len(groups):
            description = _(
                "The meetings of the first %(shown)d of the %(count)d groups found. "
                "Choose a municipality, a day or an activity on the finder to get all of yours."
            ) % {"shown": len(groups), "count": count}
            calendar.add("DESCRIPTION", description)
            calendar.add("X-WR-CALDESC", description)
    return calendar, calendar_filename(finder, labels)


def cache_key(finder, request, params):
    """The cache key of a selection (:func:`search.services.selection_cache_key`)."""
    return selection_cache_key(CACHE_PREFIX, finder, request, params)


def selection_calendar(finder, request):
    """``(ics bytes, filename)`` of the request's selection, from the cache if nothing changed since."""
    with translation.override(finder.locale.language_code):
        key = cache_key(finder, request, request.GET)
    cached = cache.get(key)
    if cached is not None:
        return cached
    calendar, filename = build_selection_calendar(finder, request)
    value = (calendar.to_ical(), filename)
    cache.set(key, value, timeout=CACHE_SECONDS)
    return value
