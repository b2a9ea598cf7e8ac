"""YSO and PTV ids of activity types and target groups: seeded, edited by coordinators, checked."""

from http import HTTPStatus

import pytest

from groups.models import ActivityType, TargetGroup

pytestmark = pytest.mark.django_db


def test_initial_vocabularies_have_the_sure_yso_concepts(db):
    assert ActivityType.objects.get(code="music").yso_uri == "http://www.yso.fi/onto/yso/p1808"
    assert TargetGroup.objects.get(code="older_people").yso_uri == "http://www.yso.fi/onto/yso/p2433"
    # Where no concept fits clearly, the field is left for the coordinators.
    assert TargetGroup.objects.get(code="everyone").yso_uri == ""


def test_coordinator_sets_the_concepts_of_an_activity_type(client, partners, edit_form):
    item = ActivityType.objects.get(code="games")
    url = f"/admin/snippets/groups/activitytype/edit/{item.pk}/"
    client.force_login(partners.coordinator)
    data = edit_form(client.get(url))
    data["yso_uri"] = ["http://www.yso.fi/onto/yso/p12345"]
    data["ptv_code"] = ["P27.1"]
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    item.refresh_from_db()
    assert (item.yso_uri, item.ptv_code) == ("http://www.yso.fi/onto/yso/p12345", "P27.1")


@pytest.mark.parametrize(("field", "value"), [("yso_uri", "https://example.org/concept/1"), ("ptv_code", "27.1; DROP")])
def test_a_malformed_concept_is_refused(client, partners, edit_form, field, value):
    item = TargetGroup.objects.get(code="men")
    url = f"/admin/snippets/groups/targetgroup/edit/{item.pk}/"
    client.force_login(partners.coordinator)
    data = edit_form(client.get(url))
    data[field] = [value]
    assert client.post(url, data).status_code == HTTPStatus.OK  # the form again, with the error
    item.refresh_from_db()
    assert getattr(item, field) == ""


def test_coordinators_see_the_concepts_in_the_vocabulary_list(client, partners):
    client.force_login(partners.coordinator)
    html = client.get("/admin/snippets/groups/activitytype/").content.decode()
    assert "http://www.yso.fi/onto/yso/p1808" in html
