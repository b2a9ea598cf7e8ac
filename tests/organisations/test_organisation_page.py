"""The public page of an organisation: its own groups, and the groups it runs with others."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.models import GroupPage, Status
from organisations.models import OrganisationPage


def section_titles(html, heading_id):
    heading = html.find(id=heading_id)
    if heading is None:
        return None
    return [link.get_text(strip=True) for link in heading.find_parent("section").select("article h3 a")]


def organisation_html(client, soup, identifier, locale):
    page = OrganisationPage.objects.get(identifier=identifier, locale=locale)
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    return soup(response)


def test_a_partner_lists_the_groups_it_runs_with_others_in_both_languages(client, soup, imported_example, fi, sv):
    # The example's shared breakfast is Soite's group, run together with the parish of Kokkola.
    finnish = organisation_html(client, soup, "kokkolan-srk", fi)
    assert section_titles(finnish, "co-run-heading") == ["Yhteinen aamupala"]
    assert finnish.find(id="co-run-heading").get_text(strip=True) == "Yhteistyössä järjestetyt ryhmät"
    swedish = organisation_html(client, soup, "kokkolan-srk", sv)
    assert section_titles(swedish, "co-run-heading") == ["Gemensam frukost"]
    assert swedish.find(id="co-run-heading").get_text(strip=True) == "Grupper som ordnas i samarbete"


def test_the_organiser_lists_the_group_once_and_only_as_its_own(client, soup, imported_example, fi):
    html = organisation_html(client, soup, "soite", fi)
    assert "Yhteinen aamupala" in section_titles(html, "groups-heading")
    assert section_titles(html, "co-run-heading") is None


def test_an_ended_co_run_group_is_not_listed(client, soup, imported_example, fi):
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    breakfast.status = Status.ENDED
    breakfast.save_revision().publish()
    assert section_titles(organisation_html(client, soup, "kokkolan-srk", fi), "co-run-heading") is None


def test_an_organisation_page_costs_the_same_number_of_queries_with_more_co_run_groups(
    client, soup, imported_example, fi
):
    parish = OrganisationPage.objects.get(identifier="kokkolan-srk", locale=fi)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(parish.url).status_code == HTTPStatus.OK
        return len(context.captured_queries)

    queries()  # warm the caches (site, locales, menus)
    before = queries()
    breakfast = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    for number in range(3):
        copy = breakfast.copy(
            update_attrs={"slug": f"kopio-{number}", "title": f"Aamupala {number}", "identifier": f"kopio-{number}"}
        )
        copy.save_revision().publish()
    assert len(section_titles(organisation_html(client, soup, "kokkolan-srk", fi), "co-run-heading")) == 4
    assert queries() == before
