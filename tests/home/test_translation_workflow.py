"""Translating a page into Swedish: a draft in the page editor, approved like any change.

The example file's Kaustinen group ("Laulua bändin kanssa") has no Swedish text, so its Swedish
page is an alias; Kaustisen mielenterveysyhdistys' editor translates it and its approver and a
coordinator approve it, all through the real admin views.
"""

from http import HTTPStatus

import pytest

from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page

from core.machine_translation import DeepLTranslator, DummyTranslator, MachineTranslationError, get_translator
from core.translation import changed_source_fields
from groups.models import GroupPage
from groups.translation_report import TranslationState, translation_rows
from tests.conftest import form_values

pytestmark = pytest.mark.django_db

DUMMY = "core.machine_translation.DummyTranslator"
FINNISH_TITLE = "Laulua bändin kanssa"
SWEDISH_TITLE = "Sång med band"
SWEDISH_SUMMARY = "Vi sjunger kända sånger tillsammans med ett band. Alla får komma, ingen anmälan."


class FailingTranslator:
    name = "Failing"

    def translate(self, texts, html=False):
        raise MachineTranslationError("quota exceeded")


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def start(client, user, page, machine=False):
    client.force_login(user)
    response = client.post(reverse("home_start_translation", args=[page.pk]), {"machine": "1"} if machine else {})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == edit_url(page)
    return fresh(page)


def submit_translation(client, user, page, **texts):
    """Fill in the Swedish texts in the real page editor and submit them for approval."""
    client.force_login(user)
    data = form_values(client.get(edit_url(page)))
    for name, value in texts.items():
        data[name] = [value]
    data["action-submit"] = ["action-submit"]
    response = client.post(edit_url(page), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    return fresh(page)


def approve(client, user, page):
    client.force_login(user)
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": ""}).status_code == HTTPStatus.FOUND
    return fresh(page)


def public(client, soup, page):
    client.logout()
    response = client.get(fresh(page).url)
    assert response.status_code == HTTPStatus.OK
    return soup(response)


# --- Starting a translation -------------------------------------------------------------------


@override_settings(MACHINE_TRANSLATOR="", DEEPL_API_KEY="")
def test_untranslated_page_opens_a_start_screen_without_machine_translation(client, soup, partners, pages):
    client.force_login(partners.other_editor)
    html = soup(client.get(edit_url(pages.other_group_sv)))
    buttons = [button.get_text(" ", strip=True) for button in html.select("main form button")]
    assert buttons == ["Aloita suomenkielisestä tekstistä"]
    assert FINNISH_TITLE in html.get_text(" ")


@override_settings(MACHINE_TRANSLATOR=DUMMY)
def test_start_screen_offers_machine_translation_when_a_translator_is_set(client, soup, partners, pages):
    client.force_login(partners.other_editor)
    html = soup(client.get(edit_url(pages.other_group_sv)))
    machine = html.select_one('main form button[name="machine"]')
    assert machine is not None
    assert "Dummy" in machine.get_text()


def test_someone_elses_page_cannot_be_translated(client, soup, partners, pages):
    client.force_login(partners.editor)  # Soite's editor, the page is Kaustinen's
    response = client.post(reverse("home_start_translation", args=[pages.other_group_sv.pk]))
    # Wagtail turns the refusal into a message on the dashboard.
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"
    assert fresh(pages.other_group_sv).alias_of_id == pages.other_group.pk


def test_started_translation_is_a_draft_and_readers_still_see_the_finnish_text(client, soup, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv)
    assert page.alias_of_id is None
    assert page.awaiting_translation
    assert page.live and page.title == FINNISH_TITLE
    assert page.get_latest_revision() is not None

    html = public(client, soup, page)
    assert html.find("h1").get_text(strip=True) == FINNISH_TITLE
    assert html.find("h1")["lang"] == "fi"
    assert html.find(class_="notice--language") is not None


@override_settings(MACHINE_TRANSLATOR=DUMMY)
def test_machine_translation_fills_the_draft_only(client, soup, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv, machine=True)
    draft = page.get_latest_revision_as_object()
    assert draft.title == DummyTranslator.prefix + FINNISH_TITLE
    assert draft.summary.startswith(DummyTranslator.prefix)
    assert page.title == FINNISH_TITLE  # the live page is unchanged
    assert html_title(public(client, soup, page)) == FINNISH_TITLE


def html_title(html):
    return html.find("h1").get_text(strip=True)


@override_settings(MACHINE_TRANSLATOR="tests.home.test_translation_workflow.FailingTranslator")
def test_failing_machine_translation_starts_from_the_finnish_text_and_says_so(client, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv, machine=True)
    assert page.get_latest_revision_as_object().title == FINNISH_TITLE
    messages = [str(message) for message in client.get(edit_url(page)).context["messages"]]
    assert any("konekäännös ei onnistunut" in message.lower() for message in messages)


def test_translate_this_page_button_of_wagtail_localize_leads_to_the_start_screen(client, partners, pages):
    client.force_login(partners.other_editor)
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[pages.other_group.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == edit_url(pages.other_group_sv)


# --- The translation editor -------------------------------------------------------------------


def test_editor_shows_the_finnish_text_and_locks_the_facts(client, soup, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv)
    html = soup(client.get(edit_url(page)))
    help_texts = " ".join(node.get_text(" ") for node in html.select(".source-text"))
    assert pages.other_group.summary[:40] in " ".join(help_texts.split())
    assert html.select_one(".source-text [lang=fi]") is not None
    for name in ("status", "contact_phone", "free_of_charge"):
        assert html.find(attrs={"name": name}).has_attr("disabled"), name
    assert not html.find(attrs={"name": "summary"}).has_attr("disabled")


def test_draft_translation_says_it_waits_for_approval(client, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv)
    messages = [str(message) for message in client.get(edit_url(page)).context["messages"]]
    assert any("luonnos" in message for message in messages)


# --- Approval ---------------------------------------------------------------------------------


def test_partners_translation_goes_live_only_when_others_approve_it(client, soup, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv)
    page = submit_translation(
        client, partners.other_editor, page, title=SWEDISH_TITLE, summary=SWEDISH_SUMMARY, slug="sang-med-band"
    )
    assert page.workflow_in_progress
    assert html_title(public(client, soup, page)) == FINNISH_TITLE

    # The translator cannot approve their own translation.
    client.force_login(partners.other_editor)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    assert fresh(page).current_workflow_task_state == task_state
    assert html_title(public(client, soup, page)) == FINNISH_TITLE

    # It waits in the organisation's approver's review list.
    client.force_login(partners.other_approver)
    assert SWEDISH_TITLE in soup(client.get("/admin/")).get_text(" ")

    page = approve(client, partners.other_approver, page)
    assert html_title(public(client, soup, page)) == FINNISH_TITLE
    page = approve(client, partners.coordinator, page)

    assert not page.awaiting_translation
    assert page.translated_from["title"] == FINNISH_TITLE
    html = public(client, soup, page)
    assert html.html["lang"] == "sv"
    assert html_title(html) == SWEDISH_TITLE
    assert not html.find("h1").has_attr("lang")
    assert html.find(class_="notice--language") is None
    assert SWEDISH_SUMMARY in html.get_text(" ")
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["fi"].endswith(pages.other_group.url)
    # The facts are still the Finnish page's.
    assert page.status == pages.other_group.status
    assert list(page.schedule_rules.values_list("weekday", "start_time")) == list(
        pages.other_group.schedule_rules.values_list("weekday", "start_time")
    )


def test_finnish_text_changes_reach_a_translation_still_in_progress(client, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv)
    source = fresh(pages.other_group)
    source.summary = "Laulamme tuttuja lauluja bändin säestyksellä."
    source.save_revision().publish()
    assert fresh(page).summary == "Laulamme tuttuja lauluja bändin säestyksellä."


# --- Out of date, and the coordinators' report ------------------------------------------------


def change_finnish_summary(page):
    source = fresh(page)
    source.summary = source.summary + " Kahvi on ilmaista."
    source.save_revision().publish()
    return fresh(page)


def test_translation_is_out_of_date_when_the_finnish_text_changes(client, partners, pages):
    assert changed_source_fields(fresh(pages.own_group_sv)) == []
    change_finnish_summary(pages.own_group)
    swedish = fresh(pages.own_group_sv)
    assert changed_source_fields(swedish) == ["summary"]
    client.force_login(partners.editor)
    messages = [str(message) for message in client.get(edit_url(swedish)).context["messages"]]
    assert any("muuttunut" in message and "tiivistelmä" in message for message in messages)


def test_a_fact_change_does_not_make_the_translation_out_of_date(pages):
    source = fresh(pages.own_group)
    source.contact_phone = "040 123 4567"
    source.save_revision().publish()
    swedish = fresh(pages.own_group_sv)
    assert swedish.contact_phone == "040 123 4567"
    assert changed_source_fields(swedish) == []


def report_rows(client, user, soup, **params):
    client.force_login(user)
    response = client.get(reverse("organisations_translations_report"), params)
    assert response.status_code == HTTPStatus.OK
    rows = {}
    for row in soup(response).select("table tbody tr"):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
        rows[cells[0]] = cells
    return rows


def test_coordinators_report_lists_missing_started_and_out_of_date_translations(client, soup, partners, pages):
    change_finnish_summary(pages.own_group)
    start(client, partners.other_editor, pages.other_org_sv)
    rows = report_rows(client, partners.coordinator, soup)
    assert rows[FINNISH_TITLE][3] == "Ei käännetty"
    assert rows[pages.other_org.title][3] == "Käännös aloitettu"
    assert rows[pages.own_group.title][3] == "Vanhentunut"
    assert rows[pages.own_group.title][4] == "tiivistelmä"
    assert pages.own_org.title not in rows  # translated and up to date
    assert pages.own_org.title in report_rows(client, partners.coordinator, soup, all="1")


def test_report_shows_translations_waiting_for_approval(client, soup, partners, pages):
    page = start(client, partners.other_editor, pages.other_group_sv)
    submit_translation(client, partners.other_editor, page, title=SWEDISH_TITLE)
    assert report_rows(client, partners.coordinator, soup)[FINNISH_TITLE][3] == "Odottaa hyväksyntää"


def test_report_is_for_coordinators_only(client, partners):
    client.force_login(partners.approver)
    response = client.get(reverse("organisations_translations_report"))
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"


def test_report_export_is_a_spreadsheet(client, partners):
    client.force_login(partners.coordinator)
    response = client.get(reverse("organisations_translations_report"), {"export": "csv"})
    assert response.status_code == HTTPStatus.OK
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert lines[0].startswith("Sivu suomeksi,")
    assert any(line.startswith(FINNISH_TITLE + ",") and "Ei käännetty" in line for line in lines)


def test_report_needs_the_same_number_of_queries_for_more_pages(partners, pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        translation_rows()
    for number in range(5):
        source = fresh(pages.other_group)
        source.copy(
            update_attrs={"slug": f"kopio-{number}", "identifier": f"kopio-{number}", "title": f"Kopio {number}"},
            reset_translation_key=True,
        ).save_revision().publish()
    with CaptureQueriesContext(connection) as more:
        rows = translation_rows()
    assert len([row for row in rows if row.title.startswith("Kopio")]) == 5
    assert len(more.captured_queries) == len(few.captured_queries)
    assert {row.state for row in rows} <= set(TranslationState.order)


# --- Machine translators ----------------------------------------------------------------------


@override_settings(MACHINE_TRANSLATOR="", DEEPL_API_KEY="")
def test_there_is_no_translator_without_a_key():
    assert get_translator() is None


@override_settings(MACHINE_TRANSLATOR="", DEEPL_API_KEY="not-a-real-key:fx")
def test_deepl_is_used_when_a_key_is_set():
    assert isinstance(get_translator(), DeepLTranslator)


def test_deepl_errors_become_machine_translation_errors(monkeypatch):
    import deepl

    translator = DeepLTranslator("not-a-real-key:fx")

    def refuse(*args, **kwargs):
        raise deepl.QuotaExceededException("Quota for this billing period has been exceeded")

    monkeypatch.setattr(translator.client, "translate_text", refuse)
    with pytest.raises(MachineTranslationError):
        translator.translate(["Hei"])


def test_deepl_is_asked_for_swedish_from_finnish(monkeypatch):
    from types import SimpleNamespace

    translator = DeepLTranslator("not-a-real-key:fx")
    calls = []

    def fake(texts, **options):
        calls.append(options)
        return [SimpleNamespace(text="Hej") for _text in texts]

    monkeypatch.setattr(translator.client, "translate_text", fake)
    assert translator.translate(["<p>Hei</p>"], html=True) == ["Hej"]
    assert calls == [{"source_lang": "FI", "target_lang": "SV", "tag_handling": "html", "preserve_formatting": True}]


def test_group_page_knows_its_translated_texts():
    assert set(GroupPage.translated_fields) == {
        "title",
        "summary",
        "description",
        "online_instructions",
        "cost_note",
        "image_alt",
    }
