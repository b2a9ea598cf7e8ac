"""Reports: visits recorded as a partner and imported from a file, feedback posted through the public
form; the report, its CSV and XLSX and ``manage.py statistics`` agree with sums computed here."""

import csv
import datetime
import io
import json
import time
from http import HTTPStatus

import pytest
from openpyxl import load_workbook

from django.core.management import call_command
from django.urls import reverse

from groups.factories import GroupPageFactory, MunicipalityFactory, VenueFactory
from groups.feedback import form_token, group_scope
from groups.statistics import ReportFilters, compute
from groups.visits import record_visit
from organisations.factories import CoordinatorFactory, OrganisationPageFactory, PartnerFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 11, 23)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}

# (date, visitors, first-timers) of each group; the last of "other" is outside the period.
VISITS = {
    "first": [("2026-02-03", 12, 3), ("2026-02-10", 9, None), ("2026-03-03", 14, 2)],
    "second": [("2026-02-05", 6, 1), ("2026-04-02", 8, 0)],
    "other": [("2026-05-05", 20, 5), ("2025-12-30", 30, 30)],
}
# (easy, again, satisfaction) of each answer.
FIRST_ANSWERS = [
    ("agree", "agree", 5),
    ("agree", "agree", 4),
    ("partly", "agree", 5),
    ("disagree", "", 4),
    ("cant_say", "partly", ""),
]
SECOND_ANSWERS = [("agree", "agree", 3)] * 4


@pytest.fixture
def region(client):
    kokkola = MunicipalityFactory(code="kokkola-t", name_fi="Kokkola T")
    own, other = OrganisationPageFactory(), OrganisationPageFactory()
    groups = {
        "first": GroupPageFactory(parent=own, title="Aamukahvit Q", venue=VenueFactory(municipality=kokkola)),
        "second": GroupPageFactory(parent=own, title="Kävelyryhmä Q"),
        "other": GroupPageFactory(parent=other, title="Salainen laulupiiri"),
    }
    partner = PartnerFactory(organisation=own)
    # The first group's visits through the admin as the partner, the rest from a file.
    client.force_login(partner)
    for day, visitors, first in VISITS["first"]:
        data = {"date": day, "visitors": visitors, "first_timers": "" if first is None else first}
        assert client.post(reverse("groups_visits", args=[groups["first"].pk]), data).status_code == HTTPStatus.FOUND
    client.logout()
    lines = [
        f"{groups[name].identifier},{day},{visitors},{'' if first is None else first}"
        for name in ("second", "other")
        for day, visitors, first in VISITS[name]
    ]
    path = io.StringIO("\n".join(lines))
    from groups.visits import import_attendance

    import_attendance(path.getvalue())
    for name, answers in (("first", FIRST_ANSWERS), ("second", SECOND_ANSWERS)):
        for number, (easy, again, satisfaction) in enumerate(answers):
            data = {
                "token": form_token(group_scope(groups[name]), now=time.time() - 60),
                "easy": easy,
                "again": again,
                "satisfaction": satisfaction,
                "atmosphere": "5",
            }
            response = client.post(groups[name].feedback_url(), data, REMOTE_ADDR=f"198.51.100.{number}")
            assert response.status_code == HTTPStatus.OK
    return {"groups": groups, "partner": partner, "other_partner": PartnerFactory(organisation=other)}


def in_period(name):
    return [(visitors, first) for day, visitors, first in VISITS[name] if START.isoformat() <= day <= END.isoformat()]


def expected_totals(names):
    rows = [row for name in names for row in in_period(name)]
    visits = sum(visitors for visitors, _first in rows)
    return {
        "visits": visits,
        "meetings_held": len(rows),
        "first_visits": sum(first or 0 for _visitors, first in rows),
        "groups_met": len(names),
        "average_per_meeting": round(visits / len(rows), 1),
        "average_per_group": round(visits / len(names), 1),
        "feedback_answers": len(FIRST_ANSWERS) + len(SECOND_ANSWERS),
    }


def test_statistics_command_agrees_with_independent_sums(region, capsys):
    call_command("statistics", "--from", START.isoformat(), "--to", END.isoformat(), "--json")
    data = json.loads(capsys.readouterr().out)
    for key, value in expected_totals(["first", "second", "other"]).items():
        assert data["totals"][key] == value, key
    assert data["totals"]["organisations"] == 2
    answers = FIRST_ANSWERS + SECOND_ANSWERS
    easy = [answer[0] for answer in answers]
    assert data["feedback"]["statements"]["easy"]["agree_percent"] == round(100 * easy.count("agree") / len(easy))
    assert data["feedback"]["statements"]["easy"]["at_least_partly_percent"] == round(
        100 * (easy.count("agree") + easy.count("partly")) / len(easy)
    )
    again = [answer[1] for answer in answers if answer[1]]
    assert data["feedback"]["statements"]["again"]["answered"] == len(again)
    ratings = [answer[2] for answer in answers if answer[2] != ""]
    assert data["feedback"]["satisfaction"] == round(sum(ratings) / len(ratings), 1)
    by_title = {group["title"]: group for group in data["groups"]}
    assert by_title["Aamukahvit Q"]["satisfaction"] == round(sum([5, 4, 5, 4]) / 4, 1)
    assert by_title["Kävelyryhmä Q"]["satisfaction"] is None  # four answers: no group figures
    assert by_title["Kävelyryhmä Q"]["feedback_answers"] is None


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_report_csv_and_xlsx_show_the_same_figures(client, region):
    client.force_login(CoordinatorFactory())
    url = reverse("groups_statistics_report")
    page = client.get(url, PERIOD)
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    expected = expected_totals(["first", "second", "other"])
    assert f'data-figure="visits">{expected["visits"]}<' in html
    assert "<svg" in html and "<table" in html
    rows = csv_rows(client.get(url, {**PERIOD, "export": "csv"}))
    figures = {row[0]: row[1] for row in rows if len(row) == 2}
    assert figures["Käynnit"] == str(expected["visits"])
    assert figures["Pidetyt tapaamiset"] == str(expected["meetings_held"])
    assert figures["Kävijöitä keskimäärin tapaamista kohden"] == str(expected["average_per_meeting"])
    workbook = load_workbook(io.BytesIO(client.get(url, {**PERIOD, "export": "xlsx"}).content))
    cells = {row[0]: row[1] for row in workbook.active.iter_rows(values_only=True) if row and row[0]}
    assert cells["Käynnit"] == expected["visits"]
    walking = next(row for row in rows if row and row[0] == "Kävelyryhmä Q")
    assert walking[-3:] == ["", "", ""]


def test_filters_narrow_the_figures(client, region):
    filters = ReportFilters(START, END, municipality=region["groups"]["first"].venue.municipality)
    figures = compute(filters)
    assert [row.title for row in figures.groups] == ["Aamukahvit Q"]
    assert figures.visits == sum(visitors for visitors, _first in in_period("first"))


def test_partner_sees_only_own_groups(client, region):
    client.force_login(region["partner"])
    url = reverse("groups_statistics_report")
    other_org = region["groups"]["other"].get_parent()
    for params in (PERIOD, {**PERIOD, "organisation": other_org.pk}):
        html = client.get(url, params).content.decode()
        assert "Salainen laulupiiri" not in html
        assert f'data-figure="visits">{expected_totals(["first", "second"])["visits"]}<' in html
    rows = csv_rows(client.get(url, {**PERIOD, "export": "csv", "organisation": other_org.pk}))
    assert not any("Salainen" in cell for row in rows for cell in row)
    client.force_login(region["other_partner"])
    html = client.get(url, PERIOD).content.decode()
    assert "Aamukahvit Q" not in html and "Kävelyryhmä Q" not in html
    for name in ("groups_region_summary", "groups_feedback_review", "groups_wishes"):
        assert client.get(reverse(name)).status_code != HTTPStatus.OK
    poster = reverse("groups_feedback_poster", args=[region["groups"]["first"].pk])
    assert client.get(poster).status_code != HTTPStatus.OK


def test_region_summary_and_poster(client, region):
    client.force_login(CoordinatorFactory())
    summary = client.get(reverse("groups_region_summary"), PERIOD)
    assert summary.status_code == HTTPStatus.OK
    assert str(expected_totals(["first", "second", "other"])["visits"]) in summary.content.decode()
    client.force_login(region["partner"])
    poster = client.get(reverse("groups_feedback_poster", args=[region["groups"]["first"].pk]))
    assert poster.status_code == HTTPStatus.OK
    assert "data:image/svg+xml;base64," in poster.content.decode()
    assert "Anna palautetta" in poster.content.decode()


def test_report_queries_do_not_grow_with_groups(client, django_assert_max_num_queries):
    coordinator = CoordinatorFactory()
    organisation = OrganisationPageFactory()
    for number in range(6):
        group = GroupPageFactory(parent=organisation)
        record_visit(group, datetime.date(2026, 3, number + 1), number + 3)
    client.force_login(coordinator)
    url = reverse("groups_statistics_report")
    client.get(url, PERIOD)
    with django_assert_max_num_queries(40) as few:
        client.get(url, PERIOD)
    for _more in range(6):
        GroupPageFactory(parent=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, PERIOD)


def test_demo_figures_fill_the_reports_once(django_assert_max_num_queries):
    from groups.demo_figures import FEEDBACK_ANSWERS, load_demo_figures
    from groups.models import FeedbackAnswer, MeetingVisit

    for _group in range(3):
        GroupPageFactory()
    with django_assert_max_num_queries(12):
        visits, answers, _wishes = load_demo_figures()
    assert visits > 3 * 15 and answers == FEEDBACK_ANSWERS
    assert (MeetingVisit.objects.count(), FeedbackAnswer.objects.count()) == (visits, answers)
    assert load_demo_figures()[:2] == (0, 0)
    figures = compute(ReportFilters(datetime.date(2025, 1, 1), datetime.date(2026, 11, 23)))
    assert figures.visits == sum(MeetingVisit.objects.values_list("visitors", flat=True))
    assert figures.feedback.shown and 80 <= figures.feedback.statements[-1].agree_percent <= 100
