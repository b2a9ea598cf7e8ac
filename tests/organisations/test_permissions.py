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
    # Groups are added in the Finnish tree only; the Swedish tree gets them by synchronisation.
    assert allowed(user, own_org) == {**EDIT_ONLY, "add_subpage": language == "fi"}
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


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_a_page_stays_in_its_own_language_tree_when_moved(partners, pages, role):
    tester = Page.objects.get(pk=pages.own_group.pk).permissions_for_user(getattr(partners, role))
    assert tester.can_move_to(pages.other_org)
    assert not tester.can_move_to(pages.other_org_sv)


@pytest.mark.parametrize("role", ["editor", "approver", "coordinator"])
def test_only_administrators_add_pages_in_the_swedish_tree(partners, pages, role):
    user = getattr(partners, role)
    for page in (pages.own_org_sv, pages.own_org_sv.get_parent(), pages.own_org_sv.get_parent().get_parent()):
        assert not Page.objects.get(pk=page.pk).permissions_for_user(user).can_add_subpage(), page.title
    assert Page.objects.get(pk=pages.own_org_sv.pk).permissions_for_user(partners.admin).can_add_subpage()


def test_editor_cannot_add_a_group_by_hand_in_the_swedish_tree(client, partners, pages, edit_form):
    client.force_login(partners.editor)
    url = f"/admin/pages/add/groups/grouppage/{pages.own_org_sv.pk}/"
    assert refused(client.get(url))
    data = edit_form(client.get(f"/admin/pages/add/groups/grouppage/{pages.own_org.pk}/"))
    data.update({"title": ["Endast på svenska"], "slug": ["endast-pa-svenska"], "summary": ["Bara svenska."]})
    data["action-submit"] = ["action-submit"]
    assert refused(client.post(url, data))
    assert not GroupPage.objects.filter(slug="endast-pa-svenska").exists()
    explorer = client.get(f"/admin/pages/{pages.own_org_sv.pk}/").content.decode()
    assert f"/admin/pages/add/groups/grouppage/{pages.own_org_sv.pk}/" not in explorer
    assert f"/admin/pages/{pages.own_org_sv.pk}/add_subpage/" not in explorer


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


# --- Venues and images chosen in the page editor --------------------------------------------

OTHER_VENUE_ERROR = "Valitse toimijasi paikka tai yhteinen paikka."
OTHER_IMAGE_ERROR = "Valitse kuva toimijasi kokoelmasta."


def post_edit(client, page, edit_form, **changes):
    data = edit_form(client.get(edit_url(page)))
    for name, value in changes.items():
        data[name] = [str(value)]
    return client.post(edit_url(page), data)


def test_group_editor_refuses_another_organisations_venue_and_image(client, partners, pages, venues, media, edit_form):
    client.force_login(partners.editor)
    revisions = pages.own_group.revisions.count()
    response = post_edit(client, pages.own_group, edit_form, venue=venues["other"].pk, image=media["other_image"].pk)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert OTHER_VENUE_ERROR in html
    assert OTHER_IMAGE_ERROR in html
    assert pages.own_group.revisions.count() == revisions


@pytest.mark.parametrize("venue", ["own", "shared"])
def test_group_editor_accepts_own_or_shared_venue_and_own_image(
    client, partners, pages, venues, media, edit_form, venue
):
    client.force_login(partners.editor)
    response = post_edit(client, pages.own_group, edit_form, venue=venues[venue].pk, image=media["own_image"].pk)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    draft = Page.objects.get(pk=pages.own_group.pk).get_latest_revision_as_object()
    assert (draft.venue_id, draft.image_id) == (venues[venue].pk, media["own_image"].pk)


def test_group_keeps_a_venue_and_image_it_already_has(client, partners, pages, venues, media, edit_form):
    # An imported group may meet at a venue that another organisation keeps up to date.
    GroupPage.objects.filter(pk=pages.own_group.pk).update(venue=venues["other"], image=media["other_image"])
    client.force_login(partners.editor)
    response = post_edit(client, pages.own_group, edit_form, title="Uusi otsikko")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    draft = Page.objects.get(pk=pages.own_group.pk).get_latest_revision_as_object()
    assert (draft.title, draft.venue_id) == ("Uusi otsikko", venues["other"].pk)


def test_organisation_editor_refuses_another_organisations_image_as_logo(client, partners, pages, media, edit_form):
    client.force_login(partners.editor)
    response = post_edit(client, pages.own_org, edit_form, logo=media["other_image"].pk)
    assert response.status_code == HTTPStatus.OK
    assert OTHER_IMAGE_ERROR in response.content.decode()
    response = post_edit(client, pages.own_org, edit_form, logo=media["own_image"].pk)
    assert response.status_code == HTTPStatus.FOUND


def test_coordinator_chooses_any_venue_and_image(client, partners, pages, venues, media, edit_form):
    client.force_login(partners.coordinator)
    response = post_edit(client, pages.own_group, edit_form, venue=venues["other"].pk, image=media["other_image"].pk)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]


# --- Wagtail's admin API ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["image", "document"])
def test_admin_api_lists_only_the_partners_own_images_and_documents(client, partners, media, kind):
    client.force_login(partners.editor)
    listing = client.get(f"/admin/api/main/{kind}s/")
    assert listing.status_code == HTTPStatus.OK
    titles = {item["title"] for item in listing.json()["items"]}
    assert titles == {media[f"own_{kind}"].title}
    assert client.get(f"/admin/api/main/{kind}s/{media[f'own_{kind}'].pk}/").status_code == HTTPStatus.OK
    assert client.get(f"/admin/api/main/{kind}s/{media[f'other_{kind}'].pk}/").status_code != HTTPStatus.OK


@pytest.mark.parametrize("kind", ["image", "document"])
def test_admin_api_lists_every_image_and_document_to_coordinators(client, partners, media, kind):
    client.force_login(partners.coordinator)
    titles = {item["title"] for item in client.get(f"/admin/api/main/{kind}s/").json()["items"]}
    assert {media[f"own_{kind}"].title, media[f"other_{kind}"].title} <= titles


# --- Venue views beyond the editor ----------------------------------------------------------


def venue_urls(venue):
    return [
        f"/admin/snippets/groups/venue/history/{venue.pk}/",
        f"/admin/snippets/groups/venue/history-results/{venue.pk}/",
        f"/admin/snippets/groups/venue/usage/{venue.pk}/",
        f"/admin/snippets/groups/venue/history/{venue.pk}/revisions/compare/earliest...latest/",
        f"/admin/snippets/groups/venue/copy/{venue.pk}/",
    ]


def test_partner_sees_history_and_usage_of_own_venues_only(client, partners, venues):
    for venue in venues.values():
        venue.save_revision(user=partners.coordinator)
    client.force_login(partners.editor)
    for url in venue_urls(venues["own"]):
        assert client.get(url).status_code == HTTPStatus.OK, url
    for venue in (venues["other"], venues["shared"]):
        for url in venue_urls(venue):
            assert refused(client.get(url)), url
    client.force_login(partners.coordinator)
    for url in venue_urls(venues["other"]):
        assert client.get(url).status_code == HTTPStatus.OK, url


def test_venue_chooser_answers_for_own_and_shared_venues_only(client, partners, venues):
    client.force_login(partners.editor)
    for name in ("own", "shared"):
        response = client.get(f"/admin/snippets/choose/groups/venue/chosen/{venues[name].pk}/")
        assert response.status_code == HTTPStatus.OK
        assert response.json()["result"]["id"] == str(venues[name].pk)
    assert client.get(f"/admin/snippets/choose/groups/venue/chosen/{venues['other'].pk}/").status_code != HTTPStatus.OK
    allowed = [venues["own"].pk, venues["shared"].pk]
    chosen = client.get("/admin/snippets/choose/groups/venue/chosen-multiple/", {"id": allowed}).json()["result"]
    assert {item["id"] for item in chosen} == {str(venues["own"].pk), str(venues["shared"].pk)}
    # Naming another organisation's venue refuses the whole answer (the admin guard).
    with_other = client.get(
        "/admin/snippets/choose/groups/venue/chosen-multiple/",
        {"id": [*allowed, venues["other"].pk]},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert with_other.status_code == HTTPStatus.FORBIDDEN


# --- Reports --------------------------------------------------------------------------------


def test_page_types_report_is_for_coordinators(client, partners, pages):
    url = "/admin/reports/page-types-usage/"
    # The report names the most recently edited page of each type, drafts included.
    pages.other_group.title = "Salainen luonnos"
    pages.other_group.save_revision(user=partners.other_editor)
    client.force_login(partners.editor)
    assert refused(client.get(url))
    assert refused(client.get(url + "results/"))
    assert url not in client.get("/admin/").content.decode()
    client.force_login(partners.coordinator)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "Salainen luonnos" in response.content.decode()
    assert url in client.get("/admin/").content.decode()


def edit_venue(client, user, venue, edit_form, **changes):
    client.force_login(user)
    url = f"/admin/snippets/groups/venue/edit/{venue.pk}/"
    data = edit_form(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    assert client.post(url, data).status_code == HTTPStatus.FOUND


def test_site_history_shows_partners_their_own_venues_only(client, partners, pages, venues, edit_form, soup):
    edit_venue(client, partners.other_editor, venues["other"], edit_form, name_sv="Ungdomslokalen")
    edit_venue(client, partners.editor, venues["own"], edit_form, name_sv="Församlingscentret")
    pages.other_group.save_revision(user=partners.other_editor, log_action=True)
    client.force_login(partners.editor)
    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        html = client.get(url).content.decode()
        assert venues["own"].name_fi in html, url
        assert venues["other"].name_fi not in html, url
    # The filter by user offers only the people whose entries the partner sees.
    users = soup(client.get("/admin/reports/site-history/")).find_all("input", attrs={"name": "user"})
    assert {int(user["value"]) for user in users} == {partners.editor.pk}
    export = client.get("/admin/reports/site-history/", {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert venues["own"].name_fi in text and venues["other"].name_fi not in text
    client.force_login(partners.coordinator)
    html = client.get("/admin/reports/site-history/results/").content.decode()
    assert venues["own"].name_fi in html and venues["other"].name_fi in html
