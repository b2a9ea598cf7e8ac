"""Group model rules: schedule validation, schedules in words, facts shared by both languages."""

import copy
import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from groups.importer import import_data
from groups.models import GroupPage, ScheduleRule, Venue
from groups.schedule import describe_rule, format_time

pytestmark = pytest.mark.django_db


def rule(**kwargs):
    values = {
        "frequency": "weekly",
        "weekday": 1,
        "start_time": datetime.time(9),
        "end_time": datetime.time(10, 30),
        "valid_from": datetime.date(2026, 8, 25),
    }
    values.update(kwargs)
    return ScheduleRule(**values)


@pytest.mark.parametrize(
    ("kwargs", "finnish", "swedish"),
    [
        ({}, "Tiistaisin klo 9–10.30", "Tisdagar kl. 9–10.30"),
        ({"frequency": "biweekly", "weekday": 3}, "Joka toinen torstai klo 9–10.30", "Varannan torsdag kl. 9–10.30"),
        (
            {
                "frequency": "monthly",
                "weekday": 0,
                "week_of_month": 2,
                "start_time": datetime.time(13),
                "end_time": datetime.time(14, 30),
            },
            "Joka kuukauden toinen maanantai klo 13–14.30",
            "Andra måndagen i månaden kl. 13–14.30",
        ),
        (
            {"frequency": "monthly", "weekday": 3, "week_of_month": -1},
            "Kuukauden viimeinen torstai klo 9–10.30",
            "Sista torsdagen i månaden kl. 9–10.30",
        ),
    ],
)
def test_rule_in_words(kwargs, finnish, swedish):
    today = datetime.date(2026, 11, 22)
    with translation.override("fi"):
        assert describe_rule(rule(**kwargs), today) == finnish
    with translation.override("sv"):
        assert describe_rule(rule(**kwargs), today) == swedish


def test_rule_in_words_mentions_the_end_and_a_later_start():
    today = datetime.date(2026, 11, 22)
    with translation.override("fi"):
        assert (
            describe_rule(rule(valid_until=datetime.date(2026, 12, 15)), today)
            == "Tiistaisin klo 9–10.30 (15.12.2026 asti)"
        )
        later = rule(valid_from=datetime.date(2027, 1, 12))
        assert describe_rule(later, today) == "Tiistaisin klo 9–10.30 (12.1.2027 alkaen)"


def test_time_format():
    assert format_time(datetime.time(9)) == "9"
    assert format_time(datetime.time(10, 5)) == "10.05"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"end_time": datetime.time(8)}, "end_time"),
        ({"valid_until": datetime.date(2026, 1, 1)}, "valid_until"),
        ({"frequency": "monthly"}, "week_of_month"),
        ({"week_of_month": 2}, "week_of_month"),
    ],
)
def test_invalid_rules_are_rejected(kwargs, field):
    with pytest.raises(ValidationError) as error:
        rule(**kwargs).clean()
    assert field in error.value.message_dict


def test_venue_needs_both_coordinates(imported_example):
    venue = Venue.objects.first()
    venue.latitude, venue.longitude = 63.8, None
    with pytest.raises(ValidationError):
        venue.full_clean()


def test_publishing_the_finnish_page_updates_the_swedish_facts(imported_example, fi, sv):
    changed = copy.deepcopy(imported_example)
    changed["groups"][0]["schedule"]["rules"][0]["start"] = "08:30"
    changed["groups"][0]["venue"] = "kaustinen-nuorisotila"
    del changed["groups"][0]["title"]["sv"]
    del changed["groups"][0]["summary"]["sv"]
    del changed["groups"][0]["description"]["sv"]
    import_data(changed)
    swedish = GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv)
    assert swedish.title == "Gemensam frukost"  # the translation is kept
    assert swedish.schedule_rules.get().start_time == datetime.time(8, 30)
    assert swedish.venue.identifier == "kaustinen-nuorisotila"


def test_swedish_draft_cannot_change_facts(imported_example, sv):
    swedish = GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv)
    swedish.status = "ended"
    swedish.title = "Gemensam frukost på tisdagar"
    swedish.save_revision().publish()
    swedish.refresh_from_db()
    assert swedish.title == "Gemensam frukost på tisdagar"
    assert swedish.status == "active"


def test_identifier_is_generated_and_unique(imported_example, fi):
    organisation = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi).get_parent()
    page = GroupPage(title="Yhteinen aamupala", summary="Toinen aamupala.", locale=fi)
    organisation.add_child(instance=page)
    assert page.identifier == "yhteinen-aamupala"
    clash = GroupPage(title="Kolmas", summary="x", identifier="aamupala-kokkola", locale=fi)
    with pytest.raises(ValidationError):
        organisation.add_child(instance=clash)
