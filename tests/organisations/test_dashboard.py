"""The partner's panels on the admin home page."""

import datetime
from http import HTTPStatus

import pytest

from django.utils import timezone

from groups.models import GroupPage, ScheduleRule
from tests.organisations.test_workflow import act, submit_change

pytestmark = pytest.mark.django_db


def section(soup, response, name):
    return soup(response).select_one(f"#partner-{name}-section")


def test_partner_sees_own_groups_only(client, partners, pages, soup):
    client.force_login(partners.editor)
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    groups = section(soup, response, "groups").get_text(" ")
    assert pages.own_group.title in groups
    assert pages.other_group.title not in groups


def test_waiting_and_returned_changes_are_listed(client, partners, pages, soup):
    submit_change(client, partners.editor, pages.own_group)
    client.force_login(partners.editor)
    response = client.get("/admin/")
    assert pages.own_group.title in section(soup, response, "waiting").get_text(" ")
    act(client, partners.approver, pages.own_group, "reject", comment="Tarkista aika.")
    client.force_login(partners.editor)
    response = client.get("/admin/")
    assert pages.own_group.title not in section(soup, response, "waiting").get_text(" ")
    assert "Tarkista aika." in section(soup, response, "returned").get_text(" ")
    # A colleague sees it waiting nowhere and returned to nobody but the one who sent it.
    client.force_login(partners.approver)
    assert "Tarkista aika." not in section(soup, client.get("/admin/"), "returned").get_text(" ")


def test_groups_without_upcoming_meetings_are_listed(client, partners, pages, soup):
    today = timezone.localdate()
    pages.own_group.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=today.weekday(),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            valid_from=today,
        )
    ]
    pages.own_group.save_revision().publish()
    client.force_login(partners.editor)
    empty = section(soup, client.get("/admin/"), "no-meetings").get_text(" ")
    assert pages.own_group.title not in empty
    ended = GroupPage.objects.get(identifier="verkkopelit", locale=pages.own_group.locale)
    assert ended.status == "ended"
    assert ended.title not in empty  # ended groups need no meetings

    pages.own_group.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=0,
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            valid_from=today - datetime.timedelta(days=100),
            valid_until=today - datetime.timedelta(days=1),
        )
    ]
    pages.own_group.save_revision().publish()
    empty = section(soup, client.get("/admin/"), "no-meetings").get_text(" ")
    assert pages.own_group.title in empty


def test_coordinator_without_an_organisation_gets_no_partner_panel(client, partners, soup):
    client.force_login(partners.coordinator)
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    assert section(soup, response, "groups") is None


def test_dashboard_is_in_swedish_for_a_swedish_user(client, partners, soup):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(partners.editor)
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(partners.editor)
    response = client.get("/admin/")
    assert section(soup, response, "groups").select_one("h2").get_text(strip=True) == "Dina grupper"


def test_dashboard_keeps_a_constant_number_of_queries(client, partners, pages, django_assert_max_num_queries):
    client.force_login(partners.editor)
    client.get("/admin/")
    with django_assert_max_num_queries(60) as few:
        client.get("/admin/")
    for number in range(10):
        group = GroupPage(
            title=f"Ryhmä {number}", slug=f"ryhma-{number}", summary="Ryhmä.", locale=pages.own_org.locale
        )
        pages.own_org.add_child(instance=group)
        group.save_revision(user=partners.editor).publish()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/admin/")
    assert response.content.decode().count("Ryhmä 9") >= 1
