"""Visitor counts per meeting: recording, correcting and importing them (see docs/reporting.md).

The dashboard's form, the ``import_attendance`` command, the demo seeder and the tests all call
these functions. A correction overwrites the numbers and writes the earlier ones to the group's
audit log, so the history of every count can be read in the group's history.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from .importer import ImportFailed
from .importer.report import Problem
from .models import MAX_VISITORS, Cancellation, GroupPage, MeetingVisit
from .recurrence import occurrences
from .services import source_group

RECORD_ACTION = "ryhmahaku.record_visits"
#: How far back the dashboard offers meetings to record.
RECENT_DAYS = 42


def validate_counts(visitors, first_timers):
    """Raise :class:`ValidationError` for counts that cannot be right."""
    errors = {}
    if visitors is None or visitors < 0 or visitors > MAX_VISITORS:
        errors["visitors"] = _("Give the number of visitors as a whole number from 0 to %(max)d.") % {
            "max": MAX_VISITORS
        }
    elif first_timers is not None and (first_timers < 0 or first_timers > visitors):
        errors["first_timers"] = _("First-time visitors cannot be more than all visitors.")
    if errors:
        raise ValidationError(errors)


def validate_date(date, today=None):
    today = today or timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("Visitors can be recorded only for a meeting that has already taken place.")})


@transaction.atomic
def record_visit(group, date, visitors, first_timers=None, *, user=None, today=None):
    """Record (or correct) how many came to ``group``'s meeting on ``date``; the change goes to the audit log."""
    group = source_group(group)
    validate_date(date, today)
    validate_counts(visitors, first_timers)
    visit = MeetingVisit.objects.select_for_update().filter(group=group, date=date).first()
    previous = (visit.visitors, visit.first_timers) if visit else None
    if visit and previous == (visitors, first_timers):
        return visit
    if visit is None:
        visit = MeetingVisit(group=group, date=date)
    visit.visitors, visit.first_timers, visit.recorded_by = visitors, first_timers, user
    visit.save()
    data = {"date": date.isoformat(), "visitors": visitors, "first_timers": first_timers}
    if previous:
        data.update(previous_visitors=previous[0], previous_first_timers=previous[1])
    log(instance=group, action=RECORD_ACTION, user=user, data=data)
    return visit


@dataclass
class RecentMeeting:
    """A meeting of the last weeks on the recording page, with its count if one is recorded."""

    date: datetime.date
    visit: MeetingVisit | None


def recent_meetings(group, today=None, days=RECENT_DAYS):
    """The group's meetings of the last ``days`` days (newest first) that were not cancelled, and
    every date with a recorded count in that time, each with its count."""
    group = source_group(group)
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=days)
    planned = {
        occurrence.date
        for occurrence in occurrences(group.schedule_rules.all(), group.extra_meetings.all(), start, today)
    }
    cancelled = set(
        Cancellation.objects.filter(group=group, withdrawn_at__isnull=True, date__range=(start, today)).values_list(
            "date", flat=True
        )
    )
    visits = {visit.date: visit for visit in MeetingVisit.objects.filter(group=group, date__range=(start, today))}
    dates = (planned - cancelled) | set(visits)
    return [RecentMeeting(date, visits.get(date)) for date in sorted(dates, reverse=True)]


# --- Import of historical counts ----------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


def _parse_date(value):
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    return None


def _parse_count(value):
    value = value.strip()
    return int(value) if value.isdigit() else None


def _groups_by_id():
    """Every Finnish group page by its identifier and by its page id (either may name it in the file)."""
    groups = {}
    for page in GroupPage.objects.filter(locale__language_code="fi").only("pk", "identifier", "title", "path"):
        groups[str(page.pk)] = page
        if page.identifier:
            groups[page.identifier] = page
    return groups


def read_attendance(text, today=None):
    """Check a CSV text of ``group id, date, count[, first-timers]`` rows: the rows, or every problem.

    A first row whose count is not a number is a heading. Commas or semicolons separate the
    columns. Raises :class:`ImportFailed` listing every problem (row number first), like the
    group import.
    """
    today = today or timezone.localdate()
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    groups = _groups_by_id()
    problems, records, seen = [], [], {}
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        where = _("row %(number)d") % {"number": number}
        if number == 1 and len(cells) >= 3 and _parse_count(cells[2]) is None:
            continue  # a heading
        if len(cells) not in (3, 4):
            problems.append(
                Problem(
                    where,
                    _("expected 3 or 4 columns (group id, date, count, first-timers), found %(count)d.")
                    % {"count": len(cells)},
                )
            )
            continue
        group = groups.get(cells[0])
        date = _parse_date(cells[1])
        visitors = _parse_count(cells[2])
        first_timers = _parse_count(cells[3]) if len(cells) == 4 and cells[3] else None
        if group is None:
            problems.append(Problem(where, _("no group has the id “%(id)s”.") % {"id": cells[0]}))
        if date is None:
            problems.append(
                Problem(where, _("“%(value)s” is not a date (use 2026-03-31 or 31.3.2026).") % {"value": cells[1]})
            )
        elif date > today:
            problems.append(Problem(where, _("the date %(date)s is in the future.") % {"date": cells[1]}))
        if visitors is None:
            problems.append(Problem(where, _("the count “%(value)s” is not a whole number.") % {"value": cells[2]}))
        if len(cells) == 4 and cells[3] and first_timers is None:
            problems.append(
                Problem(where, _("the number of first-timers “%(value)s” is not a whole number.") % {"value": cells[3]})
            )
        if visitors is not None:
            try:
                validate_counts(visitors, first_timers)
            except ValidationError as error:
                for messages in error.message_dict.values():
                    problems.extend(Problem(where, message) for message in messages)
        if group is not None and date is not None:
            key = (group.pk, date)
            if key in seen:
                problems.append(
                    Problem(where, _("the same group and date are already on row %(row)d.") % {"row": seen[key]})
                )
            seen[key] = number
        records.append((group, date, visitors, first_timers))
    if problems:
        raise ImportFailed(problems)
    if not records:
        raise ImportFailed([Problem("", _("The file has no rows of visitor counts."))])
    return records


@transaction.atomic
def import_attendance(text, *, user=None, today=None):
    """Import visitor counts from CSV text, all or nothing. Returns ``(created, updated, unchanged)``."""
    records = read_attendance(text, today)
    created = updated = unchanged = 0
    existing = {
        (visit.group_id, visit.date): visit
        for visit in MeetingVisit.objects.filter(group__in={group.pk for group, *_rest in records})
    }
    for group, date, visitors, first_timers in records:
        visit = existing.get((group.pk, date))
        if visit is None:
            created += 1
        elif (visit.visitors, visit.first_timers) == (visitors, first_timers):
            unchanged += 1
            continue
        else:
            updated += 1
        record_visit(group, date, visitors, first_timers, user=user, today=today)
    return created, updated, unchanged
