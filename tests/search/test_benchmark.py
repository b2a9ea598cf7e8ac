"""The benchmark's bulk group generator (scripts/bench/generator.py) makes groups like the page tree does."""

from http import HTTPStatus

import pytest

from django.core.cache import cache

from wagtail.models import Page

from groups.models import GroupPage, Meeting, Status
from organisations.models import OrganisationPage
from scripts.bench.generator import GroupFactory, build_indexes

pytestmark = pytest.mark.django_db

GENERATED = 8


@pytest.fixture
def generated(imported_example):
    """The example data (a translated and an untranslated group, partners, an online group) with
    ``GENERATED`` groups added in bulk, and every index built."""
    factory = GroupFactory()
    factory.create(GENERATED)
    build_indexes()
    cache.clear()
    return GroupPage.objects.filter(identifier__startswith="bench-").select_related("locale").order_by("path")


def versions(generated, language):
    return [page for page in generated if page.locale.language_code == language]


def test_generated_groups_leave_a_sound_page_tree(generated):
    assert len(versions(generated, "fi")) == len(versions(generated, "sv")) == GENERATED
    assert Page.find_problems() == ([], [], [], [], [])
    # Each organisation's children sit at the steps add_child() would have given them.
    for organisation in OrganisationPage.objects.all():
        children = list(Page.objects.filter(path__startswith=organisation.path, depth=organisation.depth + 1))
        assert organisation.numchild == len(children)
        assert sorted(child.path for child in children) == [
            Page._get_path(organisation.path, organisation.depth + 1, step) for step in range(1, len(children) + 1)
        ]


def test_generated_groups_are_translations_of_each_other(generated):
    finnish = {page.translation_key: page for page in versions(generated, "fi")}
    for swedish in versions(generated, "sv"):
        source = finnish[swedish.translation_key]
        assert swedish.get_source_page().pk == source.pk
        assert swedish.get_parent().specific.get_source_page().pk == source.get_parent().pk
        assert swedish.identifier == source.identifier
        assert list(swedish.schedule_rules.values_list("weekday", "start_time")) == list(
            source.schedule_rules.values_list("weekday", "start_time")
        )
        assert set(swedish.activity_types.all()) == set(source.activity_types.all()) != set()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_generated_groups_are_served_at_their_url(client, generated, language):
    for page in versions(generated, language):
        response = client.get(page.url)
        assert response.status_code == HTTPStatus.OK, page.url
        assert page.title in response.content.decode()


@pytest.mark.parametrize(("language", "finder"), [("fi", "/fi/ryhmat/"), ("sv", "/sv/grupper/")])
def test_finder_finds_generated_groups_by_a_word_of_their_title(client, generated, language, finder):
    listed = [page for page in versions(generated, language) if page.status != Status.ENDED]
    assert listed
    for page in listed:
        word = max(page.title.split(), key=len)
        response = client.get(finder, {"q": word})
        assert response.status_code == HTTPStatus.OK
        assert f'href="{page.url}"' in response.content.decode(), (word, page.url)


def test_generated_active_groups_have_meetings(generated):
    for page in versions(generated, "fi"):
        meetings = Meeting.objects.filter(translation_key=page.translation_key)
        if page.status == Status.ACTIVE:
            assert meetings.filter(group=page).exists(), page.title
        else:
            assert not meetings.exists(), page.title
