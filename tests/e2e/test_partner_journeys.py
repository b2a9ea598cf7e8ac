"""Partners and coordinators in the Wagtail admin (in Finnish, the partners' language of work):
a new group goes through approval to the finder, a partner sees only their own organisation's
things, a partner's Swedish translation goes live when others have approved it, and a cancelled
meeting shows on the public page at once."""

import base64
import datetime
import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from django.utils import translation

from tests.conftest import TODAY

from .conftest import log_in

pytestmark = pytest.mark.e2e

OWN = "kaustisen-kunta"
OTHER = "halsuan-kunta"
TRANSLATING = "lestijarven-kylayhdistys"  # its village café has no Swedish text in the demo data


def organisation(identifier):
    from organisations.models import OrganisationPage

    return OrganisationPage.objects.get(identifier=identifier, locale__language_code="fi")


def group_page(identifier):
    from groups.models import GroupPage

    return GroupPage.objects.get(identifier=identifier, locale__language_code="fi")


def open_new_group_form(page, organisation_page):
    page.goto(f"/admin/pages/{organisation_page.pk}/")
    page.get_by_role("link", name="Lisää alasivu").click()
    expect(page.get_by_role("textbox", name=re.compile("^Otsikko"))).to_be_visible()


def finder_results(page, query):
    page.goto(f"/fi/ryhmat/?q={query}")
    return page.get_by_role("region", name=re.compile(r"^(Löytyi \d+ ryhmä|Valitettavasti|\d+)"))


def set_up_authenticator_and_sign_in(page):
    """The first sign-in of a coordinator: add the key shown on the page to an app, type its code."""
    expect(page.get_by_role("heading", name="Kaksivaiheinen tunnistautuminen")).to_be_visible()
    key = page.get_by_text("Jos et voi skannata koodia").locator("code").inner_text()
    app = TOTP(base64.b32decode(key.replace(" ", "")))
    page.get_by_role("textbox", name="Sovelluksen koodi").fill(f"{app.token():06d}")
    page.get_by_role("button", name="Ota kaksivaiheinen tunnistautuminen käyttöön").click()


def test_partner_adds_a_group_a_coordinator_approves_it_and_it_appears_in_the_finder(new_context, make_user, settings):
    # As in production: a coordinator signs in with a code from an authenticator app too.
    settings.REQUIRE_2FA = True
    # Wagtail's autosave creates the page in the background half a second after the last change.
    # A test fills the form far faster than a person, and its submit can overtake that background
    # save and create the page a second time ("slug in use"); autosave is Wagtail's to test.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    editor = make_user("editor", OWN)
    coordinator = make_user("coordinator")
    title = "Lukupiiri kirjastossa"

    partner = new_context().new_page()
    log_in(partner, editor)
    expect(partner.get_by_role("heading", name="Ryhmäsi")).to_be_visible()  # no code asked from an editor
    open_new_group_form(partner, organisation(OWN))
    partner.get_by_role("textbox", name=re.compile("^Otsikko")).fill(title)
    partner.get_by_role("textbox", name=re.compile("^Tiivistelmä")).fill(
        "Luetaan ja jutellaan kirjoista kahvin kanssa. Kirjaa ei tarvitse lukea etukäteen."
    )
    partner.get_by_role("checkbox", name="Kulttuuri", exact=True).check()
    partner.get_by_role("button", name="Lisää Säännöllinen kokoontuminen").click()
    rule = partner.get_by_role("region", name="Säännöllinen kokoontuminen 1")
    rule.get_by_role("combobox", name="Kuinka usein").select_option(label="Joka viikko")
    rule.get_by_role("combobox", name="Viikonpäivä").select_option(label="Torstai")
    rule.get_by_role("textbox", name="Alkaa klo").fill("17:00")
    rule.get_by_role("textbox", name="Päättyy klo").fill("18:30")
    rule.get_by_role("textbox", name="Voimassa alkaen").fill(TODAY.isoformat())
    partner.keyboard.press("Escape")  # closes the date picker
    partner.get_by_role("button", name="Valitse paikka").click()
    partner.get_by_role("dialog").get_by_role("link", name=re.compile("^Kaustisen kirjasto")).click()
    expect(partner.get_by_role("dialog")).to_be_hidden()
    partner.get_by_role("button", name="Lisää toimintoja").click()
    partner.get_by_role("button", name=re.compile("^Lähetä työnkulkuun")).click()
    expect(partner.get_by_role("status").filter(has_text="lähetetty tarkastettavaksi")).to_be_visible()

    visitor = new_context().new_page()
    expect(finder_results(visitor, "lukupiiri").get_by_role("link", name=title)).to_have_count(0)

    approver = new_context().new_page()
    log_in(approver, coordinator)
    set_up_authenticator_and_sign_in(approver)
    waiting = approver.get_by_role("region", name="Odottaa tarkastustasi").get_by_role("row").filter(has_text=title)
    waiting.get_by_role("button", name="Toiminnot").click()
    waiting.get_by_role("button", name="Hyväksy", exact=True).click()
    expect(waiting).to_have_count(0)

    results = finder_results(visitor, "lukupiiri")
    results.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(visitor.get_by_role("main")).to_contain_text("Kaustisen kirjasto")


def approve_in_dashboard(page, title):
    waiting = page.get_by_role("region", name="Odottaa tarkastustasi").get_by_role("row").filter(has_text=title)
    waiting.get_by_role("button", name="Toiminnot").click()
    waiting.get_by_role("button", name="Hyväksy", exact=True).click()
    expect(waiting).to_have_count(0)


def test_partner_translates_a_group_which_is_live_in_swedish_once_others_approve_it(new_context, make_user, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see the first journey
    finnish = group_page("kylakahvila-lestijarvi")
    from wagtail.models import Locale

    swedish = finnish.get_translation(Locale.objects.get(language_code="sv"))
    assert swedish.alias_of_id == finnish.pk
    swedish_url = swedish.get_url()
    editor, approver, coordinator = (
        make_user("editor", TRANSLATING),
        make_user("approver", TRANSLATING),
        make_user("coordinator"),
    )
    title = "Bykafé i Pirtti"
    summary = "Vi dricker kaffe och pratar om byns saker. Alla är välkomna, man behöver inte anmäla sig."

    visitor = new_context().new_page()
    visitor.goto(swedish_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_attribute("lang", "fi")
    expect(visitor.get_by_role("note")).to_contain_text("bara på finska")

    partner = new_context().new_page()
    log_in(partner, editor)
    partner.goto(f"/admin/pages/{swedish.pk}/edit/")
    expect(partner.get_by_role("heading", level=1, name=re.compile("^Käännä ruotsiksi"))).to_be_visible()
    partner.get_by_role("button", name="Aloita suomenkielisestä tekstistä").click()
    title_box = partner.get_by_role("textbox", name=re.compile("^Otsikko"))
    expect(title_box).to_have_value(finnish.title)
    expect(partner.get_by_text("Tämä käännös on luonnos.")).to_be_visible()
    expect(partner.locator(".source-text [lang=fi]").first).to_have_text(finnish.title)
    title_box.fill(title)
    partner.get_by_role("textbox", name=re.compile("^Tiivistelmä")).fill(summary)
    partner.get_by_role("button", name="Lisää toimintoja").click()
    partner.get_by_role("button", name=re.compile("^Lähetä työnkulkuun")).click()
    expect(partner.get_by_role("status").filter(has_text="lähetetty tarkastettavaksi")).to_be_visible()

    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(finnish.title)

    for person in (approver, coordinator):  # the organisation's approver, then a coordinator
        reviewer = new_context().new_page()
        log_in(reviewer, person)
        approve_in_dashboard(reviewer, title)

    visitor.reload()
    expect(visitor.locator("html")).to_have_attribute("lang", "sv")
    heading = visitor.get_by_role("heading", level=1)
    expect(heading).to_have_text(title)
    expect(heading).not_to_have_attribute("lang", "fi")
    expect(visitor.get_by_role("main")).to_contain_text(summary)
    expect(visitor.get_by_text("bara på finska")).to_have_count(0)


@pytest.fixture
def images():
    """An image in the collection of the partner's own organisation and one in another's."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organisations.models import PartnerAccess

    made = {}
    for identifier, title in ((OWN, "Kaustisen kirjaston lehtisali"), (OTHER, "Halsuan palvelukeskuksen kerhohuone")):
        collection = PartnerAccess.objects.get(organisation__identifier=identifier).collection
        made[identifier] = Image.objects.create(title=title, file=get_test_image_file(), collection=collection)
    yield made
    for image in made.values():
        image.delete()


def test_partner_sees_only_their_own_organisations_groups_in_the_explorer_and_choosers(new_context, make_user, images):
    editor = make_user("editor", OWN)
    own, other = organisation(OWN), organisation(OTHER)
    own_group = group_page("kasityokahvila-kaustinen")
    other_groups = [child.title for child in other.get_children()]
    assert other_groups

    page = new_context().new_page()
    log_in(page, editor)
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Selaa sivun Ryhmähaku alasivuja").click()
    page.get_by_role("link", name="Selaa sivun Toimijat alasivuja").click()
    listing = page.get_by_role("table")
    expect(listing.get_by_role("link", name=own.title, exact=True)).to_be_visible()
    expect(listing.get_by_text(other.title)).to_have_count(0)
    page.get_by_role("link", name=f"Selaa sivun {own.title} alasivuja").click()
    expect(page.get_by_role("table").get_by_role("link", name=own_group.title)).to_be_visible()
    page.goto(f"/admin/pages/{other.pk}/")
    for title in other_groups:
        expect(page.get_by_role("main").get_by_text(title)).to_have_count(0)

    open_new_group_form(page, own)
    dialog = page.get_by_role("dialog")

    # The page chooser of a link in the description.
    description = page.locator("[contenteditable=true]").first
    description.click()
    page.keyboard.type("Katso myös")
    page.keyboard.press("Control+A")
    page.get_by_role("button", name=re.compile("^Linkki")).click()
    search = dialog.get_by_role("textbox", name="Hakutermi")
    search.fill(own_group.title)
    expect(dialog.get_by_role("link", name=own_group.title)).to_be_visible()
    for title in other_groups:
        search.fill(title)
        expect(dialog.get_by_role("alert")).to_have_text(re.compile(r"\b0 osumaa"))
    dialog.get_by_role("button", name="Sulje").click()

    # The image chooser.
    page.get_by_role("button", name="Valitse kuva").click()
    expect(dialog.get_by_text(images[OWN].title)).to_be_visible()
    expect(dialog.get_by_text(images[OTHER].title)).to_have_count(0)
    dialog.get_by_role("button", name="Sulje").click()

    # The venue (snippet) chooser.
    page.get_by_role("button", name="Valitse paikka").click()
    expect(dialog.get_by_role("link", name=re.compile("^Kaustisen kirjasto"))).to_be_visible()
    expect(dialog.get_by_role("link", name=re.compile("^Halsuan palvelukeskus"))).to_have_count(0)


def next_weeks_meeting(group):
    """The group's first meeting in the week after the tests' date."""
    from groups.models import Meeting

    monday = TODAY + datetime.timedelta(days=7 - TODAY.weekday())
    meeting = (
        Meeting.objects.filter(
            translation_key=group.translation_key, date__range=(monday, monday + datetime.timedelta(6))
        )
        .order_by("start")
        .first()
    )
    assert meeting is not None, "the demo group has no meeting next week"
    return meeting


def test_partner_cancels_next_weeks_meeting_and_the_group_page_shows_it_at_once(new_context, make_user):
    editor = make_user("editor", OWN)
    group = group_page("kasityokahvila-kaustinen")
    meeting = next_weeks_meeting(group)
    with translation.override("fi"):
        finnish_when = meeting.describe()
    with translation.override("sv"):
        swedish_when = meeting.describe()

    visitor = new_context().new_page()
    visitor.goto(group.get_url())
    expect(visitor.get_by_role("main").get_by_text(finnish_when)).to_be_visible()
    expect(visitor.get_by_role("deletion").filter(has_text=finnish_when)).to_have_count(0)

    partner = new_context().new_page()
    log_in(partner, editor)
    own_groups = partner.get_by_role("region", name="Ryhmäsi").get_by_role("row").filter(has_text=group.title)
    own_groups.get_by_role("link", name="Peru kokoontuminen").click()
    partner.get_by_role("combobox", name="Kokoontuminen").select_option(meeting.date.isoformat())
    partner.get_by_role("textbox", name="Syy suomeksi").fill("Ohjaaja on sairaana.")
    partner.get_by_role("textbox", name="Syy ruotsiksi").fill("Ledaren är sjuk.")
    partner.get_by_role("button", name="Peru tämä kokoontuminen").click()
    expect(partner.get_by_role("status")).to_contain_text(f"{meeting.date:%-d.%-m.%Y} on peruttu")

    visitor.reload()
    cancelled = visitor.get_by_role("listitem").filter(
        has=visitor.get_by_role("deletion").filter(has_text=finnish_when)
    )
    expect(cancelled).to_contain_text("Peruttu:")
    expect(cancelled).to_contain_text("Ohjaaja on sairaana.")

    visitor.goto(group.get_translation(_swedish()).get_url())
    cancelled = visitor.get_by_role("listitem").filter(
        has=visitor.get_by_role("deletion").filter(has_text=swedish_when)
    )
    expect(cancelled).to_contain_text("Inställd:")
    expect(cancelled).to_contain_text("Ledaren är sjuk.")


def _swedish():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="sv")
