"""The printable brochure of the whole county: the demo data's 33 groups, read back with pypdf."""

import datetime
import re

import pytest

from django.test import RequestFactory
from django.utils import translation

from groups.models import GroupPage, Status
from search.brochure import build_brochure, render_html
from search.models import FinderPage
from tests.search.test_brochure import FINNISH, SWEDISH, brochure, ended_titles, font_sizes, listed_titles, pdf_text

pytestmark = pytest.mark.django_db


def test_brochure_of_everything_in_finnish(client, imported_demo):
    """Every listed group, no ended one, paused ones marked, and no text under 12 pt."""
    response = brochure(client, FINNISH)
    text = pdf_text(response)
    expected = listed_titles("fi")
    assert len(expected) == 30
    assert sorted(title for title in expected if title not in text) == []
    assert ended_titles("fi")
    assert sorted(title for title in ended_titles("fi") if title in text) == []
    paused = GroupPage.objects.live().filter(locale__language_code="fi", status=Status.PAUSED)
    assert paused.count() == 3
    for group in paused:
        assert f"{group.title} Ryhmä on nyt tauolla. Tarkista ajat ennen kuin lähdet." in text
    assert text.count("Ryhmä on nyt tauolla.") == 3
    assert min(font_sizes(response)) >= 12


def test_brochure_of_everything_in_swedish(client, imported_demo, sv):
    """Every listed group in Swedish, no ended one, and the Finnish text of untranslated ones marked."""
    text = pdf_text(brochure(client, SWEDISH))
    expected = listed_titles("sv")
    assert len(expected) == 30
    assert sorted(title for title in expected if title not in text) == []
    assert sorted(title for title in ended_titles("sv") if title in text) == []
    assert "Gemensam frukost" in text
    assert "Yhteinen aamupala" not in text  # translated: the Swedish title only
    assert "Kävelyryhmä Mäntykankaalla" in text  # not translated yet: the Finnish title
    assert "En del grupper har inte översatts helt ännu." in text
    assert "Var: " in text and "Missä: " not in text
    finder = FinderPage.objects.get(locale=sv)
    request = RequestFactory().get(SWEDISH)
    with translation.override("sv"):
        html = render_html(build_brochure(finder, request))
    assert '<html lang="sv">' in html
    assert re.search(r'<h4 class="entry__title" lang="fi">\s*Kävelyryhmä Mäntykankaalla', html)
    assert re.search(r'<h4 class="entry__title">\s*Gemensam frukost', html)


def test_groups_are_grouped_by_municipality_then_weekday(client, imported_demo, fi):
    finder = FinderPage.objects.get(locale=fi)
    with translation.override("fi"):
        made = build_brochure(finder, RequestFactory().get(FINNISH))
    labels = [section.label for section in made.sections]
    assert labels[:3] == ["Kokkola", "Kannus", "Kaustinen"]  # the county's own order
    assert labels[-1] == "Verkossa"  # groups that meet only online come last
    kokkola = made.sections[0]
    weekdays = [day.weekday for day in kokkola.days]
    assert weekdays == sorted(weekdays, key=lambda day: 7 if day is None else day)
    tuesday = next(day for day in kokkola.days if day.label == "Tiistai")
    assert "Yhteinen aamupala" in [entry.group.title for entry in tuesday.entries]
    # The open gym meets on Tuesdays and Thursdays: in full under Tuesday, a reference under Thursday.
    thursday = next(day for day in kokkola.days if day.label == "Torstai")
    gym = "Kuntosali kaikille – avoin kuntosalivuoro"
    assert gym in [entry.group.title for entry in tuesday.entries]
    assert gym in [entry.group.title for entry in thursday.see_also]
    assert gym not in [entry.group.title for entry in thursday.entries]


def test_each_group_has_its_facts(client, imported_demo):
    text = pdf_text(brochure(client, FINNISH + "?municipality=kokkola&weekday=tue"))
    entry = text[text.index("Yhteinen aamupala") :][:1500]
    assert "Tiistaisin klo 9–10.30" in entry  # the schedule in words (groups/schedule.py)
    assert "Seuraavat kerrat: ti 24.11.2026 klo 9–10.30" in entry
    assert "Missä: Kokkolan seurakuntakeskus, Kappelisali, Kirkkokatu 16, 67100 Kokkola." in entry
    assert "Esteetön sisäänkäynti: kyllä" in entry and "Induktiosilmukka: kyllä" in entry
    assert "Maksuton." in entry and "Ei ilmoittautumista: tule vain paikalle." in entry
    assert "Kuka järjestää ryhmän: Keski-Pohjanmaan hyvinvointialue Soite" in entry
    assert "Puhelin +358 40 000 0201" in entry


def test_cancelled_meetings_are_marked(client, imported_demo):
    from groups.models import Cancellation

    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    Cancellation.objects.create(group=group, date=datetime.date(2026, 12, 1), reason_fi="Ohjaaja on sairaana.")
    text = pdf_text(brochure(client, FINNISH + "?municipality=kokkola&weekday=tue"))
    entry = text[text.index("Yhteinen aamupala") :][:1500]
    assert "Peruttu: ti 1.12.2026 klo 9–10.30 (Ohjaaja on sairaana.)" in entry
