"""Meeting dates from schedule rules: weekly, every other week, nth and last weekday, holidays."""

import datetime
from types import SimpleNamespace

from groups.recurrence import HELSINKI, Occurrence, nth_weekday_of_month, occurrences, rule_dates

D = datetime.date
T = datetime.time


def rule(**kwargs):
    values = {
        "frequency": "weekly",
        "weekday": 1,
        "week_of_month": None,
        "start_time": T(9),
        "end_time": T(10, 30),
        "valid_from": D(2026, 8, 25),
        "valid_until": None,
        "skip_public_holidays": False,
    }
    values.update(kwargs)
    return SimpleNamespace(**values)


def test_weekly_rule_meets_every_week_from_its_start():
    dates = rule_dates(rule(), D(2026, 11, 22), D(2026, 12, 15))
    assert dates == [D(2026, 11, 24), D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 15)]


def test_rule_stops_at_its_end_date():
    assert rule_dates(rule(valid_until=D(2026, 12, 1)), D(2026, 11, 22), D(2027, 1, 31)) == [
        D(2026, 11, 24),
        D(2026, 12, 1),
    ]


def test_rule_that_has_not_started_has_no_dates_before_its_start():
    assert rule_dates(rule(valid_from=D(2027, 1, 12)), D(2026, 11, 22), D(2027, 1, 20)) == [
        D(2027, 1, 12),
        D(2027, 1, 19),
    ]


def test_biweekly_rule_counts_weeks_from_its_first_meeting():
    biweekly = rule(frequency="biweekly", weekday=3, valid_from=D(2026, 9, 3))
    # 3.9. is a Thursday: then 17.9., 1.10., ... 12.11., 26.11.
    assert rule_dates(biweekly, D(2026, 11, 22), D(2026, 12, 31)) == [D(2026, 11, 26), D(2026, 12, 10), D(2026, 12, 24)]


def test_biweekly_rule_starting_midweek_anchors_on_its_first_weekday():
    biweekly = rule(frequency="biweekly", weekday=0, valid_from=D(2026, 9, 2))  # a Wednesday
    assert rule_dates(biweekly, D(2026, 9, 1), D(2026, 9, 30)) == [D(2026, 9, 7), D(2026, 9, 21)]


def test_nth_and_last_weekday_of_month():
    assert nth_weekday_of_month(2026, 12, 1, 1) == D(2026, 12, 1)
    assert nth_weekday_of_month(2026, 12, 0, 2) == D(2026, 12, 14)
    assert nth_weekday_of_month(2026, 12, 3, -1) == D(2026, 12, 31)
    assert nth_weekday_of_month(2027, 2, 6, 4) == D(2027, 2, 28)


def test_monthly_rules():
    first_tuesday = rule(frequency="monthly", week_of_month=1, valid_from=D(2026, 9, 1))
    assert rule_dates(first_tuesday, D(2026, 11, 22), D(2027, 2, 28)) == [D(2026, 12, 1), D(2027, 1, 5), D(2027, 2, 2)]
    last_thursday = rule(frequency="monthly", weekday=3, week_of_month=-1, valid_from=D(2026, 9, 1))
    assert rule_dates(last_thursday, D(2026, 11, 22), D(2027, 1, 31)) == [
        D(2026, 11, 26),
        D(2026, 12, 31),
        D(2027, 1, 28),
    ]


def test_public_holidays_are_skipped_only_when_asked():
    christmas_thursday = rule(weekday=3, valid_from=D(2026, 12, 1))
    window = (D(2026, 12, 20), D(2026, 12, 31))
    assert [o.date for o in occurrences([christmas_thursday], [], *window)] == [D(2026, 12, 24), D(2026, 12, 31)]
    christmas_thursday.skip_public_holidays = True
    assert [o.date for o in occurrences([christmas_thursday], [], *window)] == [D(2026, 12, 31)]


def test_single_dates_join_the_rules_without_duplicates():
    single = SimpleNamespace(date=D(2026, 11, 24), start_time=T(9), end_time=T(10, 30))
    extra = SimpleNamespace(date=D(2026, 11, 27), start_time=T(13), end_time=T(15))
    result = occurrences([rule()], [single, extra], D(2026, 11, 22), D(2026, 11, 30))
    assert result == [Occurrence(D(2026, 11, 24), T(9), T(10, 30)), Occurrence(D(2026, 11, 27), T(13), T(15))]


def test_times_are_helsinki_time_across_summer_time():
    winter = Occurrence(D(2027, 3, 23), T(9), T(10))
    summer = Occurrence(D(2027, 3, 30), T(9), T(10))
    assert winter.start.utcoffset() == datetime.timedelta(hours=2)
    assert summer.start.utcoffset() == datetime.timedelta(hours=3)
    assert summer.start.tzinfo == HELSINKI
