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

from groups.importer import import_data
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
def demo(db, demo_data):
    import_data(demo_data)
    return demo_data


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
