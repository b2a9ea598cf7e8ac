"""Who may do what: role × own/other organisation × kind of object × action.

Checked twice: through Wagtail's permission API (what the admin asks before showing a button)
and through the real admin views (what happens when someone tries anyway).
"""

from http import HTTPStatus

import pytest

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from groups.models import ActivityType, GroupPage, Municipality, Venue
from organisations.models import PartnerAccess

pytestmark = pytest.mark.django_db

PAGE_ACTIONS = ("edit", "add_subpage", "publish", "unpublish", "delete", "move", "lock")


def allowed(user, page):
    tester = Page.objects.get(pk=page.pk).permissions_for_user(user)
    return {
        "edit": tester.can_edit(),
        "add_subpage": tester.can_add_subpage(),
        "publish": tester.can_publish(),
        "unpublish": tester.can_unpublish(),
        "delete": tester.can_delete(),
        "move": tester.can_move(),
        "lock": tester.can_lock(),
    }


NOTHING = dict.fromkeys(PAGE_ACTIONS, False)
EDIT_ONLY = {**NOTHING, "edit": True}


@pytest.mark.parametrize("role", ["editor", "approver"])
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_partner_may_only_edit_own_groups_and_organisation_in_both_languages(partners, pages, role, language):
    user = getattr(partners, role)
    suffix = "" if language == "fi" else "_sv"
    own_group, own_org = getattr(pages, f"own_group{suffix}"), getattr(pages, f"own_org{suffix}")
    other_group, other_org = getattr(pages, f"other_group{suffix}"), getattr(pages, f"other_org{suffix}")
    assert allowed(user, own_group) == EDIT_ONLY
    assert allowed(user, own_org) == {**EDIT_ONLY, "add_subpage": True}
    assert allowed(user, other_group) == NOTHING
    assert allowed(user, other_org) == NOTHING


@pytest.mark.parametrize("role", ["editor", "approver", "other_editor"])
def test_partner_may_not_touch_the_shared_pages(partners, role):
    user = getattr(partners, role)
    for page in Page.objects.filter(depth__in=[2, 3]):
        assert allowed(user, page) == NOTHING, page.title


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_administrators_may_do_everything_with_pages(partners, pages, role):
    user = getattr(partners, role)
    for page in (pages.own_group, pages.other_group_sv):
        # Nothing can be added under a group, not even by a coordinator.
        assert allowed(user, page) == {**dict.fromkeys(PAGE_ACTIONS, True), "add_subpage": False}, page.title
    assert allowed(user, pages.other_org) == dict.fromkeys(PAGE_ACTIONS, True)


def test_partner_may_not_delete_even_a_draft_group(partners, pages):
    # Wagtail would let an editor delete their own unpublished page; this site never lets partners delete.
    draft = GroupPage(title="Luonnos", slug="luonnos", summary="Luonnos.", locale=pages.own_group.locale, live=False)
    pages.own_org.add_child(instance=draft)
    draft.save_revision(user=partners.editor)
    assert allowed(partners.editor, draft)["delete"] is False


def test_inactive_partner_may_do_nothing(partners, pages):
    partners.editor.is_active = False
    partners.editor.save()
    assert allowed(partners.editor, pages.own_group) == NOTHING


# --- The admin views ------------------------------------------------------------------------


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def refused(response):
    """The admin refuses: 403, or (for page views) back to the dashboard with an error message."""
    return response.status_code == HTTPStatus.FORBIDDEN or (
        response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"
    )


@pytest.mark.parametrize("attribute", ["own_group", "own_group_sv", "own_org", "own_org_sv"])
def test_editor_opens_own_pages_in_the_editor(client, partners, pages, attribute):
    client.force_login(partners.editor)
    assert client.get(edit_url(getattr(pages, attribute))).status_code == HTTPStatus.OK


def test_editor_opens_own_untranslated_swedish_alias(client, partners, pages):
    # Kaustinen's Swedish pages are aliases of the Finnish ones until someone translates them.
    assert pages.other_group_sv.alias_of_id == pages.other_group.pk
    client.force_login(partners.other_editor)
    assert client.get(edit_url(pages.other_group_sv)).status_code == HTTPStatus.OK
    assert allowed(partners.other_editor, pages.other_group_sv) == EDIT_ONLY
    client.force_login(partners.editor)
    assert refused(client.get(edit_url(pages.other_group_sv)))


@pytest.mark.parametrize("attribute", ["other_group", "other_group_sv", "other_org", "other_org_sv"])
def test_editor_cannot_open_other_organisations_pages(client, partners, pages, attribute):
    client.force_login(partners.editor)
    assert refused(client.get(edit_url(getattr(pages, attribute))))


@pytest.mark.parametrize("attribute", ["own_group", "own_group_sv"])
def test_editor_saves_a_draft_of_own_group_and_nothing_goes_live(client, partners, pages, edit_form, attribute):
    page = getattr(pages, attribute)
    live_title = page.title
    client.force_login(partners.editor)
    data = edit_form(client.get(edit_url(page)))
    data["title"] = ["Uusi otsikko"]
    data["action-publish"] = ["action-publish"]  # an editor trying to publish gets a draft
    response = client.post(edit_url(page), data)
    assert response.status_code == HTTPStatus.FOUND
    page.refresh_from_db()
    assert page.title == live_title
    assert page.has_unpublished_changes
    assert page.get_latest_revision().user == partners.editor
    assert page.get_latest_revision_as_object().title == "Uusi otsikko"


def test_editor_cannot_save_other_organisations_group(client, partners, pages, edit_form):
    client.force_login(partners.other_editor)
    data = edit_form(client.get(edit_url(pages.other_group)))
    client.force_login(partners.editor)
    revisions = pages.other_group.revisions.count()
    data["title"] = ["Kaapattu"]
    assert refused(client.post(edit_url(pages.other_group), data))
    assert pages.other_group.revisions.count() == revisions
    pages.other_group.refresh_from_db()
    assert pages.other_group.title != "Kaapattu"


@pytest.mark.parametrize("view", ["delete", "move", "unpublish", "lock"])
@pytest.mark.parametrize("attribute", ["own_group", "other_group"])
def test_editor_cannot_delete_move_unpublish_or_lock_groups(client, partners, pages, view, attribute):
    page = getattr(pages, attribute)
    client.force_login(partners.editor)
    if view != "lock":  # locking is a POST-only action
        assert refused(client.get(f"/admin/pages/{page.pk}/{view}/"))
    assert refused(client.post(f"/admin/pages/{page.pk}/{view}/"))
    page = Page.objects.get(pk=page.pk)
    assert page.live
    assert not page.locked


def test_editor_cannot_move_own_group_under_another_organisation(client, partners, pages):
    client.force_login(partners.editor)
    assert refused(client.post(f"/admin/pages/{pages.own_group.pk}/move/{pages.other_org.pk}/confirm/"))
    assert Page.objects.get(pk=pages.own_group.pk).get_parent().pk == pages.own_org.pk


@pytest.mark.parametrize("role", ["editor", "coordinator", "admin"])
def test_a_copy_stays_in_its_own_language_tree(partners, pages, role):
    tester = Page.objects.get(pk=pages.own_group.pk).permissions_for_user(getattr(partners, role))
    assert tester.can_copy_to(pages.own_org)
    assert not tester.can_copy_to(pages.own_org_sv)


def test_coordinator_may_delete_a_group(client, partners, pages):
    client.force_login(partners.coordinator)
    response = client.post(f"/admin/pages/{pages.other_group.pk}/delete/")
    assert response.status_code == HTTPStatus.FOUND
    assert not Page.objects.filter(pk=pages.other_group.pk).exists()


def test_editor_cannot_add_a_group_under_another_organisation(client, partners, pages):
    client.force_login(partners.editor)
    assert refused(client.get(f"/admin/pages/add/groups/grouppage/{pages.other_org.pk}/"))


def test_editor_adds_a_group_under_own_organisation_as_a_draft_in_both_trees(client, partners, pages, edit_form):
    client.force_login(partners.editor)
    url = f"/admin/pages/add/groups/grouppage/{pages.own_org.pk}/"
    data = edit_form(client.get(url))
    data.update(
        {
            "title": ["Kävelyryhmä"],
            "slug": ["kavelyryhma"],
            "summary": ["Kävellään yhdessä."],
            "activity_types": [str(ActivityType.objects.get(code="exercise").pk)],
            "action-publish": ["action-publish"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    group = GroupPage.objects.get(slug="kavelyryhma", locale=pages.own_org.locale)
    assert not group.live
    swedish = GroupPage.objects.get(translation_key=group.translation_key, locale=pages.own_org_sv.locale)
    assert swedish.get_parent().pk == pages.own_org_sv.pk
    assert allowed(partners.editor, swedish)["edit"]
    assert not allowed(partners.other_editor, swedish)["edit"]
    assert group.get_workflow() is not None and swedish.get_workflow() is not None


# --- Listings, search and choosers ------------------------------------------------------------


def titles(response, soup):
    return {cell.get_text(" ", strip=True) for cell in soup(response).select("td.title a, td.title")}


def test_explorer_shows_own_organisation_only(client, partners, pages, soup):
    client.force_login(partners.editor)
    index = pages.own_org.get_parent()
    response = client.get(f"/admin/pages/{index.pk}/")
    assert response.status_code == HTTPStatus.OK
    text = soup(response).get_text(" ")
    assert pages.own_org.title in text
    assert pages.other_org.title not in text
    own = client.get(f"/admin/pages/{pages.own_org.pk}/")
    assert pages.own_group.title in soup(own).get_text(" ")


def test_explorer_hides_other_organisations_groups(client, partners, pages, soup):
    client.force_login(partners.editor)
    response = client.get(f"/admin/pages/{pages.other_org.pk}/")
    assert pages.other_group.title not in soup(response).get_text(" ")


def test_admin_search_finds_own_groups_only(client, partners, pages):
    client.force_login(partners.editor)
    own = client.get("/admin/pages/search/", {"q": pages.own_group.title})
    other = client.get("/admin/pages/search/", {"q": pages.other_group.title})
    assert own.status_code == other.status_code == HTTPStatus.OK
    assert edit_url(pages.own_group) in own.content.decode()
    assert edit_url(pages.other_group) not in other.content.decode()
    assert edit_url(pages.other_group_sv) not in other.content.decode()


def test_page_chooser_offers_own_groups_and_every_organisation(client, partners, pages):
    client.force_login(partners.editor)
    own = client.get("/admin/choose-page/search/", {"q": pages.own_group.title})
    other = client.get("/admin/choose-page/search/", {"q": pages.other_group.title})
    organisation = client.get("/admin/choose-page/search/", {"q": pages.other_org.title})
    assert pages.own_group.title in own.content.decode()
    assert pages.other_group.title not in other.content.decode()
    # Partner organisations and leaders' organisations are chosen from every organisation.
    assert pages.other_org.title in organisation.content.decode()
    browse = client.get(f"/admin/choose-page/{pages.other_org.pk}/")
    assert pages.other_group.title not in browse.json()["html"]


def test_coordinator_page_chooser_offers_everything(client, partners, pages):
    client.force_login(partners.coordinator)
    other = client.get("/admin/choose-page/search/", {"q": pages.other_group.title})
    assert pages.other_group.title in other.content.decode()


@pytest.fixture
def media(partners):
    """An image and a document in Soite's collection and in Kaustinen's."""
    items = {}
    for identifier, name in (("soite", "own"), ("kaustisen-mtyhdistys", "other")):
        collection = PartnerAccess.objects.get(organisation__identifier=identifier).collection
        items[f"{name}_image"] = Image.objects.create(
            title=f"{name}-kuva", file=get_test_image_file(f"{name}.png"), collection=collection
        )
        items[f"{name}_document"] = Document.objects.create(
            title=f"{name}-asiakirja", file=ContentFile(b"teksti", name=f"{name}.txt"), collection=collection
        )
    return items


def test_image_chooser_and_listing_show_own_images_only(client, partners, media):
    client.force_login(partners.editor)
    chooser = client.get("/admin/images/chooser/").json()["html"]
    listing = client.get("/admin/images/").content.decode()
    for html in (chooser, listing):
        assert "own-kuva" in html
        assert "other-kuva" not in html
    assert client.get(f"/admin/images/{media['other_image'].pk}/").status_code != HTTPStatus.OK
    assert client.get(f"/admin/images/{media['own_image'].pk}/").status_code == HTTPStatus.OK


def test_document_chooser_and_listing_show_own_documents_only(client, partners, media):
    client.force_login(partners.editor)
    chooser = client.get("/admin/documents/chooser/").json()["html"]
    listing = client.get("/admin/documents/").content.decode()
    for html in (chooser, listing):
        assert "own-asiakirja" in html
        assert "other-asiakirja" not in html


def test_partner_cannot_delete_other_organisations_images_or_documents(client, partners, media):
    client.force_login(partners.editor)
    assert refused(client.post(f"/admin/images/{media['other_image'].pk}/delete/"))
    assert refused(client.post(f"/admin/documents/delete/{media['other_document'].pk}/"))
    assert Image.objects.filter(pk=media["other_image"].pk).exists()
    assert Document.objects.filter(pk=media["other_document"].pk).exists()


def test_coordinator_sees_every_image(client, partners, media):
    client.force_login(partners.coordinator)
    chooser = client.get("/admin/images/chooser/").json()["html"]
    assert "own-kuva" in chooser and "other-kuva" in chooser


# --- Venues and vocabularies ------------------------------------------------------------------


@pytest.fixture
def venues(partners):
    shared = Venue.objects.create(
        identifier="kirjasto", name_fi="Pääkirjasto", municipality=Municipality.objects.get(code="kokkola")
    )
    return {
        "own": Venue.objects.get(identifier="kokkola-seurakuntakeskus"),
        "other": Venue.objects.get(identifier="kaustinen-nuorisotila"),
        "shared": shared,
    }


def test_venue_listing_shows_own_venues_only(client, partners, venues):
    client.force_login(partners.editor)
    response = client.get("/admin/snippets/groups/venue/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert venues["own"].name_fi in html
    assert venues["other"].name_fi not in html


def test_venue_chooser_offers_own_and_shared_venues(client, partners, venues):
    client.force_login(partners.editor)
    html = client.get("/admin/snippets/choose/groups/venue/").json()["html"]
    assert venues["own"].name_fi in html
    assert venues["shared"].name_fi in html
    assert venues["other"].name_fi not in html


def test_partner_edits_own_venue_but_not_others(client, partners, venues, edit_form):
    client.force_login(partners.editor)
    own_url = f"/admin/snippets/groups/venue/edit/{venues['own'].pk}/"
    assert client.get(own_url).status_code == HTTPStatus.OK
    for venue in (venues["other"], venues["shared"]):
        url = f"/admin/snippets/groups/venue/edit/{venue.pk}/"
        assert refused(client.get(url))
        assert refused(client.post(url, {"name_fi": "Kaapattu"}))
        venue.refresh_from_db()
        assert venue.name_fi != "Kaapattu"
    data = edit_form(client.get(own_url))
    data["lift"] = ["true"]
    assert client.post(own_url, data).status_code == HTTPStatus.FOUND
    venues["own"].refresh_from_db()
    assert venues["own"].lift is True


def test_partner_cannot_give_a_venue_to_another_organisation(client, partners, pages, venues, edit_form):
    client.force_login(partners.editor)
    url = f"/admin/snippets/groups/venue/edit/{venues['own'].pk}/"
    data = edit_form(client.get(url))
    data["owner"] = [str(pages.other_org.pk)]
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    venues["own"].refresh_from_db()
    assert venues["own"].owner_id == pages.own_org.pk


def test_partners_new_venue_belongs_to_their_organisation(client, partners, pages, edit_form):
    client.force_login(partners.editor)
    url = "/admin/snippets/groups/venue/add/"
    data = edit_form(client.get(url))
    data.update(
        {
            "identifier": ["uusi-paikka"],
            "name_fi": ["Uusi paikka"],
            "municipality": [str(Municipality.objects.get(code="kokkola").pk)],
        }
    )
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    assert Venue.objects.get(identifier="uusi-paikka").owner_id == pages.own_org.pk


def test_partner_cannot_delete_a_venue(client, partners, venues):
    client.force_login(partners.editor)
    assert refused(client.post(f"/admin/snippets/groups/venue/delete/{venues['own'].pk}/"))
    assert Venue.objects.filter(pk=venues["own"].pk).exists()


def test_coordinator_edits_any_venue(client, partners, venues):
    client.force_login(partners.coordinator)
    for venue in venues.values():
        assert client.get(f"/admin/snippets/groups/venue/edit/{venue.pk}/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("model", ["municipality", "activitytype", "targetgroup", "language"])
def test_only_coordinators_edit_vocabularies(client, partners, model):
    client.force_login(partners.editor)
    assert refused(client.get(f"/admin/snippets/groups/{model}/"))
    assert refused(client.get(f"/admin/snippets/groups/{model}/edit/1/"))
    assert refused(client.post(f"/admin/snippets/groups/{model}/edit/1/", {"name_fi": "Muutettu"}))
    client.force_login(partners.coordinator)
    assert client.get(f"/admin/snippets/groups/{model}/").status_code == HTTPStatus.OK


def test_coordinator_cannot_administer_users(client, partners):
    client.force_login(partners.coordinator)
    assert client.get("/admin/users/").status_code != HTTPStatus.OK
    assert client.get("/admin/groups/").status_code != HTTPStatus.OK
    client.force_login(partners.admin)
    assert client.get("/admin/users/").status_code == HTTPStatus.OK
