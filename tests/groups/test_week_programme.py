"""The week programme: every meeting of the week by day, in both languages, like a printed programme."""

import datetime
from http import HTTPStatus

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.importer import import_data
from groups.models import Cancellation, GroupPage, WeekProgrammePage
from groups.services import parse_week

pytestmark = pytest.mark.django_db

D = datetime.date
FI_URL, SV_URL = "/fi/tama-viikko/", "/sv/denna-vecka/"


def get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response


def text(element):
    """The text as a reader sees it: runs of white space as one space."""
    return " ".join(element.get_text().split())


def days(html):
    """{heading text: [item text, ...]} for each day section."""
    return {
        text(section.find("h2")): [text(item) for item in section.select(".programme-item")]
        for section in html.select(".programme-day")
    }


@pytest.mark.parametrize(
    ("url", "title", "language"), [(FI_URL, "Tämä viikko", "fi"), (SV_URL, "Den här veckan", "sv")]
)
def test_week_programme_exists_in_both_languages(client, soup, db, url, title, language):
    html = soup(get(client, url))
    assert [h1.get_text(strip=True) for h1 in html.find_all("h1")] == [title]
    assert html.html["lang"] == language
    assert WeekProgrammePage.objects.live().count() == 2


def test_this_week_lists_every_day_with_its_meetings(client, soup, imported_example):
    html = soup(get(client, FI_URL))
    assert "Viikko 48, 23.11.–29.11.2026" in html.select_one(".week-programme__dates").get_text(" ", strip=True)
    assert days(html) == {
        "Maanantai 23.11. (tänään)": [],
        "Tiistai 24.11.": ["klo 9–10.30 Yhteinen aamupala Kokkolan seurakuntakeskus, Kappelisali, Kokkola"],
        "Keskiviikko 25.11.": [],
        "Torstai 26.11.": ["klo 17–18.30 Laulua bändin kanssa Kaustisen nuorisotila Kohtaamo, Kaustinen"],
        "Perjantai 27.11.": [],
        "Lauantai 28.11.": [],
        "Sunnuntai 29.11.": [],
    }
    tuesday = html.select_one("#day-20261124").find_parent("section")
    assert tuesday.find("time")["datetime"] == "2026-11-24T09:00+02:00"
    link = tuesday.find("a")
    assert link["href"] == GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi").url
    assert "Ei ryhmiä tänä päivänä." in html.select_one("#day-20261125").find_parent("section").get_text()
    assert [heading["id"] for heading in html.select("h2[aria-current=date]")] == ["day-20261123"]


def test_cancelled_meeting_is_marked_with_its_reason_in_words(client, soup, imported_example):
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    Cancellation.objects.create(group=breakfast, date=D(2026, 11, 24), reason_fi="Sali on varattu.")
    html = soup(get(client, FI_URL))
    item = html.select_one(".programme-item--cancelled")
    assert text(item) == (
        "klo 9–10.30 Yhteinen aamupala Kokkolan seurakuntakeskus, Kappelisali, Kokkola Peruttu: Sali on varattu."
    )
    assert item.find("time") is None


def test_swedish_programme_marks_untranslated_titles_as_finnish(client, soup, imported_example):
    html = soup(get(client, SV_URL))
    listing = days(html)
    assert listing["Tisdag 24.11."] == ["kl. 9–10.30 Gemensam frukost Karleby församlingscentrum, Kapellsalen, Karleby"]
    translated = html.find("a", string="Gemensam frukost")
    untranslated = html.find("a", string="Laulua bändin kanssa")
    assert not translated.has_attr("lang")
    assert untranslated["lang"] == "fi"
    assert (
        untranslated["href"] == GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale__language_code="sv").url
    )


@pytest.mark.parametrize("query", ["viikko=2026-W50", "week=2026-W50", "vecka=2026-w50"])
def test_a_later_week_can_be_chosen(client, soup, imported_example, query):
    html = soup(get(client, f"{FI_URL}?{query}"))
    assert html.find("h1").get_text(strip=True) == "Viikko 50"
    listing = days(html)
    assert next(iter(listing)) == "Maanantai 7.12."
    assert listing["Tiistai 8.12."] == [
        "klo 9–10.30 Yhteinen aamupala Kokkolan seurakuntakeskus, Kappelisali, Kokkola "
        "Peruttu: Itsenäisyyspäivän viikko, ei aamupalaa."
    ]
    assert html.find("a", string="Tämä viikko")["href"] == FI_URL


def test_week_navigation_moves_a_week_at_a_time(client, soup, imported_example):
    html = soup(get(client, FI_URL))
    assert html.find("a", rel="prev") is None
    next_url = html.find("a", rel="next")["href"]
    assert next_url == f"{FI_URL}?viikko=2026-W49"
    later = soup(get(client, next_url))
    assert later.find("a", rel="prev")["href"] == FI_URL
    swedish = soup(get(client, SV_URL))
    assert swedish.find("a", rel="next")["href"] == f"{SV_URL}?vecka=2026-W49"


@pytest.mark.parametrize(
    "value",
    ["abc", "2026-W99", "2026-W00", "99999-W01", "2026-W4%00", "2020-W01", "2030-W01", "2026-W" + "9" * 5000, "-1"],
)
def test_a_week_that_cannot_be_shown_gives_this_week_with_a_note(client, soup, imported_example, value):
    response = client.get(FI_URL, {"viikko": value})
    assert response.status_code == HTTPStatus.OK
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "Tämä viikko"
    assert "Viikko 48" in html.select_one(".week-programme__dates").get_text()
    assert html.find(class_="notice", role="status") is not None


def test_parse_week_reads_iso_weeks_only():
    assert parse_week("2026-W49") == D(2026, 11, 30)
    assert parse_week("2026W01") == D(2025, 12, 29)
    assert parse_week("2026-W53") == D(2026, 12, 28)
    assert parse_week("2027-W53") is None
    assert parse_week("2026-12-01") is None
    assert parse_week(None) is None


def test_week_programme_is_linked_from_the_home_page_and_the_menu(client, soup, db):
    for home, url, text in (("/fi/", FI_URL, "Tämä viikko"), ("/sv/", SV_URL, "Den här veckan")):
        html = soup(get(client, home))
        assert html.select_one(".site-nav").find("a", string=text)["href"] == url
        assert html.select_one(".home-intro").find("a", href=url) is not None


def test_week_programme_costs_the_same_number_of_queries_as_groups_grow(client, imported_example, demo_data):
    def count(url):
        get(client, url)  # warm Wagtail's cache of site root paths
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        return len(queries)

    small = {url: count(url) for url in (FI_URL, SV_URL)}
    import_data(demo_data)
    large = {url: count(url) for url in (FI_URL, SV_URL)}
    assert large == small


def test_week_programme_query_count_is_bounded(client, demo_data, django_assert_max_num_queries):
    import_data(demo_data)
    for url in (FI_URL, SV_URL):
        get(client, url)  # warm Wagtail's cache of site root paths
        with django_assert_max_num_queries(21):  # 20, and one for the municipality choices
            response = get(client, url)
        assert response.content.decode().count('class="programme-item') > 20


def test_programme_promises_nothing_about_cost_and_marks_paid_and_registration_groups(client, soup, imported_example):
    singing = GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale__language_code="fi")
    singing.free_of_charge = False
    singing.registration = "required"
    singing.save_revision().publish()
    for url, thursday, tuesday, note, marks in (
        (FI_URL, "Torstai 26.11.", "Tiistai 24.11.", "maksuttomia", "Maksullinen · Ilmoittautuminen vaaditaan"),
        (SV_URL, "Torsdag 26.11.", "Tisdag 24.11.", "gratis", "Avgiftsbelagd · Anmälan krävs"),
    ):
        html = soup(get(client, url))
        assert note not in html.select_one(".week-programme__note").get_text().lower()
        listing = days(html)
        assert listing[thursday][0].endswith(marks)
        assert "Maksullinen" not in listing[tuesday][0] and "Avgiftsbelagd" not in listing[tuesday][0]


def test_programme_marks_a_paid_group_even_without_registration(client, soup, imported_example):
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    breakfast.free_of_charge = False
    breakfast.save_revision().publish()
    listing = days(soup(get(client, FI_URL)))
    assert listing["Tiistai 24.11."] == [
        "klo 9–10.30 Yhteinen aamupala Kokkolan seurakuntakeskus, Kappelisali, Kokkola Maksullinen"
    ]
    assert listing["Torstai 26.11."] == ["klo 17–18.30 Laulua bändin kanssa Kaustisen nuorisotila Kohtaamo, Kaustinen"]
