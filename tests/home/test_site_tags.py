"""The template tags that mark Finnish text on Swedish pages, and the rules behind them (core.translation)."""

import copy

import pytest

from django.template import Context, Template
from django.utils import translation

from core.i18n import LocalizedText, quoted
from core.translation import partly_untranslated, untranslated_fields
from groups.importer import import_data
from groups.models import GroupPage
from home.templatetags.site_tags import in_sentence, lang_span, page_text, text_lang

SINGING = "bandilaulu-kaustinen"


def swedish(identifier):
    return GroupPage.objects.get(identifier=identifier, locale__language_code="sv")


@pytest.fixture
def partly_translated(db, example_data):
    """The singing group with a Swedish name and description but the Finnish summary only."""
    data = copy.deepcopy(example_data)
    item = next(group for group in data["groups"] if group["id"] == SINGING)
    item["title"]["sv"] = "Sång med band"
    item["description"] = {"fi": "Kaikki saavat laulaa.", "sv": "Alla får sjunga."}
    import_data(data)
    return swedish(SINGING)


def test_an_alias_shows_every_nonempty_text_in_finnish(imported_example):
    page = swedish(SINGING)
    with translation.override("sv"):
        assert untranslated_fields(page) == {"title", "summary"}  # no description, no cost note
        assert not partly_untranslated(page)  # it is not translated at all: the other notice


def test_a_partial_translation_shows_the_fields_left_as_the_finnish_text(partly_translated):
    with translation.override("sv"):
        assert untranslated_fields(partly_translated) == {"summary"}
        assert partly_untranslated(partly_translated)


def test_a_full_translation_and_a_finnish_page_show_nothing_in_finnish(imported_example):
    finnish = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    with translation.override("sv"):
        assert untranslated_fields(swedish("aamupala-kokkola")) == set()
        assert not partly_untranslated(swedish("aamupala-kokkola"))
    with translation.override("fi"):
        assert untranslated_fields(finnish) == set()
        assert not partly_untranslated(finnish)


def test_text_lang_and_page_text_mark_only_the_finnish_fields(partly_translated):
    with translation.override("sv"):
        assert text_lang(partly_translated, "summary") == ' lang="fi"'
        assert text_lang(partly_translated, "title") == ""
        assert text_lang(None, "summary") == ""
        assert page_text(partly_translated, "summary") == (
            '<span lang="fi">Lauletaan tuttuja lauluja elävän bändin säestyksellä. Laulutaitoa ei tarvita.</span>'
        )
        assert page_text(partly_translated, "title") == "Sång med band"


def test_page_text_escapes_the_text(partly_translated):
    partly_translated.title = "Sång & <b>band</b>"
    with translation.override("sv"):
        assert page_text(partly_translated, "title") == "Sång &amp; &lt;b&gt;band&lt;/b&gt;"


def test_lang_span_wraps_only_text_in_another_language():
    finnish = LocalizedText("Kokkolan <seurakuntakeskus>", "fi")
    with translation.override("sv"):
        assert lang_span(finnish) == '<span lang="fi">Kokkolan &lt;seurakuntakeskus&gt;</span>'
        assert lang_span(LocalizedText("Karleby", "sv")) == "Karleby"
        assert lang_span("<plain>") == "&lt;plain&gt;"
    with translation.override("fi"):
        assert lang_span(finnish) == "Kokkolan &lt;seurakuntakeskus&gt;"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Omaishoitajat", "omaishoitajat"),
        ("Mielenterveys- ja päihdekuntoutujat", "mielenterveys- ja päihdekuntoutujat"),
        ("Personer med psykisk ohälsa eller beroende", "personer med psykisk ohälsa eller beroende"),
        ("ADHD-aikuiset", "ADHD-aikuiset"),  # an abbreviation keeps its capitals
        ("Ö", "Ö"),
        ("", ""),
    ],
)
def test_in_sentence_lowers_the_first_letter_of_a_label(label, expected):
    assert in_sentence(label) == expected


def test_in_sentence_keeps_the_texts_language():
    word = in_sentence(LocalizedText("Närståendevårdare", "sv"))
    assert (word, word.lang) == ("närståendevårdare", "sv")
    finnish = in_sentence(LocalizedText("Omaishoitajat", "fi"))
    with translation.override("sv"):
        assert lang_span(finnish) == '<span lang="fi">omaishoitajat</span>'


def test_filters_chain_in_a_template():
    template = Template("{% load site_tags %}{{ label|in_sentence|lang_span }}")
    with translation.override("sv"):
        assert template.render(Context({"label": LocalizedText("Ikääntyneet", "fi")})) == (
            '<span lang="fi">ikääntyneet</span>'
        )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_quoted_uses_the_finnish_and_swedish_quotation_marks(language):
    with translation.override(language):
        assert quoted("laulu") == "\u201dlaulu\u201d"  # ”laulu”: the same mark on both sides
