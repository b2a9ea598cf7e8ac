"""``manage.py load_demo``: a newcomer sees a few lines of progress, not every page Wagtail saves."""

import io
import logging

import pytest

from django.core.management import call_command

from home.management.commands import load_demo
from tests.conftest import EXAMPLE_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_demo(monkeypatch):
    """The example file of the import format in place of the whole region's demo data."""
    monkeypatch.setattr(load_demo, "DEMO_FILE", EXAMPLE_FILE)


def test_load_demo_prints_one_line_per_step_and_no_log_lines(small_demo, monkeypatch, caplog):
    monkeypatch.setenv("LANGUAGE", "fi")
    out = io.StringIO()
    with caplog.at_level(logging.INFO):
        call_command("load_demo", no_admin=True, stdout=out)
    assert out.getvalue().splitlines() == [
        "Ladataan esittelyaineistoa: toimijat 3/3",
        "Ladataan esittelyaineistoa: paikat 2/2",
        "Ladataan esittelyaineistoa: ryhmät 4/4",
        "Esittelyaineisto ladattu.",
    ]
    assert [record.getMessage() for record in caplog.records if record.name.startswith("wagtail")] == []
    # The logger is as it was: the site's own logging is not changed for good.
    assert logging.getLogger("wagtail").level == logging.NOTSET


def test_load_demo_counts_up_on_a_terminal(small_demo, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "sv")
    out = io.StringIO()
    out.isatty = lambda: True
    call_command("load_demo", no_admin=True, stdout=out)
    text = out.getvalue()
    assert "\rDemodata laddas: grupper 1/4\rDemodata laddas: grupper 2/4" in text
    assert "Demodata laddas: grupper 4/4\n" in text


def test_load_demo_lists_what_it_did_when_asked(small_demo):
    out = io.StringIO()
    call_command("load_demo", no_admin=True, stdout=out, verbosity=2)
    assert "Demo data loaded." in out.getvalue()
    assert len(out.getvalue().splitlines()) > 4
