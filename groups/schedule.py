"""Schedules in words: "Tiistaisin klo 9–10.30", "Andra måndagen i månaden kl. 13–14.30".

The grammar differs between Finnish and Swedish (Finnish says "tiistaisin", Swedish "tisdagar";
Swedish puts the weekday of a monthly meeting in the definite form), so every form is its own
translatable string, with a context that tells translators where it is used.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Frequency


def weekly_phrase(weekday):
    return [
        pgettext("every week on", "Mondays"),
        pgettext("every week on", "Tuesdays"),
        pgettext("every week on", "Wednesdays"),
        pgettext("every week on", "Thursdays"),
        pgettext("every week on", "Fridays"),
        pgettext("every week on", "Saturdays"),
        pgettext("every week on", "Sundays"),
    ][weekday]


def biweekly_phrase(weekday):
    return [
        pgettext("every other week", "Every other Monday"),
        pgettext("every other week", "Every other Tuesday"),
        pgettext("every other week", "Every other Wednesday"),
        pgettext("every other week", "Every other Thursday"),
        pgettext("every other week", "Every other Friday"),
        pgettext("every other week", "Every other Saturday"),
        pgettext("every other week", "Every other Sunday"),
    ][weekday]


def monthly_phrase(weekday, week_of_month):
    """ "Joka kuukauden toinen maanantai" / "Andra måndagen i månaden"; the last one has its own phrase."""
    weekday_name = [
        pgettext("weekday of the month", "Monday"),
        pgettext("weekday of the month", "Tuesday"),
        pgettext("weekday of the month", "Wednesday"),
        pgettext("weekday of the month", "Thursday"),
        pgettext("weekday of the month", "Friday"),
        pgettext("weekday of the month", "Saturday"),
        pgettext("weekday of the month", "Sunday"),
    ][weekday]
    if week_of_month == -1:
        # Finnish says "Kuukauden viimeinen torstai", not "Joka kuukauden viimeinen": its own string.
        return capfirst(_("The last %(weekday)s of the month") % {"weekday": weekday_name})
    ordinal = {
        1: pgettext("week of the month", "first"),
        2: pgettext("week of the month", "second"),
        3: pgettext("week of the month", "third"),
        4: pgettext("week of the month", "fourth"),
    }[week_of_month]
    return capfirst(_("Every %(ordinal)s %(weekday)s of the month") % {"ordinal": ordinal, "weekday": weekday_name})


def format_time(value):
    """9:00 → "9", 10:30 → "10.30" (the Finnish and Finland-Swedish way of writing times)."""
    return f"{value.hour}.{value.minute:02d}" if value.minute else f"{value.hour}"


def time_range(start, end):
    return _("at %(start)s–%(end)s") % {"start": format_time(start), "end": format_time(end)}


def short_date(value):
    return date_format(value, "j.n.Y")


def describe_rule(rule, today=None):
    """A recurring rule in words, with its dates when they matter to a reader.

    "Tiistaisin klo 9–10.30", "Joka toinen torstai klo 17.30–19 (26.5.2027 asti)",
    "Kuukauden viimeinen torstai klo 17.30–19.30, ei juhlapyhinä".
    """
    if rule.frequency == Frequency.WEEKLY:
        days = weekly_phrase(rule.weekday)
    elif rule.frequency == Frequency.BIWEEKLY:
        days = biweekly_phrase(rule.weekday)
    else:
        days = monthly_phrase(rule.weekday, rule.week_of_month)
    text = f"{days} {time_range(rule.start_time, rule.end_time)}"
    starts_later = today is not None and rule.valid_from > today
    if rule.valid_until and starts_later:
        period = _("%(start)s–%(end)s") % {"start": short_date(rule.valid_from), "end": short_date(rule.valid_until)}
    elif rule.valid_until:
        period = _("until %(date)s") % {"date": short_date(rule.valid_until)}
    elif starts_later:
        period = _("from %(date)s") % {"date": short_date(rule.valid_from)}
    else:
        period = None
    if period:
        text = f"{text} ({period})"
    if getattr(rule, "skip_public_holidays", False):
        holidays = pgettext("schedule", "not on public holidays")
        text = f"{text}, {holidays}"
    return text


@dataclass(frozen=True)
class SingleDate:
    """A single date as the schedule lists it: its text, and whether a cancellation covers it.

    Prints as its text, so a template can show it like a plain string.
    """

    text: str
    cancelled: bool = False

    def __str__(self):
        return self.text


def describe_single(meeting):
    """A single date in words: "ke 17.12.2026 klo 13–15"."""
    return f"{date_format(meeting.date, 'D j.n.Y')} {time_range(meeting.start_time, meeting.end_time)}"


def describe_meeting(meeting):
    """A :class:`~groups.models.Meeting` in words, in Helsinki time: "ti 1.12.2026 klo 9–10.30"."""
    start, end = meeting.local_start, meeting.local_end
    return f"{date_format(start.date(), 'D j.n.Y')} {time_range(start.time(), end.time())}"
