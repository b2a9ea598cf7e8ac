"""Schedules in words, in natural Finnish and Finland-Swedish, for every pattern a rule can have."""

import datetime

import pytest

from django.utils import translation

from groups.models import ScheduleRule
from groups.schedule import describe_rule, time_range

D = datetime.date
T = datetime.time
TODAY = D(2026, 11, 23)


def rule(**kwargs):
    values = {
        "frequency": "weekly",
        "weekday": 1,
        "start_time": T(9),
        "end_time": T(10, 30),
        "valid_from": D(2026, 8, 25),
    }
    values.update(kwargs)
    return ScheduleRule(**values)


def in_words(language, **kwargs):
    with translation.override(language):
        return describe_rule(rule(**kwargs), TODAY)


WEEKDAYS_FI = ["maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"]
WEEKDAYS_SV = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


@pytest.mark.parametrize(
    ("weekday", "finnish", "swedish"),
    [
        (0, "Maanantaisin klo 9–10.30", "Måndagar kl. 9–10.30"),
        (1, "Tiistaisin klo 9–10.30", "Tisdagar kl. 9–10.30"),
        (2, "Keskiviikkoisin klo 9–10.30", "Onsdagar kl. 9–10.30"),
        (3, "Torstaisin klo 9–10.30", "Torsdagar kl. 9–10.30"),
        (4, "Perjantaisin klo 9–10.30", "Fredagar kl. 9–10.30"),
        (5, "Lauantaisin klo 9–10.30", "Lördagar kl. 9–10.30"),
        (6, "Sunnuntaisin klo 9–10.30", "Söndagar kl. 9–10.30"),
    ],
)
def test_weekly_rule_in_words(weekday, finnish, swedish):
    assert in_words("fi", weekday=weekday) == finnish
    assert in_words("sv", weekday=weekday) == swedish


@pytest.mark.parametrize("weekday", range(7))
def test_every_other_week_in_words(weekday):
    assert in_words("fi", frequency="biweekly", weekday=weekday) == f"Joka toinen {WEEKDAYS_FI[weekday]} klo 9–10.30"
    assert in_words("sv", frequency="biweekly", weekday=weekday) == f"Varannan {WEEKDAYS_SV[weekday]} kl. 9–10.30"


@pytest.mark.parametrize(
    ("week_of_month", "weekday", "finnish", "swedish"),
    [
        (1, 1, "Joka kuukauden ensimmäinen tiistai klo 13–14.30", "Första tisdagen i månaden kl. 13–14.30"),
        (2, 0, "Joka kuukauden toinen maanantai klo 13–14.30", "Andra måndagen i månaden kl. 13–14.30"),
        (3, 2, "Joka kuukauden kolmas keskiviikko klo 13–14.30", "Tredje onsdagen i månaden kl. 13–14.30"),
        (4, 4, "Joka kuukauden neljäs perjantai klo 13–14.30", "Fjärde fredagen i månaden kl. 13–14.30"),
        (1, 5, "Joka kuukauden ensimmäinen lauantai klo 13–14.30", "Första lördagen i månaden kl. 13–14.30"),
        (2, 6, "Joka kuukauden toinen sunnuntai klo 13–14.30", "Andra söndagen i månaden kl. 13–14.30"),
        (-1, 3, "Kuukauden viimeinen torstai klo 13–14.30", "Sista torsdagen i månaden kl. 13–14.30"),
        (-1, 0, "Kuukauden viimeinen maanantai klo 13–14.30", "Sista måndagen i månaden kl. 13–14.30"),
        (-1, 6, "Kuukauden viimeinen sunnuntai klo 13–14.30", "Sista söndagen i månaden kl. 13–14.30"),
    ],
)
def test_monthly_rule_in_words(week_of_month, weekday, finnish, swedish):
    kwargs = {
        "frequency": "monthly",
        "week_of_month": week_of_month,
        "weekday": weekday,
        "start_time": T(13),
        "end_time": T(14, 30),
    }
    assert in_words("fi", **kwargs) == finnish
    assert in_words("sv", **kwargs) == swedish


def test_rule_that_skips_public_holidays_says_so():
    assert in_words("fi", weekday=3, skip_public_holidays=True) == "Torstaisin klo 9–10.30, ei juhlapyhinä"
    assert in_words("sv", weekday=3, skip_public_holidays=True) == "Torsdagar kl. 9–10.30, inte på helgdagar"


def test_rule_with_an_end_date_and_holidays_in_words():
    kwargs = {"frequency": "biweekly", "valid_until": D(2027, 5, 25), "skip_public_holidays": True}
    assert in_words("fi", **kwargs) == "Joka toinen tiistai klo 9–10.30 (25.5.2027 asti), ei juhlapyhinä"
    assert in_words("sv", **kwargs) == "Varannan tisdag kl. 9–10.30 (t.o.m. 25.5.2027), inte på helgdagar"


def test_rule_that_starts_later_gives_its_period():
    kwargs = {"valid_from": D(2027, 1, 12), "valid_until": D(2027, 4, 27), "start_time": T(13), "end_time": T(15)}
    assert in_words("fi", **kwargs) == "Tiistaisin klo 13–15 (12.1.2027–27.4.2027)"
    assert in_words("sv", **kwargs) == "Tisdagar kl. 13–15 (12.1.2027–27.4.2027)"
    assert in_words("sv", valid_from=D(2027, 1, 12)) == "Tisdagar kl. 9–10.30 (fr.o.m. 12.1.2027)"


@pytest.mark.parametrize(
    ("start", "end", "finnish", "swedish"),
    [
        (T(9), T(10, 30), "klo 9–10.30", "kl. 9–10.30"),
        (T(17, 30), T(19), "klo 17.30–19", "kl. 17.30–19"),
        (T(8, 5), T(9, 45), "klo 8.05–9.45", "kl. 8.05–9.45"),
    ],
)
def test_times_are_written_the_finnish_way(start, end, finnish, swedish):
    with translation.override("fi"):
        assert time_range(start, end) == finnish
    with translation.override("sv"):
        assert time_range(start, end) == swedish
