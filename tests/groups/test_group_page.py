"""What a group's public page says: whom to ask, whether one can just come, its badges and audience."""

import copy
from http import HTTPStatus

import pytest

from groups.importer import import_data
from groups.models import GroupPage

pytestmark = pytest.mark.django_db

SINGING = "bandilaulu-kaustinen"
COFFEE = "kuukausikahvit-kaustinen"
BREAKFAST = "aamupala-kokkola"
ASSOCIATION_CONTACT = {"name": "Puheenjohtaja", "phone": "+358 40 555 0101", "email": "yhdistys@example.org"}


def group_item(data, identifier):
    return next(item for item in data["groups"] if item["id"] == identifier)


def import_changed(example_data, change):
    """Import the example file after ``change(data)`` has edited a copy of it."""
    data = copy.deepcopy(example_data)
    change(data)
    import_data(data)
    return data


def give_the_association_a_contact(data, contact=ASSOCIATION_CONTACT):
    association = next(item for item in data["organisations"] if item["id"] == "kaustisen-mtyhdistys")
    association["contact"] = dict(contact)


def page_html(client, soup, identifier, language="fi"):
    page = GroupPage.objects.get(identifier=identifier, locale__language_code=language)
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    return soup(response)


def contact_section(html):
    heading = html.find(id="contact-heading")
    return heading.find_parent("section") if heading else None


# Whom to ask


def test_group_without_contact_shows_its_organisers_phone_and_email(client, soup, example_data):
    import_changed(example_data, give_the_association_a_contact)  # the singing group has no contact
    section = contact_section(page_html(client, soup, SINGING))
    assert section is not None
    assert section.find("h2").get_text(strip=True) == "Kysyttävää?"
    items = [" ".join(item.get_text().split()) for item in section.select("ul.contact li")]
    assert items == [
        "Kaustisen mielenterveysyhdistys ry: Puheenjohtaja",
        "Puhelin: +358 40 555 0101",
        "Sähköposti: yhdistys@example.org",
    ]
    assert section.find("a", href="tel:+358405550101") is not None
    assert section.find("a", href="mailto:yhdistys@example.org") is not None


def test_organisers_contact_on_the_swedish_page_names_the_untranslated_organiser_in_finnish(client, soup, example_data):
    import_changed(example_data, give_the_association_a_contact)
    section = contact_section(page_html(client, soup, SINGING, "sv"))
    assert section.find("h2").get_text(strip=True) == "Frågor?"
    organiser = section.select_one("ul.contact li span[lang]")
    assert (organiser.get_text(), organiser["lang"]) == ("Kaustisen mielenterveysyhdistys ry", "fi")
    items = [" ".join(item.get_text().split()) for item in section.select("ul.contact li")]
    assert items == [
        "Kaustisen mielenterveysyhdistys ry: Puheenjohtaja",
        "Telefon: +358 40 555 0101",
        "E-post: yhdistys@example.org",
    ]


def test_groups_own_contact_comes_before_the_organisers(client, soup, imported_example):
    section = contact_section(page_html(client, soup, BREAKFAST))
    items = [" ".join(item.get_text().split()) for item in section.select("ul.contact li")]
    # Soite has an e-mail address too, but the group's own contact has none: only the group's is shown.
    assert items == ["Ryhmätoiminnan koordinaattori", "Puhelin: +358 40 000 0001"]


def test_group_and_organiser_without_contact_show_no_contact_section(client, soup, imported_example):
    html = page_html(client, soup, SINGING)  # neither the group nor Kaustisen mielenterveysyhdistys has one
    assert contact_section(html) is None
    assert "Kysyttävää?" not in html.get_text()


def test_organisers_name_alone_is_no_contact(client, soup, example_data):
    import_changed(example_data, lambda data: give_the_association_a_contact(data, {"name": "Puheenjohtaja"}))
    assert contact_section(page_html(client, soup, SINGING)) is None


@pytest.mark.parametrize(
    ("registration", "language", "sentence", "not_said"),
    [
        (
            "none",
            "fi",
            "Sinun ei tarvitse ottaa yhteyttä ennen kuin tulet. Jos haluat kysyä jotain:",
            "Ilmoittaudu tai kysy lisää:",
        ),
        (
            "none",
            "sv",
            "Du behöver inte kontakta någon innan du kommer. Om du vill fråga något:",
            "Anmäl dig eller fråga mer:",
        ),
        ("recommended", "fi", "Ilmoittaudu tai kysy lisää:", "Sinun ei tarvitse ottaa yhteyttä"),
        ("required", "fi", "Ilmoittaudu tai kysy lisää:", "Sinun ei tarvitse ottaa yhteyttä"),
        ("required", "sv", "Anmäl dig eller fråga mer:", "Du behöver inte kontakta någon"),
    ],
)
def test_contact_sentence_follows_the_registration(
    client, soup, example_data, registration, language, sentence, not_said
):
    import_changed(example_data, lambda data: group_item(data, BREAKFAST).update(registration=registration))
    text = contact_section(page_html(client, soup, BREAKFAST, language)).get_text(" ", strip=True)
    assert sentence in text
    assert not_said not in text


# "You can just come"


def welcome(html):
    return html.select_one("aside.welcome")


def test_active_group_without_registration_or_names_says_you_can_just_come(client, soup, imported_example):
    box = welcome(page_html(client, soup, BREAKFAST))
    assert box is not None
    assert box.find("h2").get_text(strip=True) == "Voit tulla suoraan"
    assert welcome(page_html(client, soup, BREAKFAST, "sv")).find("h2").get_text(strip=True) == "Du kan komma direkt"


def test_paused_group_does_not_say_you_can_just_come(client, soup, imported_example):
    coffee = GroupPage.objects.get(identifier=COFFEE, locale__language_code="fi")
    assert coffee.status == "paused" and coffee.welcomes_walk_ins  # no registration, anonymous
    assert welcome(page_html(client, soup, COFFEE)) is None


@pytest.mark.parametrize("change", [{"registration": "recommended"}, {"anonymous_ok": False}])
def test_group_with_registration_or_names_does_not_say_you_can_just_come(client, soup, example_data, change):
    import_changed(example_data, lambda data: group_item(data, BREAKFAST).update(change))
    assert welcome(page_html(client, soup, BREAKFAST)) is None


# Badges


def test_badges_say_what_could_stop_someone_coming_too(client, soup, example_data):
    # The coffee group costs something and meets up stairs; now it needs registration too.
    import_changed(example_data, lambda data: group_item(data, COFFEE).update(registration="required"))
    html = page_html(client, soup, COFFEE)
    badges = [badge.get_text(strip=True) for badge in html.select("ul.badges li")]
    assert badges[:2] == ["Maksullinen", "Ilmoittautuminen vaaditaan"]
    finder = soup(client.get("/fi/ryhmat/?municipality=kaustinen"))
    cards = {card.find("h3").get_text(strip=True): card for card in finder.select("section.results article")}
    coffee = [badge.get_text(strip=True) for badge in cards["Kuukauden kahvit"].select("ul.badges li")]
    assert coffee == badges
    singing_badges = [badge.get_text(strip=True) for badge in cards["Laulua bändin kanssa"].select("ul.badges li")]
    assert singing_badges[:2] == ["Maksuton", "Ei ilmoittautumista"]
    assert singing_badges[-1] == "Selkokieli"


def test_an_unknown_entrance_is_not_claimed_either_way(client, soup, imported_example):
    # The coffee group: not free, not online, no plain language, no registration.
    badges = [badge.get_text(strip=True) for badge in page_html(client, soup, COFFEE).select("ul.badges li")]
    assert "Maksullinen" in badges and "Ei ilmoittautumista" in badges
    assert "Esteetön sisäänkäynti" not in badges


# Whom the group is aimed at


def test_audience_sentence_has_the_label_in_lower_case(client, soup, imported_example):
    # The singing group is for everyone and for mental health and substance use rehabilitees.
    finnish = page_html(client, soup, SINGING).get_text(" ", strip=True)
    assert "Erityisesti tervetulleita ovat mielenterveys- ja päihdekuntoutujat." in finnish
    swedish = page_html(client, soup, SINGING, "sv").get_text(" ", strip=True)
    assert "Gruppen riktar sig särskilt till personer med psykisk ohälsa eller beroende." in swedish


def test_audience_sentence_joins_the_last_two_with_and(client, soup, example_data):
    def three_targets(data):
        group_item(data, SINGING)["target_groups"] = [
            "everyone",
            "older_people",
            "mental_health_and_substance_use",
            "family_carers",
        ]

    import_changed(example_data, three_targets)
    finnish = page_html(client, soup, SINGING).get_text(" ", strip=True)
    assert (
        "Erityisesti tervetulleita ovat ikääntyneet, mielenterveys- ja päihdekuntoutujat ja omaishoitajat." in finnish
    )
    swedish = page_html(client, soup, SINGING, "sv").get_text(" ", strip=True)
    assert (
        "Gruppen riktar sig särskilt till äldre, personer med psykisk ohälsa eller beroende och närståendevårdare."
        in swedish
    )


# Who runs it


def labelled_links(html):
    """{"Arrangör": <a>, ...}: the first link of each paragraph that starts with a label."""
    return {p.get_text(" ", strip=True).split(":")[0]: p.find("a") for p in html.select("main p") if p.find("a")}


def test_organisers_not_translated_yet_are_marked_finnish_on_the_swedish_page(client, soup, imported_example):
    # The singing group is run by an association whose page has no Swedish text.
    organiser = labelled_links(page_html(client, soup, SINGING, "sv"))["Arrangör"]
    assert (organiser.get_text(strip=True), organiser.get("lang")) == ("Kaustisen mielenterveysyhdistys ry", "fi")
    # The breakfast is run by Soite with the parish, both translated.
    links = labelled_links(page_html(client, soup, BREAKFAST, "sv"))
    assert (links["Arrangör"].get_text(strip=True), links["Arrangör"].get("lang")) == (
        "Välfärdsområdet i Mellersta Österbotten Soite",
        None,
    )
    assert (links["Tillsammans med"].get_text(strip=True), links["Tillsammans med"].get("lang")) == (
        "Karleby finska församling",
        None,
    )
