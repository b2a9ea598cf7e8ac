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


# Dates: the same meetings as the week programme


def titles(html):
    return sorted(link.get_text(strip=True) for link in html.select("section.results article h3 a"))


def programme_titles(html, day):
    """The groups the week programme lists as meeting on ``day`` (cancelled meetings left out)."""
    section = html.find(id=f"day-{day:%Y%m%d}").find_parent("section")
    items = section.select(".programme-item:not(.programme-item--cancelled) .programme-item__what > a")
    return sorted({item.get_text(strip=True) for item in items})


def test_each_day_of_the_week_finds_the_groups_of_the_week_programme(client, soup, imported_example):
    import datetime

    from django.utils import timezone

    programme = page(client, soup, "/fi/tama-viikko/")
    today = timezone.localdate()
    found_any = False
    for offset in range(7):
        day = today + datetime.timedelta(days=offset)
        if day.isocalendar()[1] != today.isocalendar()[1]:
            break
        expected = programme_titles(programme, day)
        found_any = found_any or bool(expected)
        assert titles(page(client, soup, f"/fi/ryhmat/?date={day:%Y-%m-%d}")) == expected, day
    assert found_any
    assert titles(page(client, soup, "/fi/ryhmat/?date=today")) == programme_titles(programme, today)
    tomorrow = today + datetime.timedelta(days=1)
    assert titles(page(client, soup, "/fi/ryhmat/?date=tomorrow")) == programme_titles(programme, tomorrow)
    assert programme_titles(programme, tomorrow) == ["Yhteinen aamupala"]


def test_the_chosen_day_is_a_removable_chip_and_a_checked_choice(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/?date=tomorrow&municipality=kokkola")
    chips = {chip.get_text(" ", strip=True): chip["href"] for chip in html.select("a.chip")}
    assert chips["Poista valinta Huomenna ×"] == "?municipality=kokkola"
    assert html.find("input", attrs={"name": "date", "value": "tomorrow"}).has_attr("checked")
    swedish = page(client, soup, "/sv/grupper/?date=2026-11-26")
    assert [chip.get_text(" ", strip=True) for chip in swedish.select("a.chip")] == ["Ta bort valet tors 26.11.2026 ×"]
    assert titles(swedish) == ["Laulua bändin kanssa"]


def test_a_date_typed_in_the_field_beats_the_day_button_left_on(client, soup, imported_example):
    html = page(client, soup, "/fi/ryhmat/?date=tomorrow&date=2026-11-26")
    assert titles(html) == ["Laulua bändin kanssa"]


@pytest.mark.parametrize("value", ["2020-01-01", "2026-13-01", "yesterday", "9999-12-31"])
def test_a_day_that_cannot_be_shown_is_dropped_with_a_notice(client, soup, imported_example, value):
    html = page(client, soup, f"/fi/ryhmat/?date={value}")
    assert html.select_one("section.results .notice")
    assert len(titles(html)) == 3


def test_the_week_programme_can_be_narrowed_to_a_municipality_and_printed(client, soup, imported_example):
    html = page(client, soup, "/fi/tama-viikko/?municipality=kaustinen")
    listed = {link.get_text(strip=True) for link in html.select(".programme-item__what > a")}
    assert listed and "Yhteinen aamupala" not in listed
    assert html.find("select", attrs={"name": "municipality"}).find("option", selected=True)["value"] == "kaustinen"
    assert "Kaustinen" in html.select_one(".week-programme__dates").get_text()
    button = html.find("button", attrs={"data-print": True})
    assert button.get_text(strip=True) == "Tulosta lista" and button["type"] == "button"
    assert html.find("script", src=lambda src: src and src.endswith("js/print.js"))
    next_week = html.select_one(".week-nav a[rel=next]")["href"]
    assert "municipality=kaustinen" in next_week
    everything = page(client, soup, "/fi/tama-viikko/")
    assert "Yhteinen aamupala" in {link.get_text(strip=True) for link in everything.select(".programme-item__what > a")}


@pytest.mark.parametrize("typed", ["26.11.2026", "26.11.", "26.11", "26.11.26"])
def test_a_date_can_be_written_as_people_write_it(client, soup, imported_example, typed):
    html = page(client, soup, f"/fi/ryhmat/?date={typed}")
    assert titles(html) == ["Laulua bändin kanssa"]
    assert [chip["href"] for chip in html.select("a.chip")] == ["?"]
    assert html.find("input", attrs={"name": "date", "value": "2026-11-26"}).has_attr("checked")
