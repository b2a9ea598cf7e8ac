"""What the finder keeps in the cache is forgotten as soon as what it depends on changes."""

from http import HTTPStatus

import pytest

from django.http import QueryDict

from wagtail.models import PageViewRestriction

from search.services import find_groups

pytestmark = pytest.mark.django_db


def titles(client, soup, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return [link.get_text(strip=True) for link in soup(response).select("section.results article h3 a")]


def test_filter_labels_are_plain_strings(imported_example, fi):
    # Cached counts are unpickled on every request: lazy translations would be rebuilt each time.
    facets = find_groups(fi, QueryDict("")).facets
    assert facets
    for facet in facets:
        assert type(facet.label) is str
        assert all(type(option.label) is str for option in facet.options)


def test_a_private_section_hides_its_groups_at_once(client, soup, pages):
    assert "Laulua bändin kanssa" in titles(client, soup, "/fi/ryhmat/")
    restriction = PageViewRestriction.objects.create(page=pages.other_org, restriction_type="login")
    assert "Laulua bändin kanssa" not in titles(client, soup, "/fi/ryhmat/")
    assert "Yhteinen aamupala" in titles(client, soup, "/fi/ryhmat/")
    restriction.delete()
    assert "Laulua bändin kanssa" in titles(client, soup, "/fi/ryhmat/")


def test_an_unpublished_organisation_leaves_the_organisation_filter(client, soup, pages):
    def organisations():
        html = soup(client.get("/fi/ryhmat/"))
        return {field["value"] for field in html.find_all("input", attrs={"name": "organisation"})}

    assert "kaustisen-mtyhdistys" in organisations()
    pages.other_org.unpublish()
    assert "kaustisen-mtyhdistys" not in organisations()
