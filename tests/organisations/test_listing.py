"""Organisation pages list their groups with a constant number of queries."""

from http import HTTPStatus

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.models import GroupPage
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm Wagtail's own caches (site root paths...)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(context.captured_queries)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_organisation_page_queries_do_not_grow_with_its_groups(client, imported_example, language):
    organisation = OrganisationPage.objects.get(identifier="soite", locale__language_code="fi")
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    url = organisation.get_translation(organisation.locale.__class__.objects.get(language_code=language)).url
    before = queries_for(client, url)
    for number in range(10):
        group.copy(update_attrs={"slug": f"lisa-{number}", "title": f"Aamupala {number}"}).save_revision().publish()
    assert queries_for(client, url) == before
    assert before <= 30


def test_organisation_list_queries_do_not_grow(client, imported_example):
    before = queries_for(client, "/fi/toimijat/")
    index = OrganisationPage.objects.get(identifier="soite", locale__language_code="fi").get_parent()
    for number in range(5):
        index.add_child(
            instance=OrganisationPage(title=f"Yhdistys {number}", kind="association")
        ).save_revision().publish()
    assert queries_for(client, "/fi/toimijat/") == before
