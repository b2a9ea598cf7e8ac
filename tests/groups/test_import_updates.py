"""Importing a changed file again: what the file says wins, in both languages, and a second import
of the same file changes nothing (see docs/import-format.md, "Importing again")."""

import copy
import json
from http import HTTPStatus

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from wagtail.models import Revision

from groups import import_format as fmt
from groups.exporter import export_json
from groups.importer import import_data
from groups.models import Cancellation, GroupPage, Venue
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db


def group_item(data, identifier):
    return next(item for item in data["groups"] if item["id"] == identifier)


def exported(kind, identifier):
    return next(item for item in json.loads(export_json())[kind] if item["id"] == identifier)


def import_twice(data):
    """Import ``data``, then again; the second import must change nothing. Returns the first report."""
    first = import_data(copy.deepcopy(data))
    revisions, export = Revision.objects.count(), export_json()
    second = import_data(copy.deepcopy(data))
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0, second.lines()
    assert Revision.objects.count() == revisions
    assert export_json() == export
    return first


def assert_export_is_valid():
    data = json.loads(export_json())
    errors = list(Draft202012Validator(fmt.schema(), format_checker=FormatChecker()).iter_errors(data))
    assert [error.message for error in errors] == []


def page(model, identifier, locale):
    return model.objects.get(identifier=identifier, locale=locale)


# --- Moving a group ---------------------------------------------------------------------------


def test_group_moved_to_another_organiser_also_takes_the_files_other_changes(imported_example, fi, sv, client):
    data = copy.deepcopy(imported_example)
    item = group_item(data, "bandilaulu-kaustinen")
    item["organiser"] = "soite"
    item["title"] = {"fi": "Uusi nimi"}
    item["status"] = "paused"

    old_urls = [page(GroupPage, "bandilaulu-kaustinen", locale).url for locale in (fi, sv)]

    report = import_twice(data)

    assert report.updated["group"] == 1
    group = page(GroupPage, "bandilaulu-kaustinen", fi)
    assert (group.title, group.status) == ("Uusi nimi", "paused")
    assert group.get_parent().specific.identifier == "soite"
    swedish = page(GroupPage, "bandilaulu-kaustinen", sv)
    assert swedish.get_parent().specific.identifier == "soite"
    assert client.get(group.url).status_code == HTTPStatus.OK
    assert client.get(swedish.url).status_code == HTTPStatus.OK
    # The old addresses lead to the new ones.
    for old_url, new_url in zip(old_urls, (group.url, swedish.url), strict=True):
        response = client.get(old_url)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"].endswith(new_url)


def test_group_moved_under_an_organiser_that_has_a_group_with_the_same_address(imported_example, fi, sv, client):
    data = copy.deepcopy(imported_example)
    # Two groups called the same under different organisers have the same slug.
    data["groups"].append({**copy.deepcopy(group_item(data, "aamupala-kokkola")), "id": "toinen-aamupala"})
    group_item(data, "toinen-aamupala")["organiser"] = "kaustisen-mtyhdistys"
    import_data(copy.deepcopy(data))
    assert page(GroupPage, "toinen-aamupala", fi).slug == page(GroupPage, "aamupala-kokkola", fi).slug

    group_item(data, "toinen-aamupala")["organiser"] = "soite"
    import_twice(data)

    moved, other = page(GroupPage, "toinen-aamupala", fi), page(GroupPage, "aamupala-kokkola", fi)
    assert moved.get_parent().pk == other.get_parent().pk
    for locale in (fi, sv):
        urls = {page(GroupPage, identifier, locale).url for identifier in ("toinen-aamupala", "aamupala-kokkola")}
        assert len(urls) == 2
        for url in urls:
            assert client.get(url).status_code == HTTPStatus.OK


# --- Swedish texts ----------------------------------------------------------------------------


def test_swedish_text_equal_to_the_finnish_is_imported_once(imported_example, fi, sv):
    data = copy.deepcopy(imported_example)
    data["organisations"][2]["name"] = {"fi": "Kyläläiset", "sv": "Kyläläiset"}
    group_item(data, "bandilaulu-kaustinen")["title"] = {"fi": "Café Minimi", "sv": "Café Minimi"}
    group_item(data, "bandilaulu-kaustinen")["summary"] = {"fi": "Sama teksti.", "sv": "Annan text."}

    import_twice(data)

    swedish = page(GroupPage, "bandilaulu-kaustinen", sv)
    assert (swedish.title, swedish.summary) == ("Café Minimi", "Annan text.")
    assert exported("groups", "bandilaulu-kaustinen")["title"] == {"fi": "Café Minimi"}


def test_swedish_equal_to_the_finnish_replaces_an_earlier_translation(imported_example, sv):
    data = copy.deepcopy(imported_example)
    item = group_item(data, "aamupala-kokkola")
    item["title"]["sv"] = item["title"]["fi"]

    import_twice(data)

    assert page(GroupPage, "aamupala-kokkola", sv).title == item["title"]["fi"]
    assert exported("groups", "aamupala-kokkola")["title"] == {"fi": item["title"]["fi"]}


def test_removing_an_optional_text_removes_its_swedish_translation_too(imported_example, fi, sv):
    data = copy.deepcopy(imported_example)
    item = group_item(data, "aamupala-kokkola")
    assert item["description"]["sv"]
    del item["description"]
    organisation = data["organisations"][0]
    organisation["description"] = {"fi": "Kuvaus.", "sv": "Beskrivning."}
    import_data(copy.deepcopy(data))
    del organisation["description"]

    import_twice(data)

    assert page(GroupPage, "aamupala-kokkola", fi).description == ""
    assert page(GroupPage, "aamupala-kokkola", sv).description == ""
    assert page(OrganisationPage, organisation["id"], sv).description == ""
    assert "description" not in exported("groups", "aamupala-kokkola")
    assert "description" not in exported("organisations", organisation["id"])
    assert_export_is_valid()


def test_a_file_without_swedish_keeps_the_translation_the_site_has(imported_example, sv):
    data = copy.deepcopy(imported_example)
    item = group_item(data, "aamupala-kokkola")
    swedish_title = item["title"].pop("sv")
    item["summary"] = {"fi": "Uusi tiivistelmä."}

    import_twice(data)

    swedish = page(GroupPage, "aamupala-kokkola", sv)
    assert swedish.title == swedish_title
    assert exported("groups", "aamupala-kokkola")["title"]["sv"] == swedish_title


def test_kept_translation_of_a_changed_finnish_text_stays_marked_out_of_date(imported_example, sv):
    from core.translation import changed_source_fields

    data = copy.deepcopy(imported_example)
    item = group_item(data, "aamupala-kokkola")
    item["summary"] = {"fi": "Uusi tiivistelmä."}
    item["title"] = {"fi": "Uusi otsikko", "sv": "Ny rubrik"}

    import_data(data)

    assert changed_source_fields(page(GroupPage, "aamupala-kokkola", sv)) == ["summary"]


def test_untranslated_fields_of_the_swedish_page_follow_the_finnish_text(imported_example, sv, client, soup):
    # Only the summary is translated: the Swedish page shows the Finnish title. When the Finnish
    # title changes, the Swedish page shows the new one; it never becomes a "Swedish" title.
    data = copy.deepcopy(imported_example)
    item = group_item(data, "bandilaulu-kaustinen")
    item["summary"]["sv"] = "Endast sammanfattningen är översatt."
    import_data(copy.deepcopy(data))
    item["title"] = {"fi": "Uusi suomenkielinen nimi"}
    item["summary"] = {"fi": "Uusi yhteenveto."}

    import_twice(data)

    swedish = page(GroupPage, "bandilaulu-kaustinen", sv)
    assert swedish.title == "Uusi suomenkielinen nimi"
    assert exported("groups", "bandilaulu-kaustinen")["title"] == {"fi": "Uusi suomenkielinen nimi"}
    assert soup(client.get(swedish.url)).h1.get_text(strip=True) == "Uusi suomenkielinen nimi"


def test_swedish_page_whose_only_translation_is_removed_shows_the_finnish_text_as_untranslated(
    imported_example, sv, client, soup
):
    data = copy.deepcopy(imported_example)
    item = group_item(data, "bandilaulu-kaustinen")
    item["description"] = {"fi": "Kuvaus.", "sv": "Beskrivning."}
    import_data(copy.deepcopy(data))
    del item["description"]

    import_twice(data)

    swedish = page(GroupPage, "bandilaulu-kaustinen", sv)
    assert swedish.is_untranslated
    assert swedish.description == ""
    h1 = soup(client.get(swedish.url)).h1
    assert (h1.get_text(strip=True), h1.get("lang")) == (item["title"]["fi"], "fi")
    assert "sv" not in json.dumps(exported("groups", "bandilaulu-kaustinen"))


def test_venue_and_cancellation_keep_their_swedish_when_the_file_has_none(imported_example):
    data = copy.deepcopy(imported_example)
    venue = data["venues"][0]
    swedish_name = venue["name"].pop("sv")
    venue["postal_code"] = "67199"
    item = group_item(data, "aamupala-kokkola")
    reason = item["schedule"]["cancelled"][0]["reason"]
    swedish_reason = reason.pop("sv")
    item["summary"] = {"fi": "Uusi tiivistelmä."}  # the group is written again

    import_twice(data)

    assert Venue.objects.get(identifier=venue["id"]).name_sv == swedish_name
    assert Cancellation.objects.get(
        group__identifier="aamupala-kokkola", group__locale__language_code="fi"
    ).reason_sv == (swedish_reason)


def test_export_then_import_then_export_is_stable_after_updates(imported_example):
    data = copy.deepcopy(imported_example)
    item = group_item(data, "aamupala-kokkola")
    del item["description"]
    item["title"] = {"fi": "Sama", "sv": "Sama"}
    import_data(data)
    export = json.loads(export_json())

    report = import_data(copy.deepcopy(export))

    assert sum(report.updated.values()) == 0
    assert json.loads(export_json()) == export
    assert_export_is_valid()


# --- References to the database ---------------------------------------------------------------


def test_a_file_may_refer_to_organisations_and_venues_already_in_the_database(imported_example, fi):
    data = {
        "organisations": [],
        "groups": [
            {
                "id": "vain-ryhma",
                "organiser": "kaustisen-mtyhdistys",
                "partners": ["soite"],
                "title": {"fi": "Vain ryhmä tiedostossa"},
                "summary": {"fi": "Viittaa tietokannan toimijaan ja paikkaan."},
                "activity_types": ["culture"],
                "venue": "kokkola-seurakuntakeskus",
                "leaders": [{"kind": "volunteer", "organisation": "kokkolan-srk"}],
                "schedule": {},
                "status": "active",
            }
        ],
    }

    report = import_twice(data)

    assert report.created["group"] == 1
    group = page(GroupPage, "vain-ryhma", fi)
    assert group.get_parent().specific.identifier == "kaustisen-mtyhdistys"
    assert group.venue.identifier == "kokkola-seurakuntakeskus"


def test_long_swedish_titles_get_addresses_that_fit(imported_example, sv):
    data = copy.deepcopy(imported_example)
    for number in (1, 2):
        item = copy.deepcopy(group_item(data, "bandilaulu-kaustinen"))
        item.update(id=f"pitka-{number}", title={"fi": f"Ryhmä {number}", "sv": "å" * 255})
        data["groups"].append(item)

    import_twice(data)

    slugs = {page(GroupPage, f"pitka-{number}", sv).slug for number in (1, 2)}
    assert len(slugs) == 2
    assert all(len(slug) <= 100 for slug in slugs)


# --- Published --------------------------------------------------------------------------------


def test_group_unpublished_in_the_admin_is_published_again_by_the_import(imported_example, fi, client):
    group = page(GroupPage, "bandilaulu-kaustinen", fi)
    group.unpublish()
    assert client.get(group.url).status_code == HTTPStatus.NOT_FOUND

    report = import_twice(imported_example)

    assert report.updated["group"] == 1
    assert client.get(group.url).status_code == HTTPStatus.OK


def test_group_under_an_unpublished_organisation_that_the_file_does_not_list_is_refused(imported_example, fi):
    from django.utils import translation

    from groups.importer import ImportFailed

    page(OrganisationPage, "kaustisen-mtyhdistys", fi).unpublish()
    data = copy.deepcopy(imported_example)
    data["organisations"] = [o for o in data["organisations"] if o["id"] != "kaustisen-mtyhdistys"]

    with pytest.raises(ImportFailed) as failure, translation.override("en"):
        import_data(data)

    assert (
        'groups[1] "bandilaulu-kaustinen", field organiser: the organisation "kaustisen-mtyhdistys" is not published'
        in (str(failure.value))
    )
