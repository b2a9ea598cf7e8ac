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


# Cards that tell the truth


def card(html, title):
    link = html.find("a", string=title)
    assert link is not None, title
    return link.find_parent("article")


@pytest.fixture
def hard_group(db, fi):
    """A paid group that needs registration, at a venue with steps and no lift, only in Finnish."""
    from groups.factories import GroupPageFactory, LanguageFactory, VenueFactory

    return GroupPageFactory(
        title="Kuntosalivuoro",
        free_of_charge=False,
        registration="required",
        venue=VenueFactory(step_free_entrance=False, lift=False),
        languages=[LanguageFactory(code="fi")],
    )


def test_a_card_tells_what_could_stop_someone_coming_in_words(client, soup, hard_group):
    html = page(client, soup, "/fi/ryhmat/?q=kuntosalivuoro")
    facts = card(html, "Kuntosalivuoro")
    badges = [badge.get_text(strip=True) for badge in facts.select(".badge")]
    assert badges == ["Maksullinen", "Ilmoittautuminen vaaditaan", "Portaita sisäänkäynnillä, ei hissiä"]
    assert "Kieli suomi" in facts.select_one(".group-card__facts").get_text(" ", strip=True)
    # Labels, not buttons: no links or buttons among them.
    assert not facts.select(".badges a, .badges button")


def test_a_swedish_card_of_a_finnish_only_group_says_it_is_in_finnish(client, soup, hard_group):
    html = page(client, soup, "/sv/grupper/?q=kuntosalivuoro")
    facts = card(html, "Kuntosalivuoro")
    title = facts.find("h3")
    assert title.find("a")["lang"] == "fi"
    assert title.select_one(".language-mark").get_text(strip=True) == "(på finska)"
    assert not title.select_one(".language-mark").has_attr("lang")
    badges = [badge.get_text(strip=True) for badge in facts.select(".badge")]
    assert badges == ["Avgiftsbelagd", "Anmälan krävs", "Trappor vid ingången, ingen hiss"]
    assert "Språk finska" in facts.select_one(".group-card__facts").get_text(" ", strip=True)


def test_a_paused_group_says_so_on_its_card(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/")
    assert card(html, "Kuukauden kahvit").select_one(".status--paused").get_text(strip=True) == "Nyt tauolla"
