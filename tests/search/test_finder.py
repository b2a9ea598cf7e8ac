"""The finder page: filters and their counts, removable choices, paging, bad parameters, queries."""

from http import HTTPStatus

import pytest

from django.utils import translation

from groups.models import GroupPage

pytestmark = pytest.mark.django_db


def titles(html):
    return [link.get_text(strip=True) for link in html.select("section.results article h3 a")]


def get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response


def option(html, name, value):
    """The label text of a filter option, e.g. "Kokkola (1)"."""
    field = html.find("input", attrs={"name": name, "value": value})
    return field.find_parent("label").get_text(" ", strip=True) if field else None


def test_without_text_groups_are_ordered_by_next_meeting(client, soup, imported_example):
    html = soup(get(client, "/fi/ryhmat/"))
    # Breakfast meets on Tuesday 24.11., singing on Thursday 26.11.; the paused group has no meetings.
    assert titles(html) == ["Yhteinen aamupala", "Laulua bändin kanssa", "Kuukauden kahvit"]
    assert html.find(id="results-heading").get_text(strip=True) == "Löytyi 3 ryhmää"


def test_each_result_is_an_article_with_the_facts_a_person_needs(client, soup, imported_example):
    html = soup(get(client, "/fi/ryhmat/?q=aamupala"))
    card = html.select_one("section.results article")
    assert card.find("h3").find("a")["href"].endswith("/yhteinen-aamupala/")
    text = card.get_text(" ", strip=True)
    assert "Maksuton aamupala" in text  # the summary
    assert card.find("time")["datetime"] == "2026-11-24T09:00+02:00"
    assert "Kokkolan seurakuntakeskus, Kappelisali, Kokkola" in text
    badges = [badge.get_text(strip=True) for badge in card.select(".badge")]
    assert {"Maksuton", "Ei ilmoittautumista", "Esteetön sisäänkäynti"} <= set(badges)


def test_paused_groups_are_marked_and_ended_ones_never_shown(client, soup, imported_example):
    html = soup(get(client, "/fi/ryhmat/"))
    paused = html.find("a", string="Kuukauden kahvit").find_parent("article")
    assert "tauolla" in paused.get_text(" ", strip=True).lower()
    assert "Pelailta verkossa" not in titles(html)
    assert "Pelailta verkossa" not in titles(soup(get(client, "/fi/ryhmat/?q=pelailta&online=1")))


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("municipality=kokkola", ["Yhteinen aamupala"]),
        (
            "municipality=kokkola&municipality=kaustinen",
            ["Yhteinen aamupala", "Laulua bändin kanssa", "Kuukauden kahvit"],
        ),
        ("weekday=thu", ["Laulua bändin kanssa"]),
        ("weekday=tue&time=morning", ["Yhteinen aamupala"]),
        ("weekday=tue&time=evening", []),
        ("time=evening", ["Laulua bändin kanssa"]),
        ("activity=music", ["Laulua bändin kanssa"]),
        ("activity=meeting_place", ["Yhteinen aamupala", "Kuukauden kahvit"]),
        ("target=mental_health_and_substance_use", ["Laulua bändin kanssa"]),
        ("language=sv", ["Yhteinen aamupala"]),
        ("organisation=soite", ["Yhteinen aamupala"]),
        ("organisation=kokkolan-srk", ["Yhteinen aamupala"]),
        ("organisation=kaustisen-mtyhdistys", ["Laulua bändin kanssa", "Kuukauden kahvit"]),
        ("step_free=1", ["Yhteinen aamupala"]),
        ("free=1", ["Yhteinen aamupala", "Laulua bändin kanssa"]),
        ("this_week=1", ["Yhteinen aamupala", "Laulua bändin kanssa"]),
        ("online=1", []),
        ("q=laulu&municipality=kaustinen", ["Laulua bändin kanssa"]),
        ("q=laulu&municipality=kokkola", []),
    ],
)
def test_filters(client, soup, imported_example, query_string, expected):
    assert titles(soup(get(client, f"/fi/ryhmat/?{query_string}"))) == expected


def test_filters_show_how_many_groups_each_choice_gives(client, soup, imported_example):
    html = soup(get(client, "/fi/ryhmat/?municipality=kaustinen"))
    # Counts of a filter ignore its own choice (so the other municipalities can be added)...
    assert option(html, "municipality", "kokkola") == "Kokkola (1)"
    assert option(html, "municipality", "kaustinen") == "Kaustinen (2)"
    # ...and follow the other filters.
    assert option(html, "activity", "music") == "Musiikki ja laulu (1)"
    assert option(html, "activity", "breakfast_and_meals") is None  # no group in Kaustinen: not offered
    assert option(html, "weekday", "thu") == "Torstai (1)"
    assert html.find("input", attrs={"name": "municipality", "value": "kaustinen"}).has_attr("checked")


def test_each_choice_can_be_removed_on_its_own(client, soup, imported_example):
    html = soup(get(client, "/fi/ryhmat/?q=kahvit&municipality=kaustinen&free=1"))
    links = {link.get_text(" ", strip=True): link["href"] for link in html.select(".chips a")}
    assert links["Poista valinta Kaustinen ×"] == "?q=kahvit&free=1"
    assert links["Poista valinta ”kahvit” ×"] == "?municipality=kaustinen&free=1"
    assert links["Poista valinta Maksuton ×"] == "?q=kahvit&municipality=kaustinen"
    assert links["Poista kaikki valinnat"] == "/fi/ryhmat/"


def test_no_results_says_so_kindly_and_offers_ways_on(client, soup, imported_example):
    from wagtail.models import Site

    from home.models import SiteContact

    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.title_fi, contact.phone = "Ryhmätoiminnan koordinaattori", "+358 40 000 0001"
    contact.save()
    html = soup(get(client, "/fi/ryhmat/?q=laulu&municipality=kokkola"))
    text = html.select_one(".no-results").get_text(" ", strip=True)
    assert "ei löytynyt ryhmiä" in text
    neighbours = [link.get_text(strip=True) for link in html.select(".no-results a[href*='municipality=']")]
    assert neighbours == ["Kannus", "Kaustinen"]
    assert "Ryhmätoiminnan koordinaattori" in text
    assert html.select_one(".no-results a[href^='tel:']")["href"] == "tel:+358400000001"


def test_swedish_finder_finds_translated_and_untranslated_groups(client, soup, imported_example):
    html = soup(get(client, "/sv/grupper/?q=frukost"))
    assert titles(html) == ["Gemensam frukost"]
    assert html.find(id="results-heading").get_text(strip=True) == "1 grupp hittades"
    untranslated = soup(get(client, "/sv/grupper/?q=laulu"))
    link = untranslated.select_one("section.results article h3 a")
    assert link.get_text(strip=True) == "Laulua bändin kanssa"
    assert link["lang"] == "fi"
    # The mark is in the reader's language, outside the Finnish title.
    assert link.find_parent("h3").select_one(".language-mark").get_text(strip=True) == "(på finska)"


def test_results_are_paged(client, soup, imported_example, fi):
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    for number in range(25):
        copy_ = group.copy(
            update_attrs={"slug": f"kopio-{number}", "title": f"Aamupala {number}", "identifier": f"kopio-{number}"}
        )
        copy_.save_revision().publish()
    first = soup(get(client, "/fi/ryhmat/?q=aamupala"))
    assert len(titles(first)) == 20
    assert first.find(id="results-heading").get_text(strip=True) == "Löytyi 26 ryhmää"
    next_link = first.select_one("a[rel=next]")["href"]
    assert "q=aamupala" in next_link and "page=2" in next_link
    second = soup(get(client, f"/fi/ryhmat/{next_link}"))
    assert len(titles(second)) == 6
    assert not set(titles(first)) & set(titles(second))
    # A page number below one (an edited address) is the first page, not the last.
    for number in ("0", "-1"):
        assert titles(soup(get(client, f"/fi/ryhmat/?q=aamupala&page={number}"))) == titles(first)
    assert titles(soup(get(client, "/fi/ryhmat/?q=aamupala&page=99"))) == titles(second)


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%00",
        "q=laulu%00kahvi",
        "q=" + "a" * 5000,
        "q=" + "kävely%20" * 700,
        "q=%27%22%3Cscript%3Ealert(1)%3C/script%3E",
        "q=a%20OR%201%3D1",
        "q=laulu%20AND%20NOT%20kahvi%20%7C%20%26%20!%20*%20%22%22",
        "q=%3A*%20%26%20%7C%20%3C-%3E",
        "q=%25%25%5C%5C_",
        "page=-1",
        "page=0",
        "page=1000000000",
        "page=1e9",
        "page=abc",
        "municipality=atlantis",
        "municipality=%00",
        "weekday=funday&time=midnight",
        "activity=" + "x" * 3000,
        "organisation=../../etc/passwd",
        "free=maybe&online=2&step_free=%00",
        "this_week=" + "1" * 100,
        "municipality=kokkola&" + "&".join(["municipality=kokkola"] * 200),
    ],
)
def test_hostile_parameters_never_cause_an_error(client, soup, imported_example, query_string):
    response = client.get(f"/fi/ryhmat/?{query_string}")
    assert response.status_code == HTTPStatus.OK
    assert soup(response).find(id="results-heading") is not None


def test_unknown_filter_values_are_dropped_with_a_notice(client, soup, imported_example):
    html = soup(get(client, "/fi/ryhmat/?municipality=atlantis&municipality=kokkola"))
    assert titles(html) == ["Yhteinen aamupala"]
    assert "ei tunnistettu" in html.select_one(".results .notice").get_text()


def test_finder_keeps_a_constant_number_of_queries(client, imported_example, fi, django_assert_max_num_queries):
    def queries_for(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from search.services import groups_changed

        client.get(url)  # warm Wagtail's own caches (site root paths...)
        groups_changed()  # but count the finder's queries without its cached counts
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == HTTPStatus.OK
        return len(context.captured_queries)

    urls = ["/fi/ryhmat/", "/fi/ryhmat/?q=aamupala", "/fi/ryhmat/?q=kahvi&municipality=kokkola&weekday=tue"]
    before = [queries_for(url) for url in urls]
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    for number in range(15):
        group.copy(
            update_attrs={"slug": f"lisa-{number}", "title": f"Aamupala {number}", "identifier": f"lisa-{number}"}
        ).save_revision().publish()
    after = [queries_for(url) for url in urls]
    assert after == before
    with django_assert_max_num_queries(36):
        client.get(urls[2])


def test_search_box_of_every_page_leads_to_the_finder(client, soup, imported_example):
    html = soup(get(client, "/sv/"))
    form = html.find("form", attrs={"role": "search"})
    assert form["action"] == "/sv/grupper/"
    assert form.find("input")["name"] == "q"


def test_counts_are_cached_until_a_group_changes(client, soup, imported_example, fi):
    url = "/fi/ryhmat/?municipality=kokkola"
    assert option(soup(get(client, url)), "activity", "meeting_place") == "Kohtaamispaikka (1)"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        get(client, url)
    group = GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale=fi)
    group.venue = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi).venue
    group.save_revision().publish()
    with CaptureQueriesContext(connection) as second:
        html = soup(get(client, url))
    assert option(html, "activity", "music") == "Musiikki ja laulu (1)"
    assert len(second.captured_queries) > len(first.captured_queries)


def document_title(client, soup, url):
    return soup(get(client, url)).title.get_text()


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/fi/ryhmat/", "Ryhmät – Ryhmähaku"),
        ("/fi/ryhmat/?q=laulu&municipality=kaustinen", "”laulu” · Kaustinen – 1 ryhmä – Ryhmät – Ryhmähaku"),
        ("/fi/ryhmat/?q=laulu&municipality=kokkola", "”laulu” · Kokkola – ei ryhmiä – Ryhmät – Ryhmähaku"),
        ("/fi/ryhmat/?weekday=tue&weekday=thu", "Tiistai · Torstai – 2 ryhmää – Ryhmät – Ryhmähaku"),
        ("/sv/grupper/?municipality=kokkola", "Karleby – 1 grupp – Grupper – Gruppsök"),
        ("/sv/grupper/?q=frukost", "”frukost” – 1 grupp – Grupper – Gruppsök"),
    ],
)
def test_finder_title_says_the_search_the_place_and_the_count(client, soup, imported_example, url, title):
    assert document_title(client, soup, url) == title


def test_finder_title_says_the_result_page_after_the_first(client, soup, imported_example, monkeypatch):
    from search.models import FinderPage

    monkeypatch.setattr(FinderPage, "results_per_page", 1)
    assert document_title(client, soup, "/fi/ryhmat/?municipality=kaustinen") == (
        "Kaustinen – 2 ryhmää – Ryhmät – Ryhmähaku"
    )
    assert document_title(client, soup, "/fi/ryhmat/?municipality=kaustinen&page=2") == (
        "Kaustinen – 2 ryhmää – sivu 2 – Ryhmät – Ryhmähaku"
    )
    assert document_title(client, soup, "/fi/ryhmat/?page=3") == "sivu 3 – Ryhmät – Ryhmähaku"
    assert document_title(client, soup, "/sv/grupper/?page=2") == "sida 2 – Grupper – Gruppsök"
    # A page past the last is the last page, and says so.
    assert document_title(client, soup, "/fi/ryhmat/?page=99") == "sivu 3 – Ryhmät – Ryhmähaku"


def test_finder_title_cuts_a_long_search_and_escapes_it(client, soup, imported_example):
    long_title = document_title(client, soup, "/fi/ryhmat/?q=" + "laulu " * 20)
    assert long_title.startswith("”" + ("laulu " * 12)[:59] + "…”")
    response = get(client, "/fi/ryhmat/?q=%3C%2Ftitle%3E%3Cscript%3E")
    assert soup(response).title.get_text() == "”</title><script>” – ei ryhmiä – Ryhmät – Ryhmähaku"
    assert b"<script>" not in response.content.split(b"</title>")[0]


def test_finder_title_parts():
    from search.models import finder_title

    selection = {"items": [{"name": "q", "label": "ignored"}, {"name": "municipality", "label": "Kokkola"}]}
    with translation.override("fi"):
        assert finder_title("Ryhmät", {"items": []}, "", 0, 1) == "Ryhmät"
        assert finder_title("Ryhmät", selection, "laulu", 4, 2) == "”laulu” · Kokkola – 4 ryhmää – sivu 2 – Ryhmät"
    with translation.override("sv"):
        assert finder_title("Grupper", selection, "sång", 1, 1) == "”sång” · Kokkola – 1 grupp – Grupper"
