"""Concrete meeting dates from a group's schedule: rules, single dates and cancellations.

Pure functions on plain values, so they are easy to test and to reason about. The ``Meeting``
rows that the site queries are written from these by ``groups.services.refresh_meetings``.
"""

import calendar
import datetime
import itertools
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")


def local_datetime(date, time):
    """``date`` at ``time`` on the wall clock in Helsinki, as an aware datetime.

    A wall time that does not exist (in the hour skipped when summer time starts, 03:00–04:00 on
    the last Sunday of March) is read with the offset before the gap, as RFC 5545 says: 03:30 is
    04:30 summer time. A time of the hour repeated in October is its first occurrence (summer
    time). The result is normalised (``fold`` and offset agree with the instant), so it converts
    to UTC and back unchanged.
    """
    value = datetime.datetime.combine(date, time, tzinfo=HELSINKI)
    return value.astimezone(datetime.UTC).astimezone(HELSINKI)


@dataclass(frozen=True)
class Occurrence:
    """One meeting on one date, before cancellations are applied."""

    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time

    @property
    def start(self):
        """The start as an aware datetime in Helsinki time (summer time handled by zoneinfo)."""
        return local_datetime(self.date, self.start_time)

    @property
    def end(self):
        """The end as an aware datetime in Helsinki time, always after the start.

        When the start falls in the hour skipped in spring and so moves an hour later, the end
        moves with it: a meeting keeps its length (03:30–04:30 becomes 04:30–05:30 that night)
        instead of shrinking to nothing.
        """
        start = self.start
        if start.time() != self.start_time:
            length = datetime.datetime.combine(self.date, self.end_time) - datetime.datetime.combine(
                self.date, self.start_time
            )
            return (start.astimezone(datetime.UTC) + length).astimezone(HELSINKI)
        return local_datetime(self.date, self.end_time)


@cache
def finnish_public_holidays(year):
    """Finnish public holidays of ``year`` (from the maintained ``holidays`` package)."""
    return frozenset(holidays.Finland(years=year))


def is_public_holiday(date):
    return date in finnish_public_holidays(date.year)


def nth_weekday_of_month(year, month, weekday, week_of_month):
    """The date of the 1st–4th (or, with -1, the last) ``weekday`` (0 = Monday) of a month."""
    days = [
        datetime.date(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if datetime.date(year, month, day).weekday() == weekday
    ]
    if week_of_month == -1:
        return days[-1]
    return days[week_of_month - 1] if week_of_month <= len(days) else None


def first_on_or_after(date, weekday):
    return date + datetime.timedelta(days=(weekday - date.weekday()) % 7)


def iter_rule_dates(rule, start):
    """Dates on or after ``start`` on which a recurring ``rule`` meets, soonest first.

    ``rule`` has ``frequency``, ``weekday``, ``week_of_month``, ``valid_from``, ``valid_until``
    and (optionally) ``skip_public_holidays``. Every-other-week rules count their weeks from the
    first meeting on or after ``valid_from``, so the weeks do not depend on the window asked
    for. Without ``valid_until`` the dates go on for ever: take what you need.
    """
    first = max(start, rule.valid_from)
    skip_holidays = getattr(rule, "skip_public_holidays", False)
    for day in _rule_calendar(rule, first):
        if rule.valid_until and day > rule.valid_until:
            return
        if skip_holidays and is_public_holiday(day):
            continue
        yield day


def _rule_calendar(rule, first):
    """Every date of the rule's pattern from ``first`` on, ignoring its end date and holidays."""
    if rule.frequency in {"weekly", "biweekly"}:
        step = datetime.timedelta(days=7 if rule.frequency == "weekly" else 14)
        anchor = first_on_or_after(rule.valid_from, rule.weekday)
        day = first_on_or_after(first, rule.weekday)
        if step.days == 14 and (day - anchor).days % 14:
            day += datetime.timedelta(days=7)
        while day <= datetime.date.max - step:
            yield day
            day += step
        return
    year, month = first.year, first.month
    while year <= datetime.MAXYEAR:
        day = nth_weekday_of_month(year, month, rule.weekday, rule.week_of_month)
        if day is not None and day >= first:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def rule_dates(rule, start, end):
    """Dates between ``start`` and ``end`` (inclusive) on which a recurring ``rule`` meets.

    Public holidays are left out when the rule has ``skip_public_holidays``.
    """
    return list(itertools.takewhile(lambda day: day <= end, iter_rule_dates(rule, start)))


def occurrences(rules, single_dates, start, end, *, coming_from=None, coming_at_least=0):
    """All meetings between ``start`` and ``end``, sorted, without duplicates.

    Rules with ``skip_public_holidays`` leave out Finnish public holidays; single dates are always
    kept (someone chose that very date).

    With ``coming_from`` (a date, usually today) the list also reaches past ``end`` where it
    must, so that a group whose next meeting lies beyond ``end`` still has one: each rule gives
    at least its first ``coming_at_least`` meetings on or after ``coming_from``, and every single
    date on or after ``coming_from`` is kept, however far ahead.
    """
    found = set()
    for rule in rules:
        for date in rule_dates(rule, start, end):
            found.add(Occurrence(date, rule.start_time, rule.end_time))
        if coming_from is not None and coming_at_least:
            for date in itertools.islice(iter_rule_dates(rule, coming_from), coming_at_least):
                found.add(Occurrence(date, rule.start_time, rule.end_time))
    for single in single_dates:
        if start <= single.date <= end or (coming_from is not None and single.date >= coming_from):
            found.add(Occurrence(single.date, single.start_time, single.end_time))
    return sorted(found, key=lambda o: (o.date, o.start_time, o.end_time))
