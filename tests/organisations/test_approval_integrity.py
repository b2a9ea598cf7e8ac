"""Nothing goes live unreviewed, by any path, and partners see nothing of each other.

One test per finding of the independent check (issue 16), each through the real admin views or
the admin API, as a partner's staff member would try it with a browser or plain HTTP requests.
The enumeration of every admin URL is in ``test_admin_enumeration.py``.
"""

import json
from http import HTTPStatus

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, WorkflowState

from groups.models import GroupPage, Municipality, ScheduleRule, Venue
from organisations.models import PartnerAccess
from tests.conftest import form_values

pytestmark = pytest.mark.django_db

DRAFT_SUMMARY = "Luonnosteksti, jota kukaan ei ole tarkistanut."


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def edit(client, user, page, action=None, **changes):
    """Post the real edit form of ``page`` with ``changes``; ``action`` e.g. "action-submit"."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_values(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    if action:
        data[action] = [action]
    return client.post(url, data)


def act(client, user, page, action):
    client.force_login(user)
    task_state = fresh(page).current_workflow_task_state
    return client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]))


def api_action(client, user, page, action, **data):
    client.force_login(user)
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/", json.dumps(data), content_type="application/json"
    )


def refused(response):
    return response.status_code in {HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND, HTTPStatus.BAD_REQUEST} or (
        response.status_code == HTTPStatus.FOUND and response["Location"].startswith("/admin/")
    )


# --- 1. Publishing publishes exactly what was reviewed ---------------------------------------


@pytest.fixture
def waiting_for_coordinator(client, partners, pages):
    """An editor's draft with unreviewed text, then the reviewed text submitted and approved once.

    Returns the page and the id of the unreviewed draft revision.
    """
    page = pages.own_group
    original = page.summary
    assert edit(client, partners.editor, page, summary=DRAFT_SUMMARY).status_code == HTTPStatus.FOUND
    draft_revision = fresh(page).latest_revision_id
    assert edit(client, partners.editor, page, "action-submit", summary=original).status_code == HTTPStatus.FOUND
    assert act(client, partners.approver, page, "approve").status_code == HTTPStatus.FOUND
    assert fresh(page).current_workflow_task.specific.__class__.__name__ == "CoordinatorApprovalTask"
    return fresh(page), draft_revision


def test_editor_cannot_revert_a_page_waiting_for_approval_through_the_admin_api(
    client, partners, waiting_for_coordinator
):
    page, draft_revision = waiting_for_coordinator
    latest = page.latest_revision_id
    response = api_action(client, partners.editor, page, "revert_to_page_revision", revision_id=draft_revision)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert fresh(page).latest_revision_id == latest

    assert act(client, partners.coordinator, page, "approve").status_code == HTTPStatus.FOUND
    page = fresh(page)
    assert page.live and not page.workflow_in_progress
    assert page.summary != DRAFT_SUMMARY
    public = client.get(page.url).content.decode()
    assert DRAFT_SUMMARY not in public


def test_approval_publishes_the_reviewed_revision_even_if_a_newer_one_appeared(
    client, partners, waiting_for_coordinator
):
    """Defence in depth: whatever path made a newer revision, the reviewed one is what goes live."""
    page, draft_revision = waiting_for_coordinator
    reviewed = page.current_workflow_task_state.revision_id
    Page.objects.get(pk=page.pk).specific.revisions.get(pk=draft_revision).as_object().save_revision(
        user=partners.editor
    )
    assert act(client, partners.coordinator, page, "approve").status_code == HTTPStatus.FOUND
    page = fresh(page)
    assert page.live_revision_id == reviewed
    assert page.summary != DRAFT_SUMMARY
    # The newer text is kept as a draft, for the editor to submit like any change.
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == DRAFT_SUMMARY


def test_coordinators_correction_while_approving_goes_live(client, partners, waiting_for_coordinator):
    page, _draft = waiting_for_coordinator
    client.force_login(partners.coordinator)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_values(client.get(url))
    data["summary"] = ["Koordinaattorin korjaama yhteenveto."]
    data["action-workflow-action"] = ["true"]
    data["workflow-action-name"] = ["approve"]
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    page = fresh(page)
    assert page.summary == "Koordinaattorin korjaama yhteenveto."
    assert not page.has_unpublished_changes


def test_no_admin_api_action_changes_a_page_locked_by_a_coordinator(client, partners, pages):
    page = pages.own_group
    edit(client, partners.editor, page, summary=DRAFT_SUMMARY)
    draft_revision = fresh(page).latest_revision_id
    client.force_login(partners.coordinator)
    assert client.post(reverse("wagtailadmin_pages:lock", args=[page.pk])).status_code == HTTPStatus.FOUND
    assert fresh(page).locked
    before = fresh(page).latest_revision_id
    response = api_action(client, partners.editor, page, "revert_to_page_revision", revision_id=draft_revision)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert fresh(page).latest_revision_id == before


def test_editor_still_reverts_own_unlocked_draft_through_the_admin_api(client, partners, pages):
    """The lock rule does not take away what an editor may do with an unlocked page."""
    page = pages.own_group
    first = fresh(page).latest_revision_id
    edit(client, partners.editor, page, summary=DRAFT_SUMMARY)
    response = api_action(client, partners.editor, page, "revert_to_page_revision", revision_id=first)
    assert response.status_code == HTTPStatus.OK
    page = fresh(page)
    assert page.get_latest_revision_as_object().summary != DRAFT_SUMMARY
    assert page.summary != DRAFT_SUMMARY  # a revert is a draft, not a publication


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "copy_for_translation", "create_alias"])
def test_partner_cannot_publish_or_remove_through_the_admin_api(client, partners, pages, action):
    page = pages.own_group
    edit(client, partners.editor, page, summary=DRAFT_SUMMARY)
    before = Page.objects.count()
    data = {"locale": "sv"} if action == "copy_for_translation" else {}
    if action == "create_alias":
        data = {"destination_page_id": pages.own_org.pk}
    assert refused(api_action(client, partners.editor, page, action, **data))
    page = fresh(page)
    assert page.live and page.summary != DRAFT_SUMMARY
    assert Page.objects.count() == before


# --- 2. Converting an alias is a translation ----------------------------------------------------


@pytest.fixture
def own_alias(partners, pages, sv):
    """A published Finnish group of the partner's own organisation, not translated: its Swedish page is an alias."""
    group = fresh(pages.own_group).copy(
        to=fresh(pages.own_org),
        update_attrs={"title": "Uusi ryhmä", "slug": "uusi-ryhma", "summary": "Suomenkielinen yhteenveto."},
        keep_live=False,
    )
    group.save_revision(user=partners.coordinator).publish(user=partners.coordinator)
    alias = fresh(group).copy_for_translation(sv, copy_parents=True, alias=True)
    return fresh(group), fresh(alias)


def test_convert_alias_view_starts_a_translation_draft_instead_of_publishing(client, partners, own_alias):
    group, alias = own_alias
    assert alias.alias_of_id
    client.force_login(partners.editor)
    client.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))
    page = fresh(alias)
    # Either still an alias, or a translation draft that readers do not see yet.
    assert page.alias_of_id or page.awaiting_translation
    response = client.get(page.url)
    assert "inte översatt" in response.content.decode()
    # It still follows the Finnish text.
    response = edit(client, partners.editor, group, "action-submit", summary="Uusi suomenkielinen yhteenveto.")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    act(client, partners.approver, group, "approve")
    act(client, partners.coordinator, group, "approve")
    assert fresh(alias).summary == "Uusi suomenkielinen yhteenveto."


def test_convert_alias_api_action_is_refused(client, partners, own_alias):
    _group, alias = own_alias
    response = api_action(client, partners.editor, alias, "convert_alias")
    assert refused(response)
    assert fresh(alias).alias_of_id


# --- 3.–6. Nothing of another organisation by id ----------------------------------------------

SECRET_TITLE = "Kaustisen salainen luonnos"


@pytest.fixture
def other_draft(partners, pages):
    """Another organisation's live group with an unpublished title, and its never-published new group."""
    group = fresh(pages.other_group)
    group.title = SECRET_TITLE
    group.save_revision(user=partners.other_editor, log_action=True)
    new = GroupPage(title=SECRET_TITLE + " 2", slug="salainen-2", summary="x", live=False, owner=partners.other_editor)
    fresh(pages.other_org).add_child(instance=new)
    new.save_revision(user=partners.other_editor, log_action=True)
    return group, new


def text(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{org}/",
        "/admin/pages/{org}/results/",
        "/admin/choose-page/{org}/",
        "/admin/choose-page/chosen-multiple/?id={group}&id={new}",
        "/admin/bulk/wagtailcore/page/delete/?id={group}&id={new}",
        "/admin/bulk/wagtailcore/page/publish/?id={group}&id={new}",
        "/admin/pages/{new}/",
        "/admin/pages/{group}/history/",
        "/admin/pages/{group}/revisions/",
        "/admin/pages/{group}/usage/",
        "/admin/pages/{group}/edit/preview/",
    ],
)
def test_other_organisations_draft_titles_are_not_shown_by_id(client, partners, pages, other_draft, url):
    group, new = other_draft
    for user in (partners.editor, partners.approver):
        client.force_login(user)
        response = client.get(url.format(org=pages.other_org.pk, group=group.pk, new=new.pk))
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
        assert SECRET_TITLE not in text(response), url


@pytest.fixture
def other_image(partners):
    collection = PartnerAccess.objects.get(organisation__identifier="kaustisen-mtyhdistys").collection
    return Image.objects.create(
        title="Kaustisen salainen kuva", file=get_test_image_file("salainen.png"), collection=collection
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_image_chooser_does_not_show_another_organisations_image(client, partners, other_image, method):
    client.force_login(partners.editor)
    url = f"/admin/images/chooser/{other_image.pk}/select_format/"
    response = getattr(client, method)(
        url, {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-image_is_decorative": "on"}
    )
    assert refused(response)
    assert "salainen" not in text(response).lower()
    bulk = client.get("/admin/bulk/wagtailimages/image/delete/", {"id": other_image.pk})
    assert "salainen" not in text(bulk).lower()


def test_wagtail_localize_snippet_api_does_not_list_venues(client, partners):
    other = Venue.objects.get(identifier="kaustinen-nuorisotila")
    client.force_login(partners.editor)
    listing = client.get("/admin/localize/api/snippets/groups/venue/")
    detail = client.get(f"/admin/localize/api/snippets/groups/venue/{other.pk}/")
    for response in (listing, detail):
        assert refused(response)
        assert other.name_fi not in text(response)
    bulk = client.get("/admin/bulk/groups/venue/delete/", {"id": other.pk})
    assert other.name_fi not in text(bulk)


@pytest.fixture
def other_people_named(client, partners, pages, other_draft):
    """Another organisation's people have edited, submitted and locked their own pages."""
    partners.other_editor.first_name, partners.other_editor.last_name = "Salainen", "Muokkaaja"
    partners.other_editor.save()
    partners.other_approver.first_name, partners.other_approver.last_name = "Salainen", "Hyväksyjä"
    partners.other_approver.save()
    group, _new = other_draft
    edit(client, partners.other_editor, group, "action-submit", summary="Muutos hyväksyttäväksi.")
    client.force_login(partners.coordinator)
    return ("Salainen", partners.other_editor.username, partners.other_approver.username)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{home}/",
        "/admin/pages/{home}/?edited_by={other}",
        "/admin/pages/search/?q=a",
        "/admin/pages/usage/groups/grouppage/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
    ],
)
def test_filters_do_not_name_other_organisations_people(client, partners, pages, other_people_named, url):
    home = fresh(pages.own_org).get_parent().get_parent()
    for user in (partners.editor, partners.approver):
        client.force_login(user)
        response = client.get(url.format(home=home.pk, other=partners.other_editor.pk))
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
        body = text(response)
        for name in other_people_named:
            assert name not in body, (url, name)


# --- 7. No server error -----------------------------------------------------------------------


def test_venue_chooser_create_form_answers_a_partner_without_a_server_error(client, partners):
    client.force_login(partners.editor)
    url = "/admin/snippets/choose/groups/venue/create/"
    before = Venue.objects.count()
    empty = client.post(url, {})
    assert empty.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert Venue.objects.count() == before
    created = client.post(
        url,
        {
            "venue-chooser-create-form-name_fi": "Uusi kerhohuone",
            "venue-chooser-create-form-name_sv": "Nytt klubbrum",
            "venue-chooser-create-form-municipality": Municipality.objects.get(code="kokkola").pk,
            "venue-chooser-create-form-street_address": "Katu 1",
        },
    )
    assert created.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    venue = Venue.objects.filter(name_fi="Uusi kerhohuone").first()
    if venue is not None:  # created: it is the partner's own
        assert venue.owner.identifier == "soite"


# --- 8. Facts are read-only in the translation editor ------------------------------------------


def test_schedule_and_leaders_are_read_only_in_the_swedish_editor(client, partners, pages, soup):
    client.force_login(partners.editor)
    translation = fresh(pages.own_group_sv)
    assert not translation.alias_of_id
    url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
    response = client.get(url)
    html = soup(response)
    for relation in ("schedule_rules", "extra_meetings", "leaders", "partner_links"):
        assert not html.select(f"input[name^='{relation}-']"), relation
    assert (
        "Samma på båda språken" in html.get_text(" ")
        or "same in both languages" in html.get_text(" ").lower()
        or ("Sama molemmilla kielillä" in html.get_text(" "))
    )
    # A posted schedule is ignored: the facts stay the Finnish page's.
    data = form_values(response)
    data.update(
        {
            "schedule_rules-TOTAL_FORMS": ["1"],
            "schedule_rules-INITIAL_FORMS": ["0"],
            "schedule_rules-0-weekday": ["6"],
            "schedule_rules-0-start_time": ["23:00"],
            "schedule_rules-0-end_time": ["23:30"],
            "schedule_rules-0-frequency": ["weekly"],
        }
    )
    client.post(url, data)
    draft = fresh(translation).get_latest_revision_as_object()
    source_rules = [(r.weekday, r.start_time) for r in fresh(pages.own_group).schedule_rules.all()]
    assert [(r.weekday, r.start_time) for r in draft.schedule_rules.all()] == source_rules
    assert not ScheduleRule.objects.filter(weekday=6, start_time="23:00").exists()
    assert GroupPage.objects.filter(pk=translation.pk).exists()
    assert WorkflowState.objects.filter(object_id=str(translation.pk)).count() == 0


# --- Found by the second round (paths not listed in issue 16) ------------------------------------


def upload(name):
    """A PNG as the browser sends it in a form."""
    return SimpleUploadedFile(name, get_test_image_file(name).file.getvalue(), content_type="image/png")


def own_image_on_live_group(client, partners, pages):
    """An image of Soite's collection, shown on Soite's live group page (published by a coordinator)."""
    collection = PartnerAccess.objects.get(organisation__identifier="soite").collection
    image = Image.objects.create(
        title="Aamupalan kuva", file=get_test_image_file("aamupala.png"), collection=collection
    )
    group = fresh(pages.own_group)
    group.image = image
    group.image_alt = "Pöytä ja kahvikupit"
    group.save_revision(user=partners.coordinator).publish(user=partners.coordinator)
    return image


def test_partner_cannot_replace_the_file_of_an_image_a_live_page_shows(client, partners, pages):
    image = own_image_on_live_group(client, partners, pages)
    before = Image.objects.get(pk=image.pk).file.name
    client.force_login(partners.editor)
    url = reverse("wagtailimages:edit", args=[image.pk])
    fields = {"title": image.title, "description": "Pöytä ja kahvikupit"}
    response = client.post(url, {**fields, "file": upload("unreviewed.png")}, follow=True)
    assert Image.objects.get(pk=image.pk).file.name == before
    assert "lisää uusi tiedosto ja valitse se sivulle" in response.content.decode().lower()
    # The title may still be corrected, and a coordinator may replace the file.
    assert client.post(url, {**fields, "title": "Aamupala pöydässä"}).status_code == HTTPStatus.FOUND
    assert Image.objects.get(pk=image.pk).title == "Aamupala pöydässä"
    client.force_login(partners.coordinator)
    response = client.post(url, {**fields, "collection": image.collection_id, "file": upload("reviewed.png")})
    assert response.status_code == HTTPStatus.FOUND
    assert Image.objects.get(pk=image.pk).file.name != before


def test_partner_replaces_the_file_of_an_image_no_live_page_shows(client, partners):
    collection = PartnerAccess.objects.get(organisation__identifier="soite").collection
    image = Image.objects.create(title="Uusi kuva", file=get_test_image_file("uusi.png"), collection=collection)
    before = image.file.name
    client.force_login(partners.editor)
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "file": upload("toinen.png")},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Image.objects.get(pk=image.pk).file.name != before


def linking_to(page_id):
    """A rich text (the editor's Draftail form value) whose one link points to page ``page_id``."""
    link = {"type": "LINK", "mutability": "MUTABLE", "data": {"id": page_id, "url": "/", "parentId": None}}
    block = {
        "key": "a1b2c",
        "text": "Katso tämä.",
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 6, "length": 4, "key": 0}],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {"0": link}})


def test_a_rich_text_link_does_not_reveal_an_unpublished_page(client, partners, pages, other_draft):
    _group, new = other_draft
    client.force_login(partners.editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[pages.own_group.pk])
    data = form_values(client.get(reverse("wagtailadmin_pages:edit", args=[pages.own_group.pk])))
    for page_id, shown in ((new.pk, False), (pages.other_group.pk, True)):
        data["description"] = [linking_to(page_id)]
        assert client.post(url, data).json()["is_valid"]
        preview = client.get(url).content.decode()
        assert "Katso" in preview
        # A link to a live page still leads there; one to an unpublished page has no address.
        assert (f'href="{fresh(pages.other_group).url}"' in preview) is shown
        assert new.slug not in preview


@pytest.mark.parametrize(
    "url",
    [
        "/admin/images/chooser/chosen/abc/",
        "/admin/documents/chooser/chosen/abc/",
        "/admin/snippets/choose/groups/venue/chosen/abc/",
        "/admin/choose-page/chosen-multiple/?id=abc",
        "/admin/bulk/wagtailcore/page/delete/?id=abc",
        "/admin/bulk/wagtailimages/image/delete/?id=1x",
        "/admin/snippets/groups/venue/history/abc/revisions/compare/earliest...latest/",
    ],
)
def test_an_id_that_cannot_be_one_is_not_found_not_a_server_error(client, partners, url):
    for user in (partners.editor, partners.coordinator, partners.admin):
        client.force_login(user)
        # (Django's LocaleMiddleware first sends an unknown admin address to /fi/admin/…, also 404.)
        assert client.get(url, follow=True).status_code == HTTPStatus.NOT_FOUND, (url, user.username)


def test_an_editing_session_ping_with_a_bad_id_is_not_found(client, partners):
    client.force_login(partners.editor)
    response = client.post("/admin/editing-sessions/ping/wagtailcore/page/abc/1/", follow=True)
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_form_encoded_admin_api_action_meets_the_same_checks(client, partners, pages, waiting_for_coordinator):
    page, draft_revision = waiting_for_coordinator
    client.force_login(partners.editor)
    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/revert_to_page_revision/", {"revision_id": draft_revision}
    )
    assert refused(response)
    assert fresh(page).latest_revision_id != draft_revision
    response = client.post(
        f"/admin/api/main/pages/{pages.own_group.pk}/action/copy/",
        {"destination_page_id": pages.other_org.pk, "keep_live": "false"},
    )
    assert refused(response)
    assert not GroupPage.objects.child_of(pages.other_org).filter(title=pages.own_group.title).exists()


def test_partner_cannot_delete_an_image_a_live_page_shows(client, partners, pages):
    image = own_image_on_live_group(client, partners, pages)
    client.force_login(partners.editor)
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]), follow=True)
    assert Image.objects.filter(pk=image.pk).exists()
    assert "poista se ensin sivulta" in response.content.decode().lower()
    client.post(f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}")
    assert Image.objects.filter(pk=image.pk).exists()
