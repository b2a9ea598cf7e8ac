"""iCalendar (RFC 5545) feeds of group meetings, built with the maintained ``icalendar`` library.

A feed has one ``VEVENT`` per :class:`~groups.models.Meeting` row (not a recurrence rule), so it
says exactly what the group page says: the same dates, the same times in Helsinki time, and a
cancelled meeting as the same event with ``STATUS:CANCELLED``, so that a subscribed calendar
crosses it out instead of keeping it. UIDs are made from the group and the meeting's start and
are therefore the same in every download; ``SEQUENCE`` and ``LAST-MODIFIED`` come from the
meeting row, so a client replaces its copy when a meeting changes.

The feed of one group is served at ``<group page>/kalenteri.ics`` (Finnish) and
``<group page>/kalender.ics`` (Swedish). :func:`build_calendar` also builds the feed of any
selection of groups, for example the finder's.
"""

import datetime
import uuid
from collections import defaultdict

from icalendar import Calendar, Event, vDuration

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.i18n import SOURCE_LANGUAGE, current_language

from .models import Meeting, Venue
from .recurrence import HELSINKI

# Meetings of the last month stay in a feed, so a subscriber's calendar keeps its recent past.
FEED_PAST_DAYS = 31
# How often a subscribing calendar should fetch the feed again (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = datetime.timedelta(hours=6)
UID_DOMAIN = "ryhmahaku"
PRODID = "-//Ryhmähaku – Gruppsök//Meetings//{language}"


def meeting_uid(meeting):
    """A UID that stays the same for the same meeting in every download and in both languages."""
    start = meeting.start.astimezone(HELSINKI)
    return f"{meeting.translation_key}-{start:%Y%m%dT%H%M}@{UID_DOMAIN}"


def feed_start(today=None):
    """The first date whose meetings a feed contains."""
    return (today or timezone.localdate()) - datetime.timedelta(days=FEED_PAST_DAYS)


def feed_meetings(translation_keys, today=None, first_day=None, last_day=None):
    """The meetings that feeds of these groups contain, soonest first, with their cancellations.

    From ``first_day`` (by default a month back) to ``last_day`` (by default every meeting kept).
    """
    meetings = Meeting.objects.filter(
        translation_key__in=list(translation_keys), date__gte=first_day or feed_start(today)
    )
    if last_day is not None:
        meetings = meetings.filter(date__lte=last_day)
    return meetings.select_related("cancellation").order_by("start", "translation_key")


def location_text(group, venues):
    """Where the group meets, in one line: venue, street address, postal code and municipality."""
    venue = venues.get(group.venue_id)
    parts = []
    if venue is not None:
        parts.append(str(venue.name))
        if venue.street_address:
            parts.append(str(venue.street_address))
        parts.append(f"{venue.postal_code} {venue.municipality.name}".strip())
    if group.is_online:
        online = _("Online")
        parts.append(f"{online}: {group.online_instructions}" if group.online_instructions else online)
    return ", ".join(parts)


def description_text(group, meeting, url):
    """The event's description: the cancellation notice first, then the summary and the page address."""
    lines = []
    if meeting.is_cancelled:
        reason = meeting.cancellation.reason if meeting.cancellation else ""
        cancelled = _("This meeting is cancelled.")
        lines.append(f"{cancelled} {reason}".strip())
        lines.append("")
    lines.append(group.summary)
    lines.append("")
    lines.append(url)
    return "\n".join(lines)


def _text_language(group, language):
    """The language of a group's own texts on a page of ``language`` (Finnish when untranslated)."""
    untranslated = group.alias_of_id or group.awaiting_translation
    return SOURCE_LANGUAGE if untranslated and language != SOURCE_LANGUAGE else language


def build_calendar(groups, request, name, language=None, today=None, url=None, first_day=None, last_day=None):
    """Build an iCalendar of the meetings of ``groups``; return an ``icalendar.Calendar``.

    ``groups`` is any iterable (a queryset, a list, a finder selection) of :class:`GroupPage`
    objects of one language tree; their meetings are read from the shared ``Meeting`` rows, from
    a month back to as far ahead as meetings are kept. ``request`` gives the absolute page
    addresses. ``name`` is the calendar's display name (``X-WR-CALNAME`` and ``NAME``).
    ``language`` ("fi" or "sv") is the language of the texts; by default the active language.
    ``url`` is the feed's own address, which the calendar's UID is made from (by default the
    request's address); give the canonical one when several addresses serve the same feed.
    ``first_day`` and ``last_day`` limit the meetings to those dates (see :func:`feed_meetings`).
    Call ``.to_ical()`` on the result for the bytes to send.

    The number of database queries does not grow with the number of groups: the groups, their
    venues and all their meetings are each read in one query.
    """
    language = language or current_language()
    with translation.override(language):
        meetings = {"today": today, "first_day": first_day, "last_day": last_day}
        return _build(list(groups), request, name, language, meetings, url or request.build_absolute_uri())


def _build(groups, request, name, language, meetings, url):
    venue_ids = {group.venue_id for group in groups if group.venue_id}
    venues = Venue.objects.select_related("municipality").in_bulk(venue_ids) if venue_ids else {}
    meetings_by_group = defaultdict(list)
    if groups:
        for meeting in feed_meetings({group.translation_key for group in groups}, **meetings):
            meetings_by_group[meeting.translation_key].append(meeting)

    calendar = Calendar.new(
        prodid=PRODID.format(language=language.upper()),
        name=name,
        uid=uuid.uuid5(uuid.NAMESPACE_URL, url),
        refresh_interval=REFRESH_INTERVAL,
    )
    calendar.add("X-WR-TIMEZONE", "Europe/Helsinki")
    # The older, non-standard twin of REFRESH-INTERVAL that Outlook reads.
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))

    first, last = None, None
    for group in sorted(groups, key=lambda g: g.pk):
        url = request.build_absolute_uri(group.get_url(request))
        text_language = _text_language(group, language)
        location = location_text(group, venues)
        venue = venues.get(group.venue_id)
        for meeting in meetings_by_group[group.translation_key]:
            start, end = meeting.start.astimezone(HELSINKI), meeting.end.astimezone(HELSINKI)
            modified = max(filter(None, [meeting.modified_at, group.last_published_at]))
            event = Event.new(
                uid=meeting_uid(meeting),
                stamp=modified,
                last_modified=modified,
                sequence=meeting.sequence,
                start=start,
                end=end,
                status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
                url=url,
            )
            event.add("SUMMARY", group.title, parameters={"LANGUAGE": text_language})
            event.add("DESCRIPTION", description_text(group, meeting, url))
            if location:
                event.add("LOCATION", location)
            if venue is not None and venue.latitude is not None:
                event.add("GEO", (venue.latitude, venue.longitude))
            calendar.add_component(event)
            first = min(first or start.date(), start.date())
            last = max(last or start.date(), start.date())

    if first is not None:
        # A VTIMEZONE that covers the meetings (a year either side) is enough and keeps the file small.
        calendar.add_missing_timezones(
            first_date=first - datetime.timedelta(days=366), last_date=last + datetime.timedelta(days=366)
        )
    return calendar


def group_calendar(group, request):
    """The calendar of one group page, named after the group."""
    return build_calendar([group], request, name=group.title, language=group.locale.language_code)


def calendar_filename(group):
    """The file name offered for download, e.g. ``yhteinen-aamupala.ics`` (slugs are ASCII)."""
    return f"{group.slug}.ics"
