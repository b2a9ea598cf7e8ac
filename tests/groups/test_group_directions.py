"""The group page's way there: a directions link from the venue's coordinates, only the facts that are known."""

from http import HTTPStatus

import pytest

from groups.factories import GroupPageFactory, VenueFactory

pytestmark = pytest.mark.django_db


def group_html(client, soup, group, language="fi"):
    from wagtail.models import Locale

    page = group if language == "fi" else group.get_translation(Locale.objects.get(language_code=language))
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    return soup(response)


def test_directions_link_leads_to_the_venues_coordinates(client, soup, fi):
    group = GroupPageFactory(venue=VenueFactory(latitude=63.838_5, longitude=23.130_2))
    html = group_html(client, soup, group)
    link = html.find("a", string="Reittiohjeet")
    assert link["href"] == "https://www.google.com/maps/dir/?api=1&destination=63.838500,23.130200"
    assert html.find("a", string="Näytä kartalla")["href"].startswith(
        "https://www.openstreetmap.org/?mlat=63.838500&mlon=23.130200"
    )
    swedish = group_html(client, soup, group, "sv")
    assert swedish.find("a", string="Vägbeskrivning")["href"] == link["href"]


def test_no_directions_link_without_coordinates(client, soup, fi):
    html = group_html(client, soup, GroupPageFactory(venue=VenueFactory()))
    assert html.find("a", string="Reittiohjeet") is None


def test_unknown_accessibility_facts_are_not_printed(client, soup, fi):
    venue = VenueFactory(step_free_entrance=False, lift=None, accessible_toilet=None, induction_loop=None)
    text = group_html(client, soup, GroupPageFactory(venue=venue)).select_one("ul.accessibility").get_text(" ")
    assert "Esteetön sisäänkäynti: ei" in text
    assert "Hissi" not in text and "ei tiedossa" not in text


def test_a_place_nobody_has_described_says_to_ask(client, soup, fi):
    html = group_html(client, soup, GroupPageFactory(venue=VenueFactory()))
    assert "ei tiedossa" not in html.get_text()
    assert "Kysy yhteyshenkilöltä" in html.select_one("p.accessibility").get_text()


def test_the_calendar_offer_of_a_selection_says_de_har_gruppernas(client, soup, fi):
    GroupPageFactory(title="Kahvila")
    html = client.get("/sv/grupper/").content.decode()
    assert "Prenumerera på de här gruppernas kalender" in html
    assert "den här gruppernas" not in html
