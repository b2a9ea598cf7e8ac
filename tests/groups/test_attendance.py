"""Visitor counts: recorded by the group's own organisation on the dashboard, corrected with history,
imported from a file all or nothing; another organisation sees none of it."""

import datetime
from http import HTTPStatus

import pytest

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import PageLogEntry

from groups.factories import GroupPageFactory
from groups.models import MeetingVisit
from groups.visits import RECORD_ACTION, record_visit
from organisations.factories import CoordinatorFactory, OrganisationPageFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = OrganisationPageFactory()
    group = GroupPageFactory(parent=organisation)
    return {
        "group": group,
        "partner": PartnerFactory(organisation=organisation),
        "other": PartnerFactory(organisation=OrganisationPageFactory()),
    }


def last_tuesday():
    today = timezone.localdate()
    return today - datetime.timedelta(days=(today.weekday() - 1) % 7 or 7)


def test_partner_records_and_corrects_a_meeting_from_the_dashboard(client, setting):
    group, partner = setting["group"], setting["partner"]
    client.force_login(partner)
    dashboard = client.get(reverse("wagtailadmin_home"))
    url = reverse("groups_visits", args=[group.pk])
    assert url in dashboard.content.decode()
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    day = last_tuesday()
    assert f'value="{day:%Y-%m-%d}"' in page.content.decode()

    response = client.post(url, {"date": day.isoformat(), "visitors": "12", "first_timers": "3"})
    assert response.status_code == HTTPStatus.FOUND
    client.post(url, {"date": day.isoformat(), "visitors": "11", "first_timers": "3"})
    visit = MeetingVisit.objects.get(group=group, date=day)
    assert (visit.visitors, visit.first_timers, visit.recorded_by) == (11, 3, partner)
    history = PageLogEntry.objects.filter(page=group, action=RECORD_ACTION).order_by("pk")
    assert [entry.data["visitors"] for entry in history] == [12, 11]
    assert history.last().data["previous_visitors"] == 12


def test_counts_that_cannot_be_right_are_refused(client, setting):
    client.force_login(setting["partner"])
    url = reverse("groups_visits", args=[setting["group"].pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for data in (
        {"date": last_tuesday().isoformat(), "visitors": "3", "first_timers": "5"},
        {"date": last_tuesday().isoformat(), "visitors": "-1"},
        {"date": last_tuesday().isoformat(), "visitors": "many"},
        {"date": tomorrow.isoformat(), "visitors": "4"},
        {"date": "not a date", "visitors": "4"},
    ):
        assert client.post(url, data).status_code == HTTPStatus.BAD_REQUEST
    assert not MeetingVisit.objects.exists()


def test_another_organisations_partner_sees_and_records_nothing(client, setting):
    group = setting["group"]
    record_visit(group, last_tuesday(), 9)
    client.force_login(setting["other"])
    url = reverse("groups_visits", args=[group.pk])
    assert client.get(url).status_code != HTTPStatus.OK
    client.post(url, {"date": last_tuesday().isoformat(), "visitors": "99"})
    assert MeetingVisit.objects.get(group=group).visitors == 9
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_coordinator_records_for_any_group(client, setting):
    client.force_login(CoordinatorFactory())
    url = reverse("groups_visits", args=[setting["group"].pk])
    assert client.post(url, {"date": last_tuesday().isoformat(), "visitors": "7"}).status_code == HTTPStatus.FOUND
    assert MeetingVisit.objects.get().visitors == 7


def write(tmp_path, text):
    path = tmp_path / "visits.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_adds_and_corrects_counts(tmp_path, setting):
    group = setting["group"]
    record_visit(group, datetime.date(2026, 3, 3), 5)
    file = write(
        tmp_path,
        f"group,date,count,first\n{group.identifier},2026-03-03,6,1\n{group.pk};10.3.2026;8;\n".replace(";", ","),
    )
    call_command("import_attendance", file)
    counts = dict(MeetingVisit.objects.values_list("date", "visitors"))
    assert counts == {datetime.date(2026, 3, 3): 6, datetime.date(2026, 3, 10): 8}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi_FI.UTF-8", ["rivi 2", "millään ryhmällä ei ole tunnusta", "ei ole päivämäärä"]),
        ("sv_FI.UTF-8", ["rad 2", "ingen grupp har id:t"]),
    ],
)
def test_import_errors_are_in_the_users_language(tmp_path, setting, capsys, monkeypatch, language, words):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", language)
    group = setting["group"]
    file = write(tmp_path, f"{group.identifier},2026-03-03,6\nno-such-group,3.3.2026,5\n{group.identifier},eilen,4\n")
    with pytest.raises(CommandError):
        call_command("import_attendance", file)
    errors = capsys.readouterr().err
    for word in words:
        assert word in errors
    assert not MeetingVisit.objects.exists()


def test_import_is_all_or_nothing_with_every_row_named(tmp_path, setting, capsys):
    group = setting["group"]
    file = write(
        tmp_path,
        f"{group.identifier},2026-03-03,6\nno-such-group,2026-03-04,5\n{group.identifier},31.2.2026,x\n"
        f"{group.identifier},2026-03-03,7,9\n",
    )
    with translation.override("fi"), pytest.raises(CommandError):
        call_command("import_attendance", file)
    errors = capsys.readouterr().err
    assert not MeetingVisit.objects.exists()
    for row in ("2", "3", "4"):
        assert row in errors
    assert "no-such-group" in errors
