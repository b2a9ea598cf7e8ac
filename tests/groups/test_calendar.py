"""Calendar feeds (RFC 5545): parsed with ``ical``, a library independent of the ``icalendar`` that writes them."""

import datetime
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from ical.calendar_stream import IcsCalendarStream

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from groups.calendar import build_calendar, feed_meetings
from groups.importer import import_data
from groups.models import Cancellation, GroupPage, Meeting, ScheduleRule

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
D = datetime.date


def group(identifier, locale="fi"):
    return GroupPage.objects.get(identifier=identifier, locale__language_code=locale)


def feed_url(page):
    return page.url + ("kalenteri.ics" if page.locale.language_code == "fi" else "kalender.ics")


def parse(response):
    assert response.status_code == HTTPStatus.OK
    return IcsCalendarStream.calendar_from_ics(response.content.decode("utf-8"))


def occurrences(calendar):
    return sorted((event.dtstart, event.dtend, event.status.value) for event in calendar.events)


def expected_occurrences(page):
    return sorted(
        (meeting.start, meeting.end, "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
        for meeting in feed_meetings([page.translation_key])
    )


def test_feed_is_served_as_a_calendar_file_in_both_languages(client, imported_example):
    for page, name in ((group("aamupala-kokkola"), "kalenteri.ics"), (group("aamupala-kokkola", "sv"), "kalender.ics")):
        response = client.get(page.url + name)
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{page.slug}.ics"'


def test_feed_has_one_event_per_meeting_with_the_same_times_and_status(client, imported_example):
    breakfast = group("aamupala-kokkola")
    calendar = parse(client.get(feed_url(breakfast)))
    assert occurrences(calendar) == expected_occurrences(breakfast)
    assert len(calendar.events) == Meeting.objects.filter(translation_key=breakfast.translation_key).count() > 0


def test_cancelled_meeting_stays_in_the_feed_marked_cancelled_with_its_reason(client, imported_example):
    breakfast = group("aamupala-kokkola")
    events = {event.dtstart.date(): event for event in parse(client.get(feed_url(breakfast))).events}
    cancelled = events[D(2026, 12, 8)]
    assert cancelled.status.value == "CANCELLED"
    assert "Itsenäisyyspäivän viikko, ei aamupalaa." in cancelled.description
    assert cancelled.sequence == 1
    assert events[D(2026, 12, 1)].status.value == "CONFIRMED"
    swedish = {e.dtstart.date(): e for e in parse(client.get(feed_url(group("aamupala-kokkola", "sv")))).events}
    assert "Självständighetsveckan, ingen frukost." in swedish[D(2026, 12, 8)].description


def test_new_cancellation_reaches_the_feed_at_once(client, imported_example):
    breakfast = group("aamupala-kokkola")
    Cancellation.objects.create(group=breakfast, date=D(2026, 12, 1), reason_fi="Ohjaaja sairastui.")
    events = {event.dtstart.date(): event for event in parse(client.get(feed_url(breakfast))).events}
    assert events[D(2026, 12, 1)].status.value == "CANCELLED"
    assert "Ohjaaja sairastui." in events[D(2026, 12, 1)].description


def test_times_are_helsinki_time_across_the_start_of_summer_time(client, imported_example):
    singing = group("bandilaulu-kaustinen")  # every other Thursday at 17:00
    events = {event.dtstart.date(): event for event in parse(client.get(feed_url(singing))).events}
    # Summer time starts on Sunday 28.3.2027.
    before, after = events[D(2027, 3, 18)], events[D(2027, 4, 1)]
    assert before.dtstart.astimezone(HELSINKI).time() == after.dtstart.astimezone(HELSINKI).time() == datetime.time(17)
    assert before.dtstart.utcoffset() == datetime.timedelta(hours=2)
    assert after.dtstart.utcoffset() == datetime.timedelta(hours=3)
    assert before.dtstart.astimezone(datetime.UTC).hour == 15
    assert after.dtstart.astimezone(datetime.UTC).hour == 14
    assert occurrences(parse(client.get(feed_url(singing)))) == expected_occurrences(singing)


def test_feed_includes_the_helsinki_time_zone(client, imported_example):
    response = client.get(feed_url(group("aamupala-kokkola")))
    calendar = parse(response)
    assert [timezone.tz_id for timezone in calendar.timezones] == ["Europe/Helsinki"]
    assert "DTSTART;TZID=Europe/Helsinki:20261124T090000" in response.content.decode()


def test_uids_are_stable_between_requests_and_languages(client, imported_example):
    breakfast = group("aamupala-kokkola")
    first = [event.uid for event in parse(client.get(feed_url(breakfast))).events]
    second = [event.uid for event in parse(client.get(feed_url(breakfast))).events]
    swedish = [event.uid for event in parse(client.get(feed_url(group("aamupala-kokkola", "sv")))).events]
    assert first == second == swedish
    assert len(set(first)) == len(first)
    assert f"{breakfast.translation_key}-20261124T0900@ryhmahaku" in first


def test_unchanged_feed_is_not_sent_again(client, imported_example):
    url = feed_url(group("aamupala-kokkola"))
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == HTTPStatus.NOT_MODIFIED
    Cancellation.objects.create(group=group("aamupala-kokkola"), date=D(2026, 12, 1), reason_fi="Sairastuminen.")
    assert client.get(url, headers={"if-none-match": etag}).status_code == HTTPStatus.OK


def test_events_say_what_where_and_the_page_address(client, imported_example):
    breakfast = group("aamupala-kokkola")
    calendar = parse(client.get(feed_url(breakfast)))
    event = calendar.events[0]
    page_url = "http://testserver" + breakfast.url
    assert event.summary == "Yhteinen aamupala"
    assert event.url == page_url
    assert page_url in event.description
    assert breakfast.summary in event.description
    assert event.location == "Kokkolan seurakuntakeskus, Kappelisali, Kirkkokatu 1, 67100 Kokkola"
    assert calendar.name == ["Yhteinen aamupala"]
    assert calendar.prodid.startswith("-//Ryhmähaku")


def test_swedish_feed_is_in_swedish_and_marks_finnish_titles(client, imported_example):
    event = parse(client.get(feed_url(group("aamupala-kokkola", "sv")))).events[0]
    assert event.summary == "Gemensam frukost"
    assert event.location.endswith("67100 Karleby")
    untranslated = client.get(feed_url(group("bandilaulu-kaustinen", "sv"))).content.decode()
    assert "SUMMARY;LANGUAGE=fi:Laulua bändin kanssa" in untranslated


def test_online_group_feed_tells_how_to_join(client, imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.venue = None
    breakfast.is_online = True
    breakfast.online_instructions = "Linkki tulee Discordiin."
    breakfast.save_revision().publish()
    event = parse(client.get(feed_url(breakfast))).events[0]
    assert event.location == "Verkossa: Linkki tulee Discordiin."


def test_ended_group_has_an_empty_but_valid_feed(client, imported_example):
    calendar = parse(client.get(feed_url(group("verkkopelit"))))
    assert calendar.events == []


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_feed_is_only_read(imported_example, method):
    # With the CSRF check on, as in a browser: the answer is 405, not the CSRF failure's 403.
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for page in (group("aamupala-kokkola"), group("aamupala-kokkola", "sv")):
        response = getattr(client, method)(feed_url(page))
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
        assert response["Allow"] == "GET, HEAD"
        head = client.head(feed_url(page))
        assert head.status_code == HTTPStatus.OK
        assert head["Content-Type"] == "text/calendar; charset=utf-8"
        assert parse(client.get(feed_url(page))).events


@pytest.mark.parametrize("name", ["tuntematon.ics", "kalenteri.ics.ics", "kalenteri.ics/x.ics"])
def test_unknown_feed_address_is_not_found(client, imported_example, name):
    assert client.get(group("aamupala-kokkola").url + name).status_code == HTTPStatus.NOT_FOUND


def test_only_group_pages_and_the_finders_have_feeds(client, imported_example):
    assert client.get("/fi/tama-viikko/kalenteri.ics").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/fi/kalenteri.ics").status_code == HTTPStatus.NOT_FOUND
    # The finders offer their selection as a feed (tests/groups/test_selection_calendar.py).
    assert client.get("/fi/ryhmat/kalenteri.ics").status_code == HTTPStatus.OK


def test_draft_group_has_no_feed(client, imported_example):
    breakfast = group("aamupala-kokkola")
    url = feed_url(breakfast)
    breakfast.unpublish()
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_group_page_links_to_its_feed(client, soup, imported_example):
    for page, text in (
        (group("aamupala-kokkola"), "Lisää kalenteriin"),
        (group("aamupala-kokkola", "sv"), "Lägg till i kalendern"),
    ):
        html = soup(client.get(page.url))
        link = html.find("link", rel="alternate", type="text/calendar")
        assert link["href"] == "http://testserver" + feed_url(page)
        assert link["title"]
        visible = html.find("a", string=text)
        assert visible["href"] == link["href"]
        subscribe = html.find("a", href="webcal://testserver" + feed_url(page))
        assert subscribe is not None
        assert client.get(visible["href"]).status_code == HTTPStatus.OK


def test_feed_of_many_groups_costs_the_same_number_of_queries(
    imported_example, demo_data, django_assert_max_num_queries
):
    def build():
        request = RequestFactory().get("/fi/ryhmat/kalenteri.ics")
        groups = GroupPage.objects.live().filter(locale__language_code="fi")
        with CaptureQueriesContext(connection) as queries:
            calendar = build_calendar(groups, request, name="Ryhmät", language="fi")
        return calendar, len(queries)

    build()  # warm Wagtail's cache of site root paths, which page URLs use
    small, small_queries = build()
    import_data(demo_data)
    large, large_queries = build()
    assert len(large.walk("VEVENT")) > 5 * len(small.walk("VEVENT"))
    assert large_queries == small_queries
    with django_assert_max_num_queries(8):
        build()


def test_feed_of_a_selection_lists_every_groups_meetings(imported_example):
    request = RequestFactory().get("/sv/grupper/kalender.ics")
    groups = list(GroupPage.objects.live().filter(locale__language_code="sv"))
    text = build_calendar(groups, request, name="Grupper", language="sv").to_ical().decode()
    calendar = IcsCalendarStream.calendar_from_ics(text)
    keys = [page.translation_key for page in groups]
    assert sorted((e.dtstart, e.status.value) for e in calendar.events) == sorted(
        (m.start, "CANCELLED" if m.is_cancelled else "CONFIRMED") for m in feed_meetings(keys)
    )
    assert {e.summary for e in calendar.events} == {"Gemensam frukost", "Laulua bändin kanssa"}
    assert "X-WR-CALNAME:Grupper" in text


def test_changed_time_is_a_new_event_and_the_old_one_goes(client, imported_example):
    breakfast = group("aamupala-kokkola")
    rule = breakfast.schedule_rules.get()
    breakfast.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=rule.weekday,
            start_time=datetime.time(10),
            end_time=datetime.time(11),
            valid_from=rule.valid_from,
            valid_until=rule.valid_until,
        )
    ]
    breakfast.save_revision().publish()
    uids = {event.uid for event in parse(client.get(feed_url(breakfast))).events}
    assert f"{breakfast.translation_key}-20261124T1000@ryhmahaku" in uids
    assert f"{breakfast.translation_key}-20261124T0900@ryhmahaku" not in uids
