"""The exporter writes the import format, and export then import is a round trip."""

import copy
import json
from io import StringIO

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from django.core.management import call_command

from groups import import_format as fmt
from groups.exporter import Exporter, export_json
from groups.importer import import_data

pytestmark = pytest.mark.django_db


def by_id(items):
    return {item["id"]: item for item in items}


def test_export_is_valid_against_the_schema(imported_example):
    exported = json.loads(export_json())
    errors = list(Draft202012Validator(fmt.schema(), format_checker=FormatChecker()).iter_errors(exported))
    assert errors == []


def test_export_equals_the_imported_file(imported_example):
    exported = json.loads(export_json())
    order = Exporter().vocabulary_order
    assert by_id(exported["organisations"]) == by_id(
        fmt.canonical_organisation(i) for i in imported_example["organisations"]
    )
    assert by_id(exported["venues"]) == by_id(fmt.canonical_venue(i) for i in imported_example["venues"])
    assert by_id(exported["groups"]) == by_id(fmt.canonical_group(i, order) for i in imported_example["groups"])


def test_demo_export_round_trips(demo_data):
    import_data(demo_data)
    exported = json.loads(export_json())
    order = Exporter().vocabulary_order
    assert by_id(exported["groups"]) == by_id(fmt.canonical_group(i, order) for i in demo_data["groups"])
    report = import_data(exported)
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0
    assert json.loads(export_json()) == exported


def test_export_command_writes_a_file(imported_example, tmp_path):
    path = tmp_path / "out.json"
    call_command("export_groups", str(path), stderr=StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "lowthreshold-groups/1"
    assert len(data["groups"]) == 4


def test_rich_text_paragraphs_round_trip():
    text = "Ensimmäinen kappale.\nToinen rivi.\n\nToinen kappale & <merkit>."
    assert fmt.html_to_paragraphs(fmt.paragraphs_to_html(text)) == text


def test_group_without_meetings_is_exported_with_its_required_schedule(example_data):
    data = copy.deepcopy(example_data)
    data["groups"][1]["schedule"] = {}
    import_data(data)

    exported = json.loads(export_json())

    assert by_id(exported["groups"])["bandilaulu-kaustinen"]["schedule"] == {}
    errors = list(Draft202012Validator(fmt.schema(), format_checker=FormatChecker()).iter_errors(exported))
    assert [error.message for error in errors] == []
    report = import_data(exported)
    assert sum(report.updated.values()) == 0
