"""Domain operations on groups that the admin, the importer, commands and tests all call."""

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from core.signals import groups_changed

from .models import Cancellation, GroupPage, Meeting, MeetingStatus, PartOfDay, Status
from .recurrence import HELSINKI, occurrences

# How far ahead every meeting is kept as a row. Finder filters ("this week", weekday), the week
# programme and calendar feeds are complete this far; the nightly refresh moves the window along.
HORIZON_DAYS = 200
# Besides, each rule keeps at least its next few meetings as rows, and every coming single date is
# kept, however far ahead, so that a group whose next meeting lies past the horizon (a new term
# starting in eight months) still shows it on its page, in the finder, in feeds and in JSON-LD.
# Five is what a group page lists. See docs/meetings.md for the cost of a longer horizon instead.
COMING_MEETINGS_KEPT = 5
# Meetings of the past few days stay so that "this week" can show the whole week.
KEEP_PAST_DAYS = 7


def meeting_window(today=None):
    """The first and last date for which meeting rows are kept."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=KEEP_PAST_DAYS), today + datetime.timedelta(days=HORIZON_DAYS)


def source_group(page):
    """The Finnish (source) version of a group page: it owns the schedule, the meetings and the
    cancellations, which show on both language versions."""
    page = getattr(page, "specific", page)
    source = page.get_source_page() if hasattr(page, "get_source_page") else None
    return source or page


def planned_meetings(group, start, end, today=None):
    """The meetings of ``group`` between ``start`` and ``end`` as unsaved :class:`Meeting` rows.

    With ``today``, also the next :data:`COMING_MEETINGS_KEPT` meetings of each rule and every
    single date from ``today`` on, even past ``end``. Ended and paused groups, and groups that
    are not live, have no meetings. Cancelled dates give rows with the status "cancelled", so
    that a page and a calendar can say so.
    """
    if not group.live or group.status != Status.ACTIVE:
        return []
    cancellations = {
        c.date: c for c in Cancellation.objects.filter(group=group, withdrawn_at__isnull=True, date__gte=start)
    }
    rows = []
    planned = occurrences(
        group.schedule_rules.all(),
        group.extra_meetings.all(),
        start,
        end,
        coming_from=today,
        coming_at_least=COMING_MEETINGS_KEPT if today else 0,
    )
    for occurrence in planned:
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


def _instant(value):
    """An aware datetime as UTC, to compare and look up meetings by.

    Python never finds a Helsinki time of the hour repeated in October (or one that was made in
    the hour skipped in March) equal to the same instant in another time zone, and the database
    gives UTC: comparing the two directly would take every such meeting for a new one.
    """
    return value.astimezone(datetime.UTC)


def _meeting_state(meeting):
    """What a calendar subscriber would notice changing in a meeting (besides its start)."""
    return (_instant(meeting.end), meeting.status, meeting.cancellation_id)


@transaction.atomic
def refresh_meetings(page, today=None):
    """Recompute the meeting rows of a group from its published schedule and its cancellations.

    ``page`` may be either language version; the rows belong to the Finnish source page. Rows
    before the window are left alone (they are history). From the window's start on (including
    the next few meetings past its end, see :data:`COMING_MEETINGS_KEPT`), a row whose meeting still
    takes place at the same start is kept; if its end, status or cancellation changed it is
    updated and its ``sequence`` goes up (calendar clients use it to take the new version), and
    rows of meetings that no longer exist are removed. Returns the group's rows from the window's start on.
    """
    group = GroupPage.objects.get(pk=source_group(page).pk)
    today = today or timezone.localdate()
    start, end = meeting_window(today)
    existing = {_instant(meeting.start): meeting for meeting in Meeting.objects.filter(group=group, date__gte=start)}
    now = timezone.now()
    rows, new, changed = [], [], []
    for planned in planned_meetings(group, start, end, today=today):
        meeting = existing.pop(_instant(planned.start), None)
        if meeting is None:
            planned.modified_at = now
            new.append(planned)
            rows.append(planned)
            continue
        if _meeting_state(meeting) != _meeting_state(planned):
            meeting.end = planned.end
            meeting.status = planned.status
            meeting.cancellation = planned.cancellation
            meeting.sequence += 1
            meeting.modified_at = now
            changed.append(meeting)
        rows.append(meeting)
    if existing:
        Meeting.objects.filter(pk__in=[meeting.pk for meeting in existing.values()]).delete()
    Meeting.objects.bulk_create(new)
    Meeting.objects.bulk_update(changed, ["end", "status", "cancellation", "sequence", "modified_at"])
    if existing or new or changed:
        meetings_changed()
    return rows


def meetings_changed():
    """Tell the finder that meetings changed, so that its cached counts and feeds are not used."""
    groups_changed.send(sender=Meeting)


def cancellation_changed(cancellation, created=False):
    """A cancellation was made, edited or withdrawn: bring its group's meetings up to date at once.

    Editing only the reason of an active cancellation changes no meeting row, but a calendar
    shows the reason, so its meeting still counts as changed (and cached feeds are not used).
    """
    refresh_meetings(cancellation.group)
    if not created and cancellation.withdrawn_at is None:
        updated = Meeting.objects.filter(cancellation=cancellation).update(
            sequence=F("sequence") + 1, modified_at=timezone.now()
        )
        if updated:
            meetings_changed()


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


WEEK_PATTERN = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_week(value):
    """The Monday of an ISO week written like ``2026-W49``, or None when ``value`` is not one."""
    match = WEEK_PATTERN.match(value or "")
    if match is None:
        return None
    try:
        return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def iso_week(day):
    """``2026-W49``: the ISO week of ``day`` as used in addresses."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def programme_weeks(today=None):
    """The Mondays of the first and the last week the week programme can show.

    From this week on, as far ahead as meeting rows are kept; earlier weeks are history that the
    nightly refresh no longer keeps complete.
    """
    today = today or timezone.localdate()
    first, _sunday = week_bounds(today)
    last, _sunday = week_bounds(today + datetime.timedelta(days=HORIZON_DAYS))
    return first, last


@dataclass
class ProgrammeEntry:
    """One meeting in the week programme, with the group page of the reader's language."""

    meeting: Meeting
    group: GroupPage
    # "fi" when a Swedish reader sees the Finnish title of an untranslated group, else None.
    title_language: str | None


@dataclass
class ProgrammeDay:
    date: datetime.date
    entries: list


def week_programme(locale, monday, municipality=None):
    """Every meeting of the week that starts on ``monday``, by day, for the groups of ``locale``'s tree.

    Cancelled meetings are included (the programme says so). Only live, public group pages are
    listed; ``municipality`` (a code) keeps the groups whose venue is there. A fixed number of
    queries however many groups and meetings there are.
    """
    from wagtail.models import Locale

    sunday = monday + datetime.timedelta(days=6)
    meetings = Meeting.objects.filter(date__range=(monday, sunday))
    groups = {
        group.translation_key: group
        for group in GroupPage.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=meetings.values("translation_key"))
        .filter(**({"venue__municipality__code": municipality} if municipality else {}))
        .select_related("venue__municipality")
    }
    source_locale = Locale.get_default()
    days = [ProgrammeDay(monday + datetime.timedelta(days=offset), []) for offset in range(7)]
    for meeting in meetings.select_related("cancellation"):
        group = groups.get(meeting.translation_key)
        if group is None:
            continue
        untranslated = (bool(group.alias_of_id) or group.awaiting_translation) and group.locale_id != source_locale.pk
        days[(meeting.date - monday).days].entries.append(
            ProgrammeEntry(meeting, group, source_locale.language_code if untranslated else None)
        )
    for day in days:
        day.entries.sort(key=lambda entry: (entry.meeting.start, entry.group.title.casefold()))
    return days


def local_start(meeting):
    """The start of a meeting in Helsinki time."""
    return meeting.start.astimezone(HELSINKI)


def organisation_groups(organisation):
    """``organisation``'s groups that the public can see, ended ones excluded."""
    return with_next_meeting(
        GroupPage.objects.child_of(organisation)
        .live()
        .public()
        .exclude(status=Status.ENDED)
        .select_related("venue__municipality")
        .prefetch_related("languages")
        .order_by("title")
    )


def co_run_groups(organisation):
    """Other organisations' groups that ``organisation`` runs with them (it is their partner), ended ones excluded.

    Partner links of both language trees point at the Finnish organisation page, so they are
    matched by the organisation's ``translation_key``; the groups are those of this page's tree.
    """
    return with_next_meeting(
        GroupPage.objects.live()
        .public()
        .filter(
            locale_id=organisation.locale_id, partner_links__organisation__translation_key=organisation.translation_key
        )
        .exclude(path__startswith=organisation.path)
        .exclude(status=Status.ENDED)
        .select_related("venue__municipality")
        .prefetch_related("languages")
        .distinct()
        .order_by("title")
    )
