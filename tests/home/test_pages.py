"""Public pages in both languages: status, one <h1>, the search box, language, what a visitor needs."""

from http import HTTPStatus
from xml.etree import ElementTree

import pytest

from groups.models import GroupPage
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response


def assert_page_basics(soup, response, title, language):
    html = soup(response)
    headings = html.find_all("h1")
    assert [h.get_text(strip=True) for h in headings] == [title]
    assert html.html["lang"] == language
    form = html.find("form", attrs={"role": "search"})
    assert form is not None
    field = form.find("input", attrs={"name": "q"})
    assert field is not None
    label = html.find("label", attrs={"for": field["id"]})
    assert label is not None and label.get_text(strip=True)
    return html


def test_root_redirects_to_finnish_home(client, db):
    response = client.get("/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fi/"


@pytest.mark.parametrize(
    ("url", "title", "language"),
    [
        ("/fi/", "Ryhmähaku", "fi"),
        ("/sv/", "Gruppsök", "sv"),
        ("/fi/ryhmat/", "Ryhmät", "fi"),
        ("/sv/grupper/", "Grupper", "sv"),
    ],
)
def test_fixed_pages_exist_in_both_languages(client, soup, url, title, language):
    response = get_ok(client, url)
    assert_page_basics(soup, response, title, language)


def test_search_label_is_translated(client, soup, db):
    finnish = soup(get_ok(client, "/fi/")).find("label", attrs={"for": "site-search"}).get_text(strip=True)
    swedish = soup(get_ok(client, "/sv/")).find("label", attrs={"for": "site-search"}).get_text(strip=True)
    assert finnish == "Hae ryhmää"
    assert swedish == "Sök en grupp"


def test_group_page_tells_what_when_where_and_who(client, soup, imported_example, fi):
    page = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    response = get_ok(client, page.url)
    html = assert_page_basics(soup, response, "Yhteinen aamupala", "fi")
    text = html.get_text(" ", strip=True)
    assert "Tiistaisin klo 9–10.30" in text
    assert "Kokkolan seurakuntakeskus, Kappelisali" in text
    assert "Kirkkokatu 1" in text
    assert "Esteetön sisäänkäynti: kyllä" in text
    assert "Lähin bussipysäkki Kauppatori" in text
    assert "Keski-Pohjanmaan hyvinvointialue Soite" in text
    assert "Maksuton" in text
    assert "Ei ilmoittautumista" in text
    assert "Itsenäisyyspäivän viikko" in text


def test_swedish_group_page_is_in_swedish(client, soup, imported_example, sv):
    page = GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv)
    response = get_ok(client, page.url)
    html = assert_page_basics(soup, response, "Gemensam frukost", "sv")
    text = html.get_text(" ", strip=True)
    assert "Tisdagar kl. 9–10.30" in text
    assert "Karleby församlingscentrum, Kapellsalen" in text
    assert "Självständighetsveckan" in text
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["fi"].endswith(
        GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi").url
    )


def test_untranslated_group_shows_finnish_text_with_a_swedish_notice(client, soup, imported_example, sv):
    page = GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale=sv)
    html = soup(get_ok(client, page.url))
    assert html.html["lang"] == "sv"
    heading = html.find("h1")
    assert heading.get_text(strip=True) == "Laulua bändin kanssa"
    assert heading["lang"] == "fi"
    assert html.find(class_="notice--language") is not None


def test_ended_group_says_so_and_is_not_listed(client, soup, imported_example, fi):
    ended = GroupPage.objects.get(identifier="verkkopelit", locale=fi)
    html = soup(get_ok(client, ended.url))
    assert "päättynyt" in html.find(class_="status--ended").get_text().lower()
    organisation = OrganisationPage.objects.get(identifier="soite", locale=fi)
    listing = soup(get_ok(client, organisation.url)).get_text(" ", strip=True)
    assert "Yhteinen aamupala" in listing
    assert "Pelailta verkossa" not in listing
    finder = soup(get_ok(client, "/fi/ryhmat/")).get_text(" ", strip=True)
    assert "Pelailta verkossa" not in finder


def test_organisation_page_lists_its_groups(client, soup, imported_example, fi):
    organisation = OrganisationPage.objects.get(identifier="kaustisen-mtyhdistys", locale=fi)
    html = assert_page_basics(soup, get_ok(client, organisation.url), "Kaustisen mielenterveysyhdistys ry", "fi")
    titles = [a.get_text(strip=True) for a in html.select("article h3 a")]
    assert titles == ["Kuukauden kahvit", "Laulua bändin kanssa"]


def test_organisation_list_links_every_organisation(client, soup, imported_example):
    html = soup(get_ok(client, "/fi/toimijat/"))
    assert len(html.select(".organisation-list a")) == 3


def test_search_box_finds_groups_by_text(client, soup, imported_example):
    html = soup(get_ok(client, "/fi/ryhmat/?q=aamupala"))
    titles = [a.get_text(strip=True) for a in html.select("article h3 a")]
    assert titles == ["Yhteinen aamupala"]


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=" + "a" * 5000, "page=-1", "page=1000000000", "page=abc", "q=%27%22%3Cscript%3E", "q=a%20OR%201%3D1"],
)
def test_hostile_parameters_never_break_the_finder(client, imported_example, query):
    response = client.get(f"/fi/ryhmat/?{query}")
    assert response.status_code == HTTPStatus.OK


def test_unknown_page_is_a_friendly_404(client, soup, db):
    response = client.get("/fi/ei-ole-olemassa/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert len(soup(response).find_all("h1")) == 1


def test_sitemap_lists_every_live_page_once(client, imported_example, fi):
    response = get_ok(client, "/sitemap.xml")
    root = ElementTree.fromstring(response.content)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(locations) == len(set(locations))
    # Ended groups keep their pages but leave the sitemap (tests/home/test_share_meta.py).
    for page in GroupPage.objects.live().exclude(status="ended"):
        assert sum(location.endswith(page.url) for location in locations) == 1
    assert any(location.endswith("/sv/grupper/") for location in locations)


def test_sitemap_has_language_alternates(client, imported_example):
    content = get_ok(client, "/sitemap.xml").content.decode()
    assert 'hreflang="sv"' in content
    assert 'hreflang="x-default"' in content


def test_language_switcher_leads_to_the_same_page(client, soup, imported_example, fi, sv):
    page = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    html = soup(get_ok(client, page.url))
    link = html.select_one(".language-switcher a")
    assert link["href"] == GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv).url


def test_language_switcher_keeps_the_finders_selection(client, soup, imported_example):
    html = soup(get_ok(client, "/fi/ryhmat/?q=laulu&municipality=kokkola&weekday=tue"))
    link = html.select_one(".language-switcher a")
    assert link["href"] == "/sv/grupper/?q=laulu&municipality=kokkola&weekday=tue"
    swedish = soup(get_ok(client, link["href"]))
    assert swedish.find("input", attrs={"name": "q"})["value"] == "laulu"


def test_language_switcher_keeps_the_week(client, soup, imported_example):
    link = soup(get_ok(client, "/fi/tama-viikko/?viikko=2026-W50")).select_one(".language-switcher a")
    assert link["href"] == "/sv/denna-vecka/?viikko=2026-W50"
    assert soup(get_ok(client, link["href"])).select_one(".week-programme__dates").get_text() == "7.12.–13.12.2026"


def test_language_switcher_escapes_what_it_keeps(client, soup, imported_example):
    html = soup(get_ok(client, "/fi/ryhmat/?q=%22%3E%3Cscript%3E"))
    link = html.select_one(".language-switcher a")
    assert link["href"] == "/sv/grupper/?q=%22%3E%3Cscript%3E"


def test_every_active_group_is_reachable_in_swedish(client, soup, demo_data):
    """Over the whole demo county: each active group's Swedish page, translated or not."""
    from groups.importer import import_data
    from groups.models import Status

    import_data(demo_data)
    finnish_groups = GroupPage.objects.live().filter(locale__language_code="fi").exclude(status=Status.ENDED)
    assert finnish_groups.count() > 20
    untranslated = 0
    for finnish in finnish_groups:
        swedish = GroupPage.objects.get(translation_key=finnish.translation_key, locale__language_code="sv")
        assert swedish.url.startswith("/sv/")
        html = assert_page_basics(soup, get_ok(client, swedish.url), swedish.title, "sv")
        heading = html.find("h1")
        if swedish.alias_of_id:
            untranslated += 1
            assert heading["lang"] == "fi"
            assert html.find(class_="notice--language") is not None
        else:
            assert not heading.has_attr("lang")
            assert html.find(class_="notice--language") is None
        alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
        assert alternates["fi"] == f"http://testserver{finnish.url}"
        assert alternates["x-default"] == alternates["fi"]
    assert 0 < untranslated < finnish_groups.count()


def import_with_swedish(example_data, identifier, **texts):
    """Import the example file with the group ``identifier``'s texts replaced by ``texts``."""
    import copy

    from groups.importer import import_data

    data = copy.deepcopy(example_data)
    item = next(group for group in data["groups"] if group["id"] == identifier)
    item.update(texts)
    import_data(data)
    return GroupPage.objects.get(identifier=identifier, locale__language_code="sv")


def finnish_marks(html):
    """The texts of a group page's own fields that say they are Finnish: {class or tag: lang}."""
    return {
        "h1": html.find("h1").get("lang"),
        "lead": html.select_one(".lead").get("lang"),
        "description": html.select_one(".description").get("lang"),
    }


def language_notice(html):
    notice = html.find(class_="notice--language")
    return notice.get_text(strip=True) if notice else None


def test_untranslated_swedish_page_marks_every_text_as_finnish(client, soup, example_data, sv):
    page = import_with_swedish(
        example_data, "bandilaulu-kaustinen", description={"fi": "Lauluja on monenlaisia, ja kaikki saavat laulaa."}
    )
    assert page.alias_of_id
    html = soup(get_ok(client, page.url))
    assert finnish_marks(html) == {"h1": "fi", "lead": "fi", "description": "fi"}
    assert language_notice(html) == "Den här sidan är inte översatt ännu. Uppgifterna finns bara på finska."


def test_partly_translated_swedish_page_marks_only_the_finnish_text(client, soup, example_data, sv):
    # The file gives Swedish for the name and the description, not for the summary.
    page = import_with_swedish(
        example_data,
        "bandilaulu-kaustinen",
        title={"fi": "Laulua bändin kanssa", "sv": "Sång med band"},
        description={"fi": "Kaikki saavat laulaa.", "sv": "Alla får sjunga."},
    )
    assert not page.alias_of_id and not page.awaiting_translation
    assert page.summary == "Lauletaan tuttuja lauluja elävän bändin säestyksellä. Laulutaitoa ei tarvita."
    html = soup(get_ok(client, page.url))
    assert html.find("h1").get_text(strip=True) == "Sång med band"
    assert finnish_marks(html) == {"h1": None, "lead": "fi", "description": None}
    assert language_notice(html) == "En del uppgifter på den här sidan är inte översatta ännu. De finns på finska."
    card = soup(get_ok(client, "/sv/grupper/?q=s%C3%A5ng")).select_one("section.results article")
    assert card.find("h3").get("lang") is None
    assert card.select_one(".group-card__summary [lang]")["lang"] == "fi"


def test_translation_whose_only_finnish_text_is_the_name_gives_no_notice(client, soup, example_data, sv):
    # A name the same in both languages ("Boccia") is marked as Finnish, but it is no missing detail.
    page = import_with_swedish(
        example_data,
        "bandilaulu-kaustinen",
        title={"fi": "Bändilaulu", "sv": "Bändilaulu"},
        summary={"fi": "Lauletaan yhdessä.", "sv": "Vi sjunger tillsammans."},
        description={"fi": "Kaikki saavat laulaa.", "sv": "Alla får sjunga."},
    )
    html = soup(get_ok(client, page.url))
    assert finnish_marks(html) == {"h1": "fi", "lead": None, "description": None}
    assert language_notice(html) is None


def test_fully_translated_page_has_no_finnish_marks_and_no_notice(client, soup, imported_example, sv):
    page = GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv)
    html = soup(get_ok(client, page.url))
    assert finnish_marks(html) == {"h1": None, "lead": None, "description": None}
    assert html.find("main").find_all(attrs={"lang": "fi"}) == []
    assert language_notice(html) is None
