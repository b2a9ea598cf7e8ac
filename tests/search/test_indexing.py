"""The search index: kept up to date on publish, and a rebuild gives the same rows."""

import pytest

from groups.models import GroupPage, Status
from search.indexing import document_terms, rebuild_index
from search.models import IndexEntry

pytestmark = pytest.mark.django_db


def snapshot():
    return set(IndexEntry.objects.values_list("translation_key", "language", "term", "weight"))


def test_rebuild_gives_the_same_index_as_publishing(imported_example):
    published = snapshot()
    assert published
    assert rebuild_index() == 3  # the ended group is not indexed
    assert snapshot() == published


def test_swedish_index_uses_the_swedish_text_or_the_finnish_one(imported_example):
    translated = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    untranslated = GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale__language_code="fi")
    swedish = document_terms(translated, "sv")
    assert swedish["frukost"] == 1.0  # the Swedish title
    assert swedish["aamupala"] == 0.5  # the Finnish title counts half: the other language
    assert "laulu" in document_terms(untranslated, "sv")  # Finnish text, analysed as Finnish
    assert "musik" in document_terms(untranslated, "sv")  # but the labels are in Swedish


def test_finnish_index_holds_the_swedish_text_at_a_lower_weight(imported_example):
    translated = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    finnish = document_terms(translated, "fi")
    assert finnish["aamupala"] == 1.0
    assert finnish["frukost"] == 0.5
    assert finnish["gemensam"] < finnish["yhteinen"]


def test_title_counts_more_than_description(imported_example):
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    terms = document_terms(group, "fi")
    assert terms["aamupala"] == 1.0
    assert terms["puuro"] < terms["aamupala"]


def test_ending_a_group_takes_it_out_of_the_index(imported_example):
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    assert IndexEntry.objects.filter(translation_key=group.translation_key).exists()
    group.status = Status.ENDED
    group.save_revision().publish()
    assert not IndexEntry.objects.filter(translation_key=group.translation_key).exists()


def test_renaming_a_venue_updates_its_groups(imported_example):
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    venue = group.venue
    venue.name_fi = "Pappilan sali"
    venue.save()
    assert IndexEntry.objects.filter(translation_key=group.translation_key, language="fi", term="pappila").exists()
