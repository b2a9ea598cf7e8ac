"""The check of issue 6 on the demo data: with one cancellation added, for weekly, every-other-week,
nth-weekday and last-weekday groups the page's first <time> is the right next meeting, the
cancelled date is skipped and its reason shown, and the calendar feed and JSON-LD agree.

The expected dates come from ``dateutil.rrule``, not from the site's own recurrence code.
"""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule
from ical.calendar_stream import IcsCalendarStream

from groups.models import Cancellation, GroupPage

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=HELSINKI)
SCHEMA = "https://schema.org/"

# Each group's rule as written in groups/demo/demo.json, as an independent rrule.
PATTERNS = {
    "weekly": ("aamupala-kokkola", {"freq": rrule.WEEKLY, "byweekday": rrule.TU}, (9, 0), "2025-08-26"),
    "every other week": (
        "laulua-bandin-kanssa-kaustinen",
        {"freq": rrule.WEEKLY, "interval": 2, "byweekday": rrule.TH},
        (17, 30),
        "2026-09-03",
    ),
    "second weekday of the month": (
        "omaishoitajien-olohuone-kokkola",
        {"freq": rrule.MONTHLY, "byweekday": rrule.WE(2)},
        (13, 0),
        "2026-09-09",
    ),
    "last weekday of the month": (
        "elokuvakerho-kokkola",
        {"freq": rrule.MONTHLY, "byweekday": rrule.TH(-1)},
        (17, 30),
        "2026-09-24",
    ),
}


@pytest.fixture
def demo(imported_demo):
    return imported_demo


def upcoming_starts(kwargs, time, first):
    start = datetime.datetime.combine(datetime.date.fromisoformat(first), datetime.time(*time), tzinfo=HELSINKI)
    rule = rrule.rrule(dtstart=start.replace(tzinfo=None), count=400, **kwargs)
    return [moment.replace(tzinfo=HELSINKI) for moment in rule if moment.replace(tzinfo=HELSINKI) > NOW][:6]


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_next_meeting_skips_a_new_cancellation_everywhere(client, soup, demo, pattern, language):
    identifier, kwargs, time, first = PATTERNS[pattern]
    finnish = GroupPage.objects.get(identifier=identifier, locale__language_code="fi")
    already_cancelled = set(Cancellation.objects.filter(group=finnish).values_list("date", flat=True))
    starts = [start for start in upcoming_starts(kwargs, time, first) if start.date() not in already_cancelled]
    cancelled, expected_next = starts[0], starts[1]
    Cancellation.objects.create(
        group=finnish, date=cancelled.date(), reason_fi="Ohjaaja on sairaana.", reason_sv="Ledaren är sjuk."
    )

    page = GroupPage.objects.get(identifier=identifier, locale__language_code=language)
    html = soup(client.get(page.url))

    times = html.find_all("time")
    assert datetime.datetime.fromisoformat(times[0]["datetime"]) == expected_next
    assert times[0].find_parent(class_="next-meeting") is not None
    notice = html.select_one(".cancellations").get_text(" ", strip=True)
    assert ("Ohjaaja on sairaana." if language == "fi" else "Ledaren är sjuk.") in notice
    # Only meetings that take place are <time> elements; the cancelled one is in the notice.
    assert cancelled not in [datetime.datetime.fromisoformat(t["datetime"]) for t in times]
    notice_starts = [item["data-start"] for item in html.select(".cancellations [data-start]")]
    assert cancelled.isoformat(timespec="minutes") in notice_starts

    feed_name = "kalenteri.ics" if language == "fi" else "kalender.ics"
    feed = IcsCalendarStream.calendar_from_ics(client.get(page.url + feed_name).content.decode())
    events = {event.dtstart: event for event in feed.events}
    assert events[cancelled].status.value == "CANCELLED"
    assert events[expected_next].status.value == "CONFIRMED"
    confirmed = sorted(start for start, event in events.items() if start > NOW and event.status.value == "CONFIRMED")
    assert confirmed[0] == expected_next

    data = json.loads(html.find("script", type="application/ld+json").string)
    statuses = {datetime.datetime.fromisoformat(e["startDate"]): e["eventStatus"] for e in data["subEvent"]}
    assert statuses[cancelled] == SCHEMA + "EventCancelled"
    assert statuses[expected_next] == SCHEMA + "EventScheduled"
    scheduled = sorted(start for start, status in statuses.items() if status == SCHEMA + "EventScheduled")
    assert scheduled[0] == expected_next


FAR_SCHEDULES = {
    # Only a single date, eight months ahead (past the 200 days that every meeting is kept for).
    "single date": ([], [("2027-08-15", (18, 0), (20, 0))], "2027-08-15T18:00+03:00", "su 15.8.2027 klo 18–20"),
    # A new term's weekly rule starting eight months ahead.
    "rule starting later": (
        [("2027-07-20", (9, 0), (10, 30))],
        [],
        "2027-07-20T09:00+03:00",
        "ti 20.7.2027 klo 9–10.30",
    ),
}


@pytest.mark.parametrize("schedule", sorted(FAR_SCHEDULES))
def test_a_next_meeting_past_the_horizon_is_shown_everywhere(client, soup, demo, schedule):
    from groups.models import ExtraMeeting, ScheduleRule

    rules, singles, expected, words = FAR_SCHEDULES[schedule]
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    breakfast.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=datetime.date.fromisoformat(first).weekday(),
            start_time=datetime.time(*start),
            end_time=datetime.time(*end),
            valid_from=datetime.date.fromisoformat(first),
        )
        for first, start, end in rules
    ]
    breakfast.extra_meetings = [
        ExtraMeeting(
            date=datetime.date.fromisoformat(day), start_time=datetime.time(*start), end_time=datetime.time(*end)
        )
        for day, start, end in singles
    ]
    breakfast.save_revision().publish()
    expected_start = datetime.datetime.fromisoformat(expected)

    html = soup(client.get(breakfast.url))
    when = html.find("section", attrs={"aria-labelledby": "when-heading"}).get_text(" ", strip=True)
    assert "Tulevia kokoontumisia ei ole vielä ilmoitettu" not in when
    first = html.find("time")
    assert (first["datetime"], first.get_text(strip=True)) == (expected, words)
    assert first.find_parent(class_="next-meeting") is not None

    feed = IcsCalendarStream.calendar_from_ics(client.get(breakfast.url + "kalenteri.ics").content.decode())
    confirmed = sorted(e.dtstart for e in feed.events if e.dtstart > NOW and e.status.value == "CONFIRMED")
    assert confirmed[0] == expected_start
    assert confirmed == [datetime.datetime.fromisoformat(t["datetime"]) for t in html.find_all("time")]

    data = json.loads(html.find("script", type="application/ld+json").string)
    assert sorted(datetime.datetime.fromisoformat(e["startDate"]) for e in data["subEvent"]) == confirmed

    card = soup(client.get("/fi/ryhmat/?q=aamupala")).select_one("section.results article")
    assert datetime.datetime.fromisoformat(card.find("time")["datetime"]) == expected_start
