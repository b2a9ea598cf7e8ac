"""Whatever a visitor puts in the finder's address, the finder answers with a page, never an error.

tests/search/test_finder.py covers the common cases on the Finnish finder; these add search
syntax of both databases' full-text engines, broken percent-escapes, repeated and unknown
parameters, on both finders and on their calendar feeds (which read the same parameters).
CI runs them on SQLite and on PostgreSQL.
"""

from http import HTTPStatus

import pytest
from ical.calendar_stream import IcsCalendarStream

pytestmark = pytest.mark.django_db

FINDERS = ["/fi/ryhmat/", "/sv/grupper/"]
FEEDS = ["/fi/ryhmat/kalenteri.ics", "/sv/grupper/kalender.ics"]

HOSTILE = [
    # Search syntax: tsquery, websearch, FTS5 and LIKE operators
    'q="',
    "q=%22laulu",
    "q=(",
    "q=)laulu(",
    "q=laulu%20%26%20(kahvi%20%7C%20!jumppa)",
    "q=laulu:*",
    "q=:*",
    "q=!!!",
    "q=%26%26%7C%7C",
    "q=laulu%20-kahvi%20%2Bjumppa",
    "q=NEAR(laulu%20kahvi)",
    "q=laulu%5E2%20kahvi~",
    "q=%25",
    "q=_",
    "q=%5C",
    "q=%27%3B%20DROP%20TABLE%20search_indexentry%3B%20--",
    # NUL bytes and control characters
    "q=%00%00%00",
    "q=laulu%00",
    "q=%01%02%1B%7F",
    "weekday=%00&time=%00&activity=%00&target=%00&language=%00&organisation=%00",
    # Broken UTF-8 in percent-escapes: a lone continuation byte, a truncated sequence,
    # an overlong encoding, a UTF-16 surrogate, bytes that are never UTF-8
    "q=%80",
    "q=%C3",
    "q=%C3%28",
    "q=%C0%AF",
    "q=%ED%A0%80",
    "q=%FF%FE",
    "municipality=%FF",
    "page=%C3%28",
    # Other unusual text
    "q=%F0%9F%98%80",  # an emoji
    "q=a%CC%88%CC%88%CC%88%CC%88",  # a letter with many combining marks
    "q=%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D",  # right-to-left override
    "q=" + "%C3%A4" * 2500,  # 5,000 characters of ä
    "q=" + "x%20" * 2500,  # 2,500 one-letter words
    "q=" + "laulu" * 1000,  # one 5,000-character word
    # Paging
    "page=-1",
    "page=1000000000",
    "page=99999999999999999999999999",
    "page=",
    "page=1&page=2&page=-5",
    "q=laulu&page=-1",
    "q=laulu&page=1000000000",
    # Repeated, empty and unknown parameters
    "q=laulu&q=kahvi&q=",
    "q=&municipality=",
    "municipality=kokkola&municipality=kokkola",
    "free=1&free=0&free=",
    "unknown=1&q%5B%5D=laulu&municipality%5B%5D=kokkola",
    "=&&&=&q",
    "q&page&municipality",
    "weekday=" + "&weekday=".join(["mon", "tue", "xyz"] * 100),
]


@pytest.mark.parametrize("finder", FINDERS)
def test_hostile_parameters_give_the_finder_page(client, soup, imported_example, finder):
    # One test per finder looping over the cases: importing the example data for each of them
    # would take minutes. Every failing case is reported.
    failures = []
    for query_string in HOSTILE:
        response = client.get(f"{finder}?{query_string}")
        if response.status_code != HTTPStatus.OK:
            failures.append(f"{query_string[:80]}: {response.status_code}")
            continue
        html = soup(response)
        if html.find(id="results-heading") is None or html.find("html")["lang"] != finder[1:3]:
            failures.append(f"{query_string[:80]}: not the finder page")
    assert failures == []


@pytest.mark.parametrize("feed", FEEDS)
def test_hostile_parameters_give_the_calendar_feed(client, imported_example, feed):
    failures = []
    for query_string in HOSTILE:
        response = client.get(f"{feed}?{query_string}")
        if response.status_code != HTTPStatus.OK or response["Content-Type"] != "text/calendar; charset=utf-8":
            failures.append(f"{query_string[:80]}: {response.status_code} {response['Content-Type']}")
            continue
        try:
            IcsCalendarStream.calendar_from_ics(response.content.decode("utf-8"))
        except Exception as error:  # any parse error is a failure to report
            failures.append(f"{query_string[:80]}: not a calendar ({error!r:.100})")
    assert failures == []


def test_search_syntax_is_searched_as_plain_words(client, soup, imported_example):
    plain = soup(client.get("/fi/ryhmat/?q=aamupala"))
    with_operators = soup(client.get("/fi/ryhmat/?q=%22aamupala%22%20%26%20(aamupala:*)%20%7C%20!"))
    titles = [link.get_text(strip=True) for link in with_operators.select("section.results article h3 a")]
    assert titles == ["Yhteinen aamupala"]
    assert with_operators.find(id="results-heading").get_text() == plain.find(id="results-heading").get_text()


def test_broken_percent_escapes_are_read_as_text(client, soup, imported_example):
    html = soup(client.get("/fi/ryhmat/?q=aamupala%C3%28"))
    assert html.find(id="results-heading") is not None
    assert html.select_one("input[name=q]")["value"].startswith("aamupala")
