"""schema.org JSON-LD on group pages: it agrees with the page's <time> elements and the calendar feed."""

import datetime
import json
from http import HTTPStatus

import pytest
from ical.calendar_stream import IcsCalendarStream

from groups.models import ActivityType, GroupPage

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"


def group(identifier, locale="fi"):
    return GroupPage.objects.get(identifier=identifier, locale__language_code=locale)


def json_ld(html):
    scripts = html.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def page_times(html):
    return [datetime.datetime.fromisoformat(time["datetime"]) for time in html.find_all("time")]


def test_group_page_describes_its_meetings_as_an_event_series(client, soup, imported_example):
    page = group("aamupala-kokkola")
    data = json_ld(soup(client.get(page.url)))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "EventSeries"
    assert data["name"] == "Yhteinen aamupala"
    assert data["url"] == "http://testserver" + page.url
    assert data["isAccessibleForFree"] is True
    assert data["inLanguage"] == ["fi", "sv"]
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Kokkolan seurakuntakeskus, Kappelisali",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Kirkkokatu 1",
            "postalCode": "67100",
            "addressLocality": "Kokkola",
            "addressCountry": "FI",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 63.8385, "longitude": 23.1307},
    }
    organisers = data["organizer"]
    assert organisers[0]["@type"] == "Organization"
    assert organisers[0]["name"] == "Keski-Pohjanmaan hyvinvointialue Soite"
    assert organisers[0]["url"] == "http://testserver" + page.get_parent().url
    first = data["subEvent"][0]
    assert first["@type"] == "Event"
    assert first["startDate"] == "2026-11-24T09:00:00+02:00"
    assert first["endDate"] == "2026-11-24T10:30:00+02:00"
    assert first["eventStatus"] == SCHEMA + "EventScheduled"
    assert first["location"] == data["location"]


def test_json_ld_lists_the_meetings_the_page_shows(client, soup, imported_example):
    html = soup(client.get(group("aamupala-kokkola").url))
    data = json_ld(html)
    scheduled = [e["startDate"] for e in data["subEvent"] if e["eventStatus"] == SCHEMA + "EventScheduled"]
    assert [datetime.datetime.fromisoformat(start) for start in scheduled] == page_times(html)
    cancelled = [e["startDate"] for e in data["subEvent"] if e["eventStatus"] == SCHEMA + "EventCancelled"]
    assert cancelled == ["2026-12-08T09:00:00+02:00"]
    notice = [datetime.datetime.fromisoformat(d["data-start"]) for d in html.select(".cancellations [data-start]")]
    assert notice == [datetime.datetime.fromisoformat(start) for start in cancelled]


def test_json_ld_agrees_with_the_calendar_feed(client, soup, imported_example):
    page = group("aamupala-kokkola", "sv")
    data = json_ld(soup(client.get(page.url)))
    feed = IcsCalendarStream.calendar_from_ics(client.get(page.url + "kalender.ics").content.decode())
    events = {event.dtstart: event for event in feed.events}
    for sub_event in data["subEvent"]:
        event = events[datetime.datetime.fromisoformat(sub_event["startDate"])]
        assert event.dtend == datetime.datetime.fromisoformat(sub_event["endDate"])
        cancelled = sub_event["eventStatus"] == SCHEMA + "EventCancelled"
        assert (event.status.value == "CANCELLED") == cancelled
        assert event.summary == sub_event["name"] == "Gemensam frukost"


def test_swedish_json_ld_is_in_swedish(client, soup, imported_example):
    data = json_ld(soup(client.get(group("aamupala-kokkola", "sv").url)))
    assert data["name"] == "Gemensam frukost"
    assert data["location"]["address"]["addressLocality"] == "Karleby"
    assert data["organizer"][0]["name"] == "Välfärdsområdet i Mellersta Österbotten Soite"


def test_online_group_has_a_virtual_location(client, soup, imported_example):
    page = group("aamupala-kokkola")
    page.venue = None
    page.is_online = True
    page.online_instructions = "Linkki tulee Discordiin."
    page.save_revision().publish()
    data = json_ld(soup(client.get(page.url)))
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["location"]["url"] == "http://testserver" + page.url


def test_json_ld_cannot_break_out_of_its_script_element(client, soup, imported_example):
    page = group("aamupala-kokkola")
    hostile = 'Aamupala </script><script>alert("x")</script> & <!-- kahvi'
    page.summary = hostile
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    html = soup(response)
    assert json_ld(html)["description"] == hostile
    assert len(html.find_all("script")) == 1
    assert "</script><script>" not in response.content.decode().split('type="application/ld+json"')[1][:2000]


def test_ended_group_is_not_described_as_events(client, soup, imported_example):
    html = soup(client.get(group("verkkopelit").url))
    assert html.find("script", type="application/ld+json") is None


# The values schema.org defines for these properties (https://schema.org/EventStatusType).
EVENT_STATUSES = {
    SCHEMA + name
    for name in ("EventScheduled", "EventPostponed", "EventCancelled", "EventMovedOnline", "EventRescheduled")
}


def test_event_series_has_dates_status_offers_and_concepts(client, soup, imported_example):
    data = json_ld(soup(client.get(group("aamupala-kokkola").url)))
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventStatus"] in EVENT_STATUSES
    assert datetime.date.fromisoformat(data["startDate"]) <= datetime.date(2026, 11, 24)
    assert data["offers"]["@type"] == "Offer"
    assert data["offers"]["price"] == "0"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert all(term["@type"] == "DefinedTerm" and term["name"] for term in data["about"])
    for uri in data.get("additionalType", []):
        assert uri.startswith("http://www.yso.fi/onto/yso/p")


def test_paused_group_says_it_is_on_a_break(client, soup, imported_example):
    paused = GroupPage.objects.filter(status="paused", locale__language_code="fi").first()
    data = json_ld(soup(client.get(paused.url)))
    assert data["eventStatus"] == SCHEMA + "EventPostponed"


def test_activity_types_with_a_yso_concept_are_typed_by_it(client, soup, imported_example):
    page = group("aamupala-kokkola")
    page.activity_types.add(*ActivityType.objects.filter(code="music"))
    page.save_revision().publish()
    data = json_ld(soup(client.get(page.url)))
    assert "http://www.yso.fi/onto/yso/p1808" in data["additionalType"]
    assert {"@id": "http://www.yso.fi/onto/yso/p1808"}.items() <= next(
        t for t in data["about"] if t["termCode"] == "music"
    ).items()
