"""The finder's selection as a calendar feed (``/fi/ryhmat/kalenteri.ics?…``), parsed with ``ical``.

``ical`` is independent of the ``icalendar`` library that writes the feeds. The expected events
are read straight from the ``Meeting`` rows of the groups the finder page lists for the same
address, so the feed is checked against what the page shows.
"""

import datetime
from http import HTTPStatus

import pytest
from ical.calendar_stream import IcsCalendarStream

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from groups.models import Cancellation, GroupPage, Meeting
from search import calendar as selection_calendar

pytestmark = pytest.mark.django_db

D = datetime.date
FINNISH, SWEDISH = "/fi/ryhmat/kalenteri.ics", "/sv/grupper/kalender.ics"


def feed(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def parse(response):
    return IcsCalendarStream.calendar_from_ics(response.content.decode("utf-8"))


def events(calendar):
    return sorted((event.dtstart, event.dtend, event.status.value, event.summary) for event in calendar.events)


def finder_titles(client, soup, url):
    """The titles the finder page lists for ``url`` (every result page)."""
    html = soup(client.get(url))
    return {link.get_text(strip=True) for link in html.select("section.results article h3 a")}


# The tests run on Monday 23.11.2026 (tests/conftest.py): a selection's feed has the meetings of
# the past week and the next two months.
FIRST_DAY, LAST_DAY = D(2026, 11, 16), D(2027, 1, 23)


def expected_events(titles, language):
    """Every meeting of the groups with these titles (in ``language``'s tree) in the feed's window."""
    groups = {page.translation_key: page for page in GroupPage.objects.filter(locale__language_code=language)}
    chosen = {key: page for key, page in groups.items() if page.title in titles}
    meetings = Meeting.objects.filter(translation_key__in=chosen, date__range=(FIRST_DAY, LAST_DAY))
    return sorted(
        (m.start, m.end, "CANCELLED" if m.is_cancelled else "CONFIRMED", chosen[m.translation_key].title)
        for m in meetings
    )


@pytest.mark.parametrize(
    ("finder", "query_string"),
    [
        ("/fi/ryhmat/", ""),
        ("/fi/ryhmat/", "municipality=kokkola"),
        ("/fi/ryhmat/", "weekday=thu"),
        ("/fi/ryhmat/", "q=laulu"),
        ("/fi/ryhmat/", "municipality=kokkola&municipality=kaustinen&free=1"),
        ("/sv/grupper/", ""),
        ("/sv/grupper/", "q=frukost"),
    ],
)
def test_feed_has_the_meetings_of_the_groups_the_finder_lists(client, soup, imported_example, finder, query_string):
    titles = finder_titles(client, soup, f"{finder}?{query_string}")
    assert titles
    name = "kalenteri.ics" if finder.startswith("/fi/") else "kalender.ics"
    calendar = parse(feed(client, f"{finder}{name}?{query_string}"))
    found = events(calendar)
    assert found == expected_events(titles, finder[1:3])
    assert {summary for *_times, summary in found} <= titles
    assert all(start < end for start, end, *_rest in found)


def test_feed_covers_the_past_week_and_the_next_two_months(client, imported_example):
    singing = GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale__language_code="fi")
    dates = sorted(event.dtstart.date() for event in parse(feed(client, FINNISH + "?q=laulu")).events)
    # Every other Thursday: 12.11.2026 is before the window, 4.2.2027 after it.
    assert dates == [D(2026, 11, 26), D(2026, 12, 10), D(2026, 12, 24), D(2027, 1, 7), D(2027, 1, 21)]
    # The group's own feed goes on as far as meetings are kept.
    own = parse(feed(client, singing.url + "kalenteri.ics"))
    assert max(event.dtstart.date() for event in own.events) > D(2027, 5, 1)


def test_filters_narrow_the_feed(client, imported_example):
    kokkola = parse(feed(client, FINNISH + "?municipality=kokkola"))
    assert {event.summary for event in kokkola.events} == {"Yhteinen aamupala"}
    thursdays = parse(feed(client, FINNISH + "?weekday=thu"))
    assert {event.summary for event in thursdays.events} == {"Laulua bändin kanssa"}
    assert {event.dtstart.weekday() for event in thursdays.events} == {3}
    nothing = parse(feed(client, FINNISH + "?q=laulu&municipality=kokkola"))
    assert nothing.events == []


def test_feed_is_named_after_the_selection_in_the_readers_language(client, imported_example):
    response = feed(client, FINNISH + "?municipality=kaustinen&weekday=thu")
    assert response["Content-Disposition"] == 'attachment; filename="ryhmat-kaustinen-torstai.ics"'
    assert parse(response).name == ["Ryhmät: Kaustinen, Torstai"]
    swedish = feed(client, SWEDISH)
    assert swedish["Content-Disposition"] == 'attachment; filename="grupper.ics"'
    assert parse(swedish).name == ["Grupper"]
    assert "SUMMARY;LANGUAGE=sv:Gemensam frukost" in swedish.content.decode()


def test_cancelled_meeting_is_in_the_feed_marked_cancelled(client, imported_example):
    calendar = parse(feed(client, FINNISH + "?municipality=kokkola"))
    cancelled = {event.dtstart.date(): event for event in calendar.events}[D(2026, 12, 8)]
    assert cancelled.status.value == "CANCELLED"
    assert "Itsenäisyyspäivän viikko, ei aamupalaa." in cancelled.description


def test_a_new_cancellation_and_a_changed_reason_reach_the_feed_at_once(client, imported_example):
    url = FINNISH + "?municipality=kokkola"
    assert parse(feed(client, url))  # now cached
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    cancellation = Cancellation.objects.create(group=breakfast, date=D(2026, 12, 1), reason_fi="Ohjaaja sairastui.")
    events_by_date = {event.dtstart.date(): event for event in parse(feed(client, url)).events}
    assert events_by_date[D(2026, 12, 1)].status.value == "CANCELLED"
    assert "Ohjaaja sairastui." in events_by_date[D(2026, 12, 1)].description
    cancellation.reason_fi = "Ohjaaja sairastui, uusi aika tulee myöhemmin."
    cancellation.save()
    events_by_date = {event.dtstart.date(): event for event in parse(feed(client, url)).events}
    assert "uusi aika tulee myöhemmin" in events_by_date[D(2026, 12, 1)].description


def test_unchanged_feed_is_not_sent_again_and_may_be_kept_a_while(client, imported_example):
    url = FINNISH + "?municipality=kokkola"
    response = feed(client, url)
    assert "max-age=900" in response["Cache-Control"]
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == HTTPStatus.NOT_MODIFIED
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    Cancellation.objects.create(group=breakfast, date=D(2026, 12, 1), reason_fi="Sairastuminen.")
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == HTTPStatus.OK


def test_unknown_parameters_and_the_result_page_give_the_same_calendar(client, imported_example):
    plain = feed(client, FINNISH + "?municipality=kokkola").content
    other = feed(client, FINNISH + "?municipality=kokkola&page=2&utm_source=x&municipality=atlantis").content
    assert other == plain


def test_only_get_and_head(client, imported_example):
    assert client.post(FINNISH).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.head(FINNISH).status_code == HTTPStatus.OK


@pytest.mark.parametrize("name", ["kalenteri.ics.ics", "kalenteri.ics/x.ics", "kalender.pdf"])
def test_unknown_file_under_the_finder_is_not_found(client, imported_example, name):
    assert client.get("/fi/ryhmat/" + name).status_code == HTTPStatus.NOT_FOUND


def add_groups(number):
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    for index in range(number):
        breakfast.copy(
            update_attrs={"slug": f"lisa-{index}", "title": f"Aamupala {index}", "identifier": f"lisa-{index}"}
        ).save_revision().publish()


def test_queries_do_not_grow_with_the_number_of_groups(client, imported_example, django_assert_max_num_queries):
    from search.services import groups_changed

    def queries(url):
        feed(client, url)  # warm the caches that a change to the index empties (its list of words...)
        groups_changed()  # but build the feed, do not take it from the cache
        with CaptureQueriesContext(connection) as context:
            response = feed(client, url)
        return len(context.captured_queries), response

    urls = [FINNISH, FINNISH + "?q=aamupala", FINNISH + "?municipality=kokkola&weekday=tue"]
    before = [queries(url)[0] for url in urls]
    add_groups(12)
    after = [queries(url) for url in urls]
    assert [count for count, _response in after] == before
    assert len(parse(after[0][1]).events) > 12 * 3
    assert "Aamupala 11" in {event.summary for event in parse(after[1][1]).events}
    groups_changed()
    # The finder's own queries (its filter counts are made again after a change), then the feed's.
    with django_assert_max_num_queries(30):
        feed(client, FINNISH + "?q=aamupala&municipality=kokkola")
    with django_assert_max_num_queries(8):  # from the cache: only Wagtail finding the page (site, locale, route)
        feed(client, FINNISH + "?q=aamupala&municipality=kokkola")


def test_a_selection_too_large_for_one_feed_says_so(client, imported_example, monkeypatch):
    monkeypatch.setattr(selection_calendar, "MAX_GROUPS", 1)
    calendar = parse(feed(client, FINNISH))
    assert len({event.summary for event in calendar.events}) == 1
    assert "3 löytyneestä ryhmästä 1 ensimmäisen kokoontumiset" in calendar.description[0]


@pytest.mark.parametrize(
    ("url", "feed_path", "label"),
    [
        ("/fi/ryhmat/?municipality=kokkola&page=1", "/fi/ryhmat/kalenteri.ics?municipality=kokkola", "Tilaa"),
        ("/sv/grupper/", "/sv/grupper/kalender.ics", "Prenumerera"),
    ],
)
def test_finder_offers_its_selection_as_a_calendar(client, soup, imported_example, url, feed_path, label):
    html = soup(client.get(url))
    alternate = html.select_one('head link[rel="alternate"][type="text/calendar"]')
    assert alternate["href"] == "http://testserver" + feed_path
    assert alternate["title"]
    box = html.select_one(".calendar-link")
    subscribe = box.find("a", href="webcal://testserver" + feed_path)
    assert subscribe.get_text(strip=True).startswith(label)
    download = box.find("a", href="http://testserver" + feed_path)
    assert download is not None
    assert parse(feed(client, feed_path)).events


def test_finder_offers_no_calendar_without_results(client, soup, imported_example):
    html = soup(client.get("/fi/ryhmat/?q=laulu&municipality=kokkola"))
    assert html.select_one(".calendar-link") is None
    assert html.select_one('link[type="text/calendar"]') is None


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_feed_sets_its_own_cache_lifetime(client, imported_example):
    assert feed(client, FINNISH)["Cache-Control"] == "public, max-age=900"
