"""Domain operations on groups that the admin, the importer, commands and tests all call."""

import datetime

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from .models import Cancellation, GroupPage, Meeting, MeetingStatus, PartOfDay, Status
from .recurrence import HELSINKI, occurrences

# How far ahead meetings are kept as rows. Finder filters ("this week", weekday) and calendar
# feeds look at most this far; the nightly refresh moves the window along.
HORIZON_DAYS = 200
# Meetings of the past few days stay so that "this week" can show the whole week.
KEEP_PAST_DAYS = 7


def meeting_window(today=None):
    """The first and last date for which meeting rows are kept."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=KEEP_PAST_DAYS), today + datetime.timedelta(days=HORIZON_DAYS)


def source_group(page):
    """The Finnish (source) version of a group page, which owns the schedule and the meetings."""
    source = page.get_source_page() if hasattr(page, "get_source_page") else None
    return source or page


def planned_meetings(group, start, end):
    """The meetings of ``group`` between ``start`` and ``end`` as unsaved :class:`Meeting` rows.

    Ended and paused groups, and groups that are not live, have no meetings. Cancelled dates
    give rows with the status "cancelled", so that a page and a calendar can say so.
    """
    if not group.live or group.status != Status.ACTIVE:
        return []
    cancellations = {
        c.date: c for c in Cancellation.objects.filter(group=group, withdrawn_at__isnull=True, date__range=(start, end))
    }
    rows = []
    for occurrence in occurrences(group.schedule_rules.all(), group.extra_meetings.all(), start, end):
        cancellation = cancellations.get(occurrence.date)
        rows.append(
            Meeting(
                group=group,
                translation_key=group.translation_key,
                date=occurrence.date,
                start=occurrence.start,
                end=occurrence.end,
                weekday=occurrence.date.weekday(),
                part_of_day=PartOfDay.of(occurrence.start_time),
                status=MeetingStatus.CANCELLED if cancellation else MeetingStatus.SCHEDULED,
                cancellation=cancellation,
            )
        )
    return rows


@transaction.atomic
def refresh_meetings(page, today=None):
    """Recompute the meeting rows of a group from its published schedule and its cancellations.

    ``page`` may be either language version; the rows belong to the Finnish source page. Rows
    before the window are left alone (they are history); rows inside it are replaced.
    """
    group = GroupPage.objects.get(pk=source_group(page).pk)
    start, end = meeting_window(today)
    Meeting.objects.filter(group=group, date__gte=start).delete()
    rows = planned_meetings(group, start, end)
    Meeting.objects.bulk_create(rows)
    meetings_changed()
    return rows


def meetings_changed():
    """Tell the finder that meeting times changed, so that its cached counts are not used."""
    from search.services import groups_changed

    groups_changed()


def refresh_all_meetings(today=None):
    """Recompute the meetings of every group (the nightly job). Returns how many groups were done."""
    groups = GroupPage.objects.filter(locale__language_code="fi").prefetch_related("schedule_rules", "extra_meetings")
    count = 0
    for group in groups.iterator(chunk_size=200):
        refresh_meetings(group, today=today)
        count += 1
    # Groups deleted or moved to another tree leave nothing behind: their rows cascade.
    return count


def upcoming_meetings(translation_key, now=None):
    """Meetings of a group (either language version) that have not ended yet, cancelled ones included."""
    now = now or timezone.now()
    return Meeting.objects.filter(translation_key=translation_key, end__gt=now).select_related("cancellation")


def with_next_meeting(queryset, now=None):
    """Annotate group pages with ``next_start`` and ``next_end``: their next meeting that takes place.

    One subquery per column, so a list of groups costs the same number of queries however long it is.
    """
    now = now or timezone.now()
    next_meetings = Meeting.objects.filter(
        translation_key=OuterRef("translation_key"), end__gt=now, status=MeetingStatus.SCHEDULED
    ).order_by("start")
    return queryset.annotate(
        next_start=Subquery(next_meetings.values("start")[:1]),
        next_end=Subquery(next_meetings.values("end")[:1]),
    )


def week_bounds(day=None):
    """Monday and Sunday of the week of ``day`` (today by default), Helsinki time."""
    day = day or timezone.localdate()
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def meets_between(start, end):
    """A filter for group pages that have a meeting taking place between two dates (inclusive)."""
    keys = Meeting.objects.filter(date__range=(start, end), status=MeetingStatus.SCHEDULED).values("translation_key")
    return Q(translation_key__in=keys)


def local_start(meeting):
    """The start of a meeting in Helsinki time."""
    return meeting.start.astimezone(HELSINKI)
