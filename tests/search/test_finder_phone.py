"""The finder on a small screen: results first, choices as chips, the filter panel closed after choosing."""

from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db


def page(client, soup, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return soup(response)


def test_the_filter_panel_is_closed_after_a_filter_and_offers_to_change_the_choices(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/?municipality=kaustinen&free=1")
    panel = html.select_one("form.finder details.filters")
    assert not panel.has_attr("open")
    assert panel.find("summary").get_text(strip=True) == "Muuta valintoja"
    swedish = page(client, soup, "/sv/grupper/?municipality=kaustinen")
    assert swedish.select_one("details.filters summary").get_text(strip=True) == "Ändra val"


def test_the_filter_panel_invites_to_narrow_down_before_any_choice(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/?q=laulu")
    panel = html.select_one("details.filters")
    assert not panel.has_attr("open")
    assert panel.find("summary").get_text(strip=True) == "Rajaa hakua: kunta, päivä, toiminta…"


def test_the_choices_are_removable_chips_above_the_results(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/?q=kahvit&municipality=kaustinen")
    results = html.select_one("section.results")
    chips = results.select(".chips a.chip")
    assert [chip["href"] for chip in chips] == ["?municipality=kaustinen", "?q=kahvit"]
    first_card = results.find("article")
    # The chips come before the first result, in the order of the page.
    assert chips[0] in first_card.find_all_previous("a")
    assert not html.select(".chips script, .chips button")


def test_the_brochure_and_calendar_come_after_the_results(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/?q=laulu")
    results = html.select_one("section.results")
    offers = results.select_one(".results__offers")
    brochure = offers.select_one("a[type='application/pdf']")
    assert brochure.get_text(" ", strip=True) == "Tulosta esite (PDF)"
    assert "button" not in brochure.get("class", [])  # a plain link, not a dark button in the way
    assert offers.find_all_previous("article"), "the offers must follow the results"
    assert not offers.find_all_next("article")


def test_the_page_intro_and_search_hint_give_way_to_the_results_after_a_choice(client, soup, imported_example):
    from search.models import FinderPage

    finder = FinderPage.objects.get(locale__language_code="fi")
    finder.intro = "Etsi itsellesi sopiva ryhmä."
    finder.save_revision().publish()
    assert page(client, soup, "/fi/ryhmat/").find("p", class_="lead")
    html = page(client, soup, "/fi/ryhmat/?q=laulu")
    assert not html.find("p", class_="lead")
    assert not html.find(id="finder-q-hint")
