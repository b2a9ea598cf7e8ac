"""Copying a page in the admin: the copy is a new page with an identifier of its own, in both trees.

A partner copies its own group to start a similar one. The copy must not share the import
identifier of the original (editing either would then fail, and an export would hold the same id
twice), and like any new Finnish page it must appear in the Swedish tree as an alias that shares
the copy's identifier.
"""

from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.models import Page

from groups.exporter import Exporter
from groups.importer import import_data
from groups.models import GroupPage
from organisations.models import OrganisationPage, PartnerAccess

pytestmark = pytest.mark.django_db


def copy_url(page):
    return reverse("wagtailadmin_pages:copy", args=[page.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def versions(model, page):
    """The page's language versions by language code."""
    return {
        version.locale.language_code: version
        for version in model.objects.filter(translation_key=page.translation_key).select_related("locale")
    }


def copy_as(client, user, page, parent, title, slug, **extra):
    client.force_login(user)
    data = {"new_title": title, "new_slug": slug, "new_parent_page": str(parent.pk), **extra}
    response = client.post(copy_url(page), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    return GroupPage.objects.get(slug=slug, locale=parent.locale) if isinstance(page, GroupPage) else None


def submit_unchanged(client, page, edit_form):
    """Open the page in the real editor and submit it for approval as it is."""
    data = edit_form(client.get(edit_url(page)))
    data["action-submit"] = ["action-submit"]
    return client.post(edit_url(page), data)


@pytest.fixture
def copied(client, partners, pages):
    """Soite's editor's copy of Soite's group, made in the admin."""
    return copy_as(client, partners.editor, pages.own_group, pages.own_org, "Toinen aamupala", "toinen-aamupala")


def test_partners_copy_of_a_group_is_a_draft_with_an_identifier_of_its_own(copied, pages):
    assert not copied.live
    assert copied.identifier == "toinen-aamupala"
    assert copied.identifier != pages.own_group.identifier
    # The draft revision the editor opens carries the new identifier too.
    assert copied.get_latest_revision_as_object().identifier == "toinen-aamupala"
    pages.own_group.refresh_from_db()
    assert pages.own_group.identifier == "aamupala-kokkola"


def test_copy_appears_in_the_swedish_tree_with_the_same_identifier(copied, pages, sv):
    swedish = versions(GroupPage, copied)["sv"]
    assert swedish.alias_of_id == copied.pk
    assert swedish.get_parent().pk == pages.own_org_sv.pk
    assert swedish.identifier == copied.identifier


def test_original_and_copy_can_both_be_edited_and_submitted(client, partners, pages, copied, edit_form):
    for page in (pages.own_group, copied):
        response = submit_unchanged(client, page, edit_form)
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
        assert Page.objects.get(pk=page.pk).specific.current_workflow_state is not None


def test_copy_is_translated_with_the_identifier_of_its_finnish_page(client, partners, copied, edit_form):
    alias = versions(GroupPage, copied)["sv"]
    client.force_login(partners.editor)
    response = client.post(reverse("home_start_translation", args=[alias.pk]))
    assert response.status_code == HTTPStatus.FOUND
    swedish = GroupPage.objects.get(pk=alias.pk)
    assert swedish.alias_of_id is None
    assert swedish.identifier == copied.identifier
    data = edit_form(client.get(edit_url(swedish)))
    data.update({"title": ["Annan frukost"], "action-submit": ["action-submit"]})
    assert client.post(edit_url(swedish), data).status_code == HTTPStatus.FOUND
    assert GroupPage.objects.get(pk=alias.pk).get_latest_revision_as_object().identifier == copied.identifier


def test_export_with_a_copy_has_unique_ids_and_imports_again(copied):
    exported = Exporter().export()
    ids = [group["id"] for group in exported["groups"]]
    assert "toinen-aamupala" in ids
    assert len(ids) == len(set(ids))
    import_data(exported, dry_run=True)  # raises ImportFailed on a duplicate id


def test_partner_cannot_copy_into_another_organisation_or_the_swedish_tree(client, partners, pages):
    client.force_login(partners.editor)
    before = GroupPage.objects.count()
    for parent in (pages.other_org, pages.own_org_sv):
        data = {"new_title": "Kopio", "new_slug": "kopio", "new_parent_page": str(parent.pk)}
        response = client.post(copy_url(pages.own_group), data)
        assert response.status_code == HTTPStatus.OK  # the form again, with an error
    assert GroupPage.objects.count() == before


def test_copy_form_offers_no_alias_of_a_group_or_an_organisation(client, partners, pages, soup):
    client.force_login(partners.coordinator)
    for page in (pages.own_group, pages.own_org):
        form = soup(client.get(copy_url(page)))
        assert form.find("input", attrs={"name": "new_title"}) is not None
        assert form.find("input", attrs={"name": "alias"}) is None


def test_coordinators_copy_of_an_organisation_gets_its_own_identifier_and_partner_groups(client, partners, pages):
    index = pages.own_org.get_parent()
    client.force_login(partners.coordinator)
    data = {
        "new_title": "Soite 2",
        "new_slug": "soite-2",
        "new_parent_page": str(index.pk),
        "copy_subpages": "on",
        "publish_copies": "on",
    }
    response = client.post(copy_url(pages.own_org), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    copy = OrganisationPage.objects.get(slug="soite-2", locale=pages.own_org.locale)
    assert copy.live
    assert copy.identifier == "soite-2"
    access = PartnerAccess.objects.get(organisation=copy)
    original = PartnerAccess.objects.get(organisation=pages.own_org)
    assert access.editors_id != original.editors_id
    assert access.approvers_id != original.approvers_id
    assert access.collection_id != original.collection_id
    assert versions(OrganisationPage, copy)["sv"].identifier == "soite-2"
    groups = GroupPage.objects.child_of(copy)
    assert groups.exists()
    identifiers = list(GroupPage.objects.filter(locale=pages.own_org.locale).values_list("identifier", flat=True))
    assert len(identifiers) == len(set(identifiers))
    for group in groups:
        swedish = versions(GroupPage, group)["sv"]
        assert swedish.identifier == group.identifier
        assert swedish.get_parent().specific.identifier == "soite-2"


def test_a_copy_made_in_code_gets_its_own_identifier_too(pages):
    copy = pages.own_group.copy(update_attrs={"slug": "kopio", "title": "Kopio"}, keep_live=False).specific
    assert copy.identifier == "kopio"
    assert copy.get_latest_revision_as_object().identifier == "kopio"
