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


def test_meeting_in_the_hour_skipped_in_spring_keeps_its_length():
    # Summer time starts on Sunday 28.3.2027: the clocks go from 3.00 to 4.00, so 3.30 does not exist.
    night = Occurrence(D(2027, 3, 28), T(3, 30), T(4, 30))
    assert night.start.isoformat() == "2027-03-28T04:30:00+03:00"
    assert night.end.isoformat() == "2027-03-28T05:30:00+03:00"
    assert night.end.astimezone(datetime.UTC) - night.start.astimezone(datetime.UTC) == datetime.timedelta(hours=1)
    # A week earlier and later nothing moves.
    assert Occurrence(D(2027, 3, 21), T(3, 30), T(4, 30)).start.isoformat() == "2027-03-21T03:30:00+02:00"
    assert Occurrence(D(2027, 4, 4), T(3, 30), T(4, 30)).end.isoformat() == "2027-04-04T04:30:00+03:00"


def test_meeting_ending_in_the_skipped_hour_ends_after_it_starts():
    early = Occurrence(D(2027, 3, 28), T(2, 30), T(3, 30))
    assert early.start.isoformat() == "2027-03-28T02:30:00+02:00"
    assert early.end.isoformat() == "2027-03-28T04:30:00+03:00"
    assert early.end.astimezone(datetime.UTC) - early.start.astimezone(datetime.UTC) == datetime.timedelta(hours=1)


def test_meeting_in_the_hour_repeated_in_autumn_is_the_first_one_and_ends_after_it_starts():
    # Summer time ends on Sunday 31.10.2027: the clocks go from 4.00 back to 3.00.
    night = Occurrence(D(2027, 10, 31), T(3, 30), T(4, 30))
    assert night.start.isoformat() == "2027-10-31T03:30:00+03:00"
    assert night.end.isoformat() == "2027-10-31T04:30:00+02:00"
    assert night.end > night.start
    assert night.start.astimezone(datetime.UTC).isoformat() == "2027-10-31T00:30:00+00:00"
    assert night.end.astimezone(datetime.UTC).isoformat() == "2027-10-31T02:30:00+00:00"


def test_coming_meetings_reach_past_the_end_of_the_window():
    later = rule(weekday=3, valid_from=D(2027, 7, 1))  # Thursdays from July 2027
    window = (D(2026, 11, 16), D(2027, 6, 11))
    single = SimpleNamespace(date=D(2027, 8, 15), start_time=T(18), end_time=T(20))
    assert occurrences([later], [single], *window) == []
    found = occurrences([later], [single], *window, coming_from=D(2026, 11, 23), coming_at_least=3)
    assert [o.date for o in found] == [D(2027, 7, 1), D(2027, 7, 8), D(2027, 7, 15), D(2027, 8, 15)]


def test_coming_meetings_skip_holidays_and_stop_at_the_rules_end():
    thursdays = rule(weekday=3, valid_from=D(2027, 12, 1), valid_until=D(2027, 12, 31), skip_public_holidays=True)
    found = occurrences(
        [thursdays], [], D(2026, 11, 16), D(2027, 6, 11), coming_from=D(2026, 11, 23), coming_at_least=5
    )
    # Five Thursdays of December 2027 (none of them a holiday), all past the window.
    assert [o.date for o in found] == [
        D(2027, 12, 2),
        D(2027, 12, 9),
        D(2027, 12, 16),
        D(2027, 12, 23),
        D(2027, 12, 30),
    ]
    fridays = rule(weekday=4, valid_from=D(2027, 12, 20), valid_until=D(2028, 1, 10), skip_public_holidays=True)
    found = occurrences([fridays], [], D(2026, 11, 16), D(2027, 6, 11), coming_from=D(2026, 11, 23), coming_at_least=5)
    # Christmas Eve (24.12.2027) is a Friday and a public holiday; the rule ends on 10.1.2028.
    assert [o.date for o in found] == [D(2027, 12, 31), D(2028, 1, 7)]
