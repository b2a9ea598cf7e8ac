"""Concrete meeting dates from a group's schedule: rules, single dates and cancellations.

Pure functions on plain values, so they are easy to test and to reason about. The ``Meeting``
rows that the site queries are written from these by ``groups.services.refresh_meetings``.
"""

import calendar
import datetime
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass(frozen=True)
class Occurrence:
    """One meeting on one date, before cancellations are applied."""

    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time

    @property
    def start(self):
        """The start as an aware datetime in Helsinki time (summer time handled by zoneinfo)."""
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=HELSINKI)

    @property
    def end(self):
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=HELSINKI)


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


def rule_dates(rule, start, end):
    """Dates between ``start`` and ``end`` (inclusive) on which a recurring ``rule`` meets.

    ``rule`` has ``frequency``, ``weekday``, ``week_of_month``, ``valid_from`` and ``valid_until``.
    Every-other-week rules count their weeks from the first meeting on or after ``valid_from``.
    """
    first = max(start, rule.valid_from)
    last = min(end, rule.valid_until) if rule.valid_until else end
    if first > last:
        return []
    if rule.frequency in {"weekly", "biweekly"}:
        step = 7 if rule.frequency == "weekly" else 14
        anchor = first_on_or_after(rule.valid_from, rule.weekday)
        day = first_on_or_after(first, rule.weekday)
        if step == 14 and (day - anchor).days % 14:
            day += datetime.timedelta(days=7)
        dates = []
        while day <= last:
            dates.append(day)
            day += datetime.timedelta(days=step)
        return dates
    dates = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = nth_weekday_of_month(year, month, rule.weekday, rule.week_of_month)
        if day is not None and first <= day <= last:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def occurrences(rules, single_dates, start, end):
    """All meetings between ``start`` and ``end``, sorted, without duplicates.

    Rules with ``skip_public_holidays`` leave out Finnish public holidays; single dates are always
    kept (someone chose that very date).
    """
    found = set()
    for rule in rules:
        for date in rule_dates(rule, start, end):
            if getattr(rule, "skip_public_holidays", False) and is_public_holiday(date):
                continue
            found.add(Occurrence(date, rule.start_time, rule.end_time))
    for single in single_dates:
        if start <= single.date <= end:
            found.add(Occurrence(single.date, single.start_time, single.end_time))
    return sorted(found, key=lambda o: (o.date, o.start_time, o.end_time))
