"""The importer: a good file creates everything once; any bad file is refused and changes nothing."""

import copy
import json
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail.models import Page, PageLogEntry, Revision

from groups.exporter import export_json
from groups.importer import ImportFailed, import_data, parse
from groups.models import Cancellation, GroupPage, Venue
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db


def database_state():
    """Everything an import could change, to prove that a refused import changed nothing."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "venues": list(Venue.objects.order_by("pk").values()),
        "cancellations": list(Cancellation.objects.order_by("pk").values()),
        "export": export_json(),
    }


def test_import_creates_organisations_venues_and_groups(imported_example, fi, sv):
    assert OrganisationPage.objects.filter(locale=fi).count() == 3
    assert Venue.objects.count() == 2
    assert GroupPage.objects.filter(locale=fi).count() == 4
    assert all(page.live for page in GroupPage.objects.filter(locale=fi))


def test_imported_group_holds_every_field(imported_example, fi):
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    assert group.title == "Yhteinen aamupala"
    assert group.get_parent().specific.identifier == "soite"
    assert [p.organisation.identifier for p in group.partner_links.all()] == ["kokkolan-srk"]
    assert group.description.startswith("<p>Aamupalalla on puuroa")
    assert group.description.count("<p>") == 2
    assert {a.code for a in group.activity_types.all()} == {"breakfast_and_meals", "meeting_place"}
    assert {t.code for t in group.target_groups.all()} == {"everyone"}
    assert {lang.code for lang in group.languages.all()} == {"fi", "sv"}
    assert group.venue.identifier == "kokkola-seurakuntakeskus"
    assert group.children_welcome is True
    assert group.registration == "none"
    rule = group.schedule_rules.get()
    assert (rule.frequency, rule.weekday, str(rule.start_time), str(rule.end_time)) == (
        "weekly",
        1,
        "09:00:00",
        "10:30:00",
    )
    assert str(rule.valid_until) == "2026-12-15"
    cancellation = Cancellation.objects.get(group=group)
    assert str(cancellation.date) == "2026-12-08"
    assert cancellation.reason_sv == "Självständighetsveckan, ingen frukost."
    assert [leader.kind for leader in group.leaders.all()] == ["professional", "experience_expert"]


def test_defaults_apply_when_the_file_leaves_fields_out(imported_example, fi):
    group = GroupPage.objects.get(identifier="kuukausikahvit-kaustinen", locale=fi)
    assert {t.code for t in group.target_groups.all()} == {"everyone"}
    assert {lang.code for lang in group.languages.all()} == {"fi"}
    assert group.anonymous_ok is True
    assert group.free_of_charge is False
    assert group.cost_note == "Kahvi 1 €."
    rule = group.schedule_rules.get()
    assert (rule.frequency, rule.week_of_month) == ("monthly", 1)
    assert str(group.extra_meetings.get().date) == "2026-12-17"


def test_swedish_texts_become_the_swedish_page(imported_example, sv):
    swedish = GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv)
    assert swedish.alias_of_id is None
    assert swedish.title == "Gemensam frukost"
    assert swedish.summary.startswith("Gratis frukost")
    assert swedish.live
    assert swedish.url_path.startswith("/hem/aktorer/")


def test_group_without_swedish_text_is_an_alias_in_the_swedish_tree(imported_example, sv):
    swedish = GroupPage.objects.get(identifier="bandilaulu-kaustinen", locale=sv)
    assert swedish.alias_of_id is not None
    assert swedish.is_untranslated
    assert swedish.title == "Laulua bändin kanssa"


def test_swedish_page_takes_facts_from_the_finnish_page(imported_example, fi, sv):
    swedish = GroupPage.objects.get(identifier="aamupala-kokkola", locale=sv)
    assert swedish.venue.identifier == "kokkola-seurakuntakeskus"
    assert swedish.schedule_rules.count() == 1
    assert [p.organisation.identifier for p in swedish.partner_links.all()] == ["kokkolan-srk"]


def test_importing_the_same_file_twice_changes_nothing(example_data):
    first = import_data(example_data)
    assert sum(first.created.values()) == 9
    state = database_state()
    second = import_data(copy.deepcopy(example_data))
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0
    assert sum(second.unchanged.values()) == 9
    assert database_state() == state


def test_changed_item_is_updated_in_place(imported_example, fi):
    changed = copy.deepcopy(imported_example)
    changed["groups"][0]["summary"]["fi"] = "Uusi tiivistelmä."
    changed["groups"][0]["schedule"]["cancelled"] = []
    report = import_data(changed)
    assert report.updated["group"] == 1
    assert report.unchanged["group"] == 3
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    assert group.summary == "Uusi tiivistelmä."
    assert GroupPage.objects.filter(identifier="aamupala-kokkola", locale=fi).count() == 1
    # The cancellation is withdrawn, not deleted.
    cancellation = Cancellation.objects.get(group=group)
    assert cancellation.withdrawn_at is not None


def test_dry_run_reports_but_saves_nothing(example_data):
    state = database_state()
    report = import_data(example_data, dry_run=True)
    assert report.created["group"] == 4
    assert database_state() == state


def test_demo_data_imports_and_is_idempotent(demo_data):
    first = import_data(demo_data)
    assert first.created["group"] == len(demo_data["groups"])
    second = import_data(demo_data)
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0


# --- Refused files -------------------------------------------------------------------------


def refused(data):
    """Import ``data``, expecting refusal; return the problems as text and check nothing changed."""
    state = database_state()
    with pytest.raises(ImportFailed) as failure, translation.override("en"):
        import_data(data)
    assert database_state() == state
    return "\n".join(str(problem) for problem in failure.value.problems)


def test_invalid_json_is_refused():
    with pytest.raises(ImportFailed) as failure, translation.override("en"):
        parse(b'{"organisations": [')
    assert "JSON" in str(failure.value)
    assert "line 1" in str(failure.value)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "Tiedosto ei ole kelvollista JSONia"), ("sv", "Filen är inte giltig JSON")],
)
def test_problems_are_reported_in_the_users_language(language, expected):
    with pytest.raises(ImportFailed) as failure, translation.override(language):
        parse(b'{"organisations": [')
    assert expected in str(failure.value)


def test_file_that_is_not_utf8_is_refused():
    with pytest.raises(ImportFailed) as failure:
        parse('{"organisations": [], "groups": [{"title": "Kävely"}]}'.encode("latin-1"))
    assert "UTF-8" in str(failure.value)


def test_missing_required_field_names_the_item_and_field(imported_example):
    data = copy.deepcopy(imported_example)
    del data["groups"][1]["status"]
    text = refused(data)
    assert 'groups[1] "bandilaulu-kaustinen"' in text
    assert "status" in text


def test_unknown_field_is_refused(imported_example):
    data = copy.deepcopy(imported_example)
    data["venues"][0]["colour"] = "blue"
    text = refused(data)
    assert 'venues[0] "kokkola-seurakuntakeskus"' in text
    assert "colour" in text


def test_wrong_type_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["free_of_charge"] = "yes"
    text = refused(data)
    assert 'groups[0] "aamupala-kokkola", field free_of_charge' in text


def test_unknown_vocabulary_code_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["activity_types"] = ["breakfast_and_meals", "knitting"]
    text = refused(data)
    assert 'groups[0] "aamupala-kokkola", field activity_types[1]' in text
    assert "knitting" in text


def test_unknown_language_code_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["languages"] = ["fi", "xx"]
    text = refused(data)
    assert 'groups[0] "aamupala-kokkola", field languages[1]' in text
    assert "xx" in text


def test_unknown_organisation_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][2]["organiser"] = "no-such-organisation"
    text = refused(data)
    assert 'groups[2] "kuukausikahvit-kaustinen", field organiser' in text
    assert "no-such-organisation" in text


def test_unknown_partner_or_leader_organisation_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["partners"] = ["ghost"]
    data["groups"][0]["leaders"][1]["organisation"] = "phantom"
    text = refused(data)
    assert "field partners[0]" in text
    assert "field leaders[1].organisation" in text


def test_unknown_venue_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][1]["venue"] = "nowhere"
    text = refused(data)
    assert 'groups[1] "bandilaulu-kaustinen", field venue' in text
    assert "nowhere" in text


def test_rule_ending_before_it_starts_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["schedule"]["rules"][0]["until"] = "2026-08-01"
    text = refused(data)
    assert 'groups[0] "aamupala-kokkola", field schedule.rules[0].until' in text


def test_meeting_ending_before_it_starts_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][1]["schedule"]["rules"][0]["end"] = "16:00"
    text = refused(data)
    assert 'groups[1] "bandilaulu-kaustinen", field schedule.rules[0].end' in text


def test_impossible_date_is_refused(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["schedule"]["rules"][0]["from"] = "2026-02-30"
    text = refused(data)
    assert "schedule.rules[0].from" in text


def test_monthly_rule_without_week_is_refused(example_data):
    data = copy.deepcopy(example_data)
    del data["groups"][2]["schedule"]["rules"][0]["week_of_month"]
    text = refused(data)
    assert "schedule.rules[0].week_of_month" in text


def test_week_of_month_on_a_weekly_rule_is_refused(example_data):
    data = copy.deepcopy(example_data)
    rule = data["groups"][0]["schedule"]["rules"][0]
    assert rule["frequency"] != "monthly"
    rule["week_of_month"] = 2
    text = refused(data)
    assert "schedule.rules[0].week_of_month" in text
    assert "week_of_month is only for a monthly rule" in text


@pytest.mark.parametrize("kind", ["organisations", "venues", "groups"])
def test_duplicate_id_is_refused(example_data, kind):
    data = copy.deepcopy(example_data)
    data[kind].append(copy.deepcopy(data[kind][0]))
    text = refused(data)
    assert f'{kind}[{len(data[kind]) - 1}] "{data[kind][0]["id"]}", field id' in text


def test_every_problem_is_reported_at_once(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][0]["organiser"] = "ghost"
    data["groups"][1]["venue"] = "nowhere"
    text = refused(data)
    assert "ghost" in text
    assert "nowhere" in text


def test_a_refused_file_after_a_good_one_changes_nothing(imported_example):
    data = copy.deepcopy(imported_example)
    data["groups"][0]["title"]["fi"] = "Muutettu otsikko"
    data["groups"][3]["venue"] = "nowhere"
    refused(data)
    assert GroupPage.objects.filter(title="Muutettu otsikko").count() == 0


# --- The command ------------------------------------------------------------------------------


def test_command_imports_and_reports(tmp_path, example_data):
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")
    out = StringIO()
    call_command("import_groups", str(path), stdout=out)
    assert "4 created" in out.getvalue()


def test_command_dry_run_saves_nothing(tmp_path, example_data):
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")
    out = StringIO()
    call_command("import_groups", str(path), "--dry-run", stdout=out)
    assert GroupPage.objects.count() == 0
    assert "Dry run" in out.getvalue()


def test_command_fails_with_a_message_on_a_bad_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"organisations": [], "groups": [', encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import_groups", str(path), stderr=err)
    assert "JSON" in err.getvalue()


def test_command_fails_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_groups", str(tmp_path / "missing.json"), stderr=StringIO())


def test_a_real_language_missing_from_the_list_is_added_with_its_names(example_data, fi):
    from groups.models import Language

    data = copy.deepcopy(example_data)
    data["groups"][0]["languages"] = ["fi", "hu"]
    import_data(data)
    hungarian = Language.objects.get(code="hu")
    assert (hungarian.name_fi, hungarian.name_sv) == ("unkari", "ungerska")
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    assert {language.code for language in group.languages.all()} == {"fi", "hu"}
    revisions = Revision.objects.count()
    import_data(data)
    assert Revision.objects.count() == revisions


# --- Values JSON Schema lets through --------------------------------------------------------


def refused_raw(text):
    """Parse and import the file ``text``, expecting refusal; return the problems as text."""
    state = database_state()
    with pytest.raises(ImportFailed) as failure, translation.override("en"):
        import_data(parse(text.encode("utf-8")))
    assert database_state() == state
    return "\n".join(str(problem) for problem in failure.value.problems)


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("title", {"fi": "   "}, "field title.fi"),
        ("summary", {"fi": "Tiivistelmä.", "sv": " \n "}, "field summary.sv"),
        ("description", {"fi": "\t"}, "field description.fi"),
    ],
)
def test_text_of_only_white_space_is_refused(example_data, field, value, where):
    data = copy.deepcopy(example_data)
    data["groups"][1][field] = value
    text = refused(data)
    assert f'groups[1] "bandilaulu-kaustinen", {where}: must not be empty' in text


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0c", "\ud800"])
def test_text_with_a_character_that_is_not_text_is_refused(example_data, character):
    data = copy.deepcopy(example_data)
    data["groups"][1]["title"] = {"fi": f"Nolla{character}merkki"}
    text = refused(data)
    assert 'groups[1] "bandilaulu-kaustinen", field title.fi: contains a character that is not allowed' in text
    assert f"U+{ord(character):04X}" in text


def test_lone_surrogate_escape_in_the_file_is_refused(example_data):
    content = json.dumps(example_data).replace('"Laulua b\\u00e4ndin kanssa"', '"Laulua \\ud800"', 1)
    assert "\\ud800" in content
    assert "U+D800" in refused_raw(content)


def test_a_field_given_twice_in_one_object_is_refused(example_data):
    content = json.dumps(example_data).replace(
        '"id": "bandilaulu-kaustinen"', '"id": "bandilaulu-kaustinen", "id": "toinen-id"', 1
    )
    text = refused_raw(content)
    assert 'groups[1] "toinen-id", field id: the field is given more than once' in text


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_numbers_that_json_does_not_have_are_refused(example_data, constant):
    content = json.dumps(example_data).replace('"latitude": 63.8385', f'"latitude": {constant}', 1)
    text = refused_raw(content)
    assert f'venues[0] "kokkola-seurakuntakeskus", field latitude: {constant} is not a number' in text


def test_a_file_nested_too_deeply_is_refused():
    with pytest.raises(ImportFailed, match="nested too deeply"), translation.override("en"):
        parse(b"[" * 100000 + b"]" * 100000)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            lambda d: d["groups"][1].update(contact={"name": "n" * 201}),
            'groups[1] "bandilaulu-kaustinen", field contact.name',
        ),
        (
            lambda d: d["groups"][1].update(contact={"phone": "0" * 61}),
            'groups[1] "bandilaulu-kaustinen", field contact.phone',
        ),
        (
            lambda d: d["organisations"][1].update(website="https://example.org/" + "a" * 230),
            'organisations[1] "kokkolan-srk", field website',
        ),
        (
            lambda d: d["organisations"][1].update(contact={"phone": "1" * 61}),
            'organisations[1] "kokkolan-srk", field contact.phone',
        ),
        (lambda d: d["groups"][1].update(leaders=[{"kind": "volunteer", "name": "n" * 101}]), "field leaders[0].name"),
        (lambda d: d["groups"][1].update(title={"fi": "Ryhmä", "sv": "å" * 256}), "field title.sv"),
        (lambda d: d["venues"][1].update(street_address={"fi": "k" * 256}), "field street_address.fi"),
    ],
)
def test_value_too_long_for_its_field_is_refused(example_data, change, where):
    data = copy.deepcopy(example_data)
    change(data)
    text = refused(data)
    assert f"{where}: is too long" in text
