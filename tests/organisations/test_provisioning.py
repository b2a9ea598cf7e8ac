"""provision_organisation: groups, page permissions in both trees, a collection, the workflow."""

from http import HTTPStatus

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from organisations import roles
from organisations.models import OrganisationIndexPage, OrganisationPage, PartnerAccess
from organisations.services import provision_organisation, role_group_name

pytestmark = pytest.mark.django_db


def counts():
    return (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Collection.objects.count(),
        PartnerAccess.objects.count(),
    )


def page_permissions(group):
    return {
        (permission.page.locale.language_code, permission.permission.codename)
        for permission in GroupPagePermission.objects.filter(group=group).select_related("page__locale", "permission")
    }


def test_importing_an_organisation_provisions_it(imported_example):
    access = PartnerAccess.objects.get(organisation__identifier="soite")
    assert access.editors.name == "Keski-Pohjanmaan hyvinvointialue Soite [soite]: muokkaajat – redigerare"
    assert access.approvers.name == "Keski-Pohjanmaan hyvinvointialue Soite [soite]: hyväksyjät – godkännare"
    assert access.collection.name == "Keski-Pohjanmaan hyvinvointialue Soite"
    assert access.organisation.locale.language_code == "fi"
    assert PartnerAccess.objects.count() == len(imported_example["organisations"])


def test_editors_may_add_and_change_but_not_publish_in_both_language_trees(imported_example):
    access = PartnerAccess.objects.get(organisation__identifier="soite")
    expected = {(language, code) for language in ("fi", "sv") for code in ("add_page", "change_page")}
    assert page_permissions(access.editors) == expected
    assert page_permissions(access.approvers) == expected


def test_permissions_sit_on_the_organisation_page_of_each_tree(imported_example):
    access = PartnerAccess.objects.get(organisation__identifier="kaustisen-mtyhdistys")
    versions = OrganisationPage.objects.filter(translation_key=access.organisation.translation_key)
    assert {page.locale.language_code for page in versions} == {"fi", "sv"}
    for page in versions:
        assert GroupPagePermission.objects.filter(group=access.editors, page=page).count() == 2


def test_partners_get_their_own_collection_without_delete(imported_example):
    access = PartnerAccess.objects.get(organisation__identifier="soite")
    codenames = set(
        GroupCollectionPermission.objects.filter(group=access.editors, collection=access.collection).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    assert not GroupCollectionPermission.objects.filter(group=access.editors).exclude(collection=access.collection)


def test_provisioning_is_idempotent(imported_example):
    before = counts()
    for page in OrganisationPage.objects.all():
        provision_organisation(page)
        provision_organisation(page)
    assert counts() == before


def test_every_organisation_and_group_page_has_the_workflow(imported_example):
    for page in Page.objects.type(OrganisationPage).specific():
        assert page.get_workflow().name == roles.WORKFLOW_NAME
    from groups.models import GroupPage

    assert GroupPage.objects.count() == 2 * len(imported_example["groups"])
    for page in GroupPage.objects.all():
        assert page.get_workflow().name == roles.WORKFLOW_NAME


def test_a_new_swedish_translation_gets_the_permissions(imported_example, sv):
    from core.translation import create_translation

    organisation = OrganisationPage.objects.get(identifier="kaustisen-mtyhdistys", locale__language_code="fi")
    alias = organisation.get_translation(sv)
    access = organisation.access
    # Someone removed the Swedish permissions; translating the page (alias -> real page) restores them.
    GroupPagePermission.objects.filter(page=alias).delete()
    alias.delete()
    translation = create_translation(organisation, sv, {"title": "Kaustby förening för psykisk hälsa"})
    translation.save_revision().publish()
    assert page_permissions(access.editors) == {
        (language, code) for language in ("fi", "sv") for code in ("add_page", "change_page")
    }


def test_an_alias_made_by_tree_synchronisation_gets_the_permissions(fi, sv):
    index = OrganisationIndexPage.objects.get(locale=fi)
    organisation = OrganisationPage(title="Halsuan kunta", kind="municipality", locale=fi)
    index.add_child(instance=organisation)
    access = PartnerAccess.objects.get(organisation=organisation)
    assert page_permissions(access.editors) == {("fi", "add_page"), ("fi", "change_page")}
    alias = organisation.copy_for_translation(sv, copy_parents=True, alias=True)
    assert alias.alias_of_id == organisation.pk
    assert ("sv", "change_page") in page_permissions(access.editors)


def test_renaming_the_organisation_renames_its_groups_and_collection(imported_example):
    organisation = OrganisationPage.objects.get(identifier="soite", locale__language_code="fi")
    organisation.title = "Soite"
    organisation.save_revision().publish()
    access = provision_organisation(organisation)
    assert access.editors.name == "Soite [soite]: muokkaajat – redigerare"
    assert access.collection.name == "Soite"


def test_long_names_are_shortened_to_fit_a_group_name(fi):
    organisation = OrganisationPage(title="A" * 255, identifier="b" * 80, locale=fi)
    name = role_group_name(organisation, "approvers")
    assert len(name) <= Group._meta.get_field("name").max_length
    assert "b" * 80 in name


def test_provisioning_from_the_swedish_page_finds_the_same_organisation(imported_example, sv):
    swedish = OrganisationPage.objects.get(identifier="soite", locale=sv)
    before = counts()
    access = provision_organisation(swedish)
    assert access.organisation.locale == Locale.get_default()
    assert counts() == before


def test_organisation_created_in_the_admin_is_provisioned(client, partners, fi):
    client.force_login(partners.coordinator)
    index = OrganisationIndexPage.objects.get(locale=fi)
    response = client.post(
        f"/admin/pages/add/organisations/organisationpage/{index.pk}/",
        nested_form_data(
            {
                "title": "Lestijärven kunta",
                "slug": "lestijarven-kunta",
                "kind": "municipality",
                "description": rich_text(""),
                "identifier": "lestijarvi",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    organisation = OrganisationPage.objects.get(identifier="lestijarvi", locale=fi)
    access = PartnerAccess.objects.get(organisation=organisation)
    assert access.editors.name == "Lestijärven kunta [lestijarvi]: muokkaajat – redigerare"
    # The admin also made the Swedish alias (tree synchronisation): it has the permissions too.
    assert ("sv", "change_page") in page_permissions(access.editors)
