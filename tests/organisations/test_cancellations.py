"""Fast cancellation: a partner cancels or restores one meeting, live at once, recorded in the audit log."""

import datetime
from http import HTTPStatus

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

from groups.cancellations import (
    CANCEL_ACTION,
    RESTORE_ACTION,
    cancel_meeting,
    cancellable_dates,
    restore_meeting,
)
from groups.factories import CancellationFactory, GroupPageFactory, single, weekly_rule
from groups.models import Cancellation
from organisations.factories import CoordinatorFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly(db):
    """A group that meets every week on today's weekday from today on (whatever day the tests run),
    and once more in three days; translated into Swedish."""
    today = timezone.localdate()
    return GroupPageFactory(
        title="Viikkoryhmä",
        schedule_rules=[weekly_rule(today.weekday(), since=today)],
        extra_meetings=[single(today + datetime.timedelta(days=3), start=(13, 0), end=(14, 0))],
        swedish={"title": "Veckogrupp"},
    )


@pytest.fixture
def people(weekly):
    """The group's organisation's editor, another organisation's editor and approver, a coordinator."""
    from types import SimpleNamespace

    other = GroupPageFactory(title="Toisen ryhmä").get_parent().specific
    return SimpleNamespace(
        editor=PartnerFactory(organisation=weekly.get_parent().specific),
        other_editor=PartnerFactory(organisation=other),
        other_approver=PartnerFactory(organisation=other, role="approver"),
        coordinator=CoordinatorFactory(),
        other_group=other.get_children().get().specific,
    )


def url(page):
    return reverse("organisations_meeting_cancellation", args=[page.pk])


def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


# --- The service ------------------------------------------------------------------------------


def at(hour):
    """Today at ``hour`` o'clock, Helsinki time."""
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(hour)))


def test_upcoming_dates_come_from_the_live_schedule(weekly):
    today = timezone.localdate()
    dates = cancellable_dates(weekly, now=at(8))
    assert dates[:3] == [today, today + datetime.timedelta(days=3), today + datetime.timedelta(days=7)]


def test_a_meeting_that_is_over_cannot_be_cancelled(weekly):
    today = timezone.localdate()
    assert today in cancellable_dates(weekly, now=at(10))
    assert today not in cancellable_dates(weekly, now=at(11))


def test_cancelling_is_live_at_once_and_logged(weekly, people):
    cancellation = cancel_meeting(weekly, next_week(), reason_fi="Ohjaaja on sairaana.", user=people.editor)
    assert cancellation.is_active
    assert list(weekly.upcoming_cancellations()) == [cancellation]
    entry = PageLogEntry.objects.get(page=weekly, action=CANCEL_ACTION)
    assert entry.user == people.editor
    assert entry.data["reason_fi"] == "Ohjaaja on sairaana."
    assert next_week() not in cancellable_dates(weekly)


def test_cancelling_from_the_swedish_page_stores_it_on_the_finnish_one(weekly, sv):
    swedish = weekly.get_translation(sv).specific
    cancellation = cancel_meeting(swedish, next_week(), reason_fi="Sairastapaus.", reason_sv="Sjukdomsfall.")
    assert cancellation.group_id == weekly.pk
    assert list(swedish.upcoming_cancellations()) == [cancellation]


@pytest.mark.parametrize(
    ("days", "reason", "field"),
    [
        (1, "Sairastapaus.", "date"),  # the group does not meet that day
        (-7, "Sairastapaus.", "date"),  # in the past
        (7, "   ", "reason_fi"),
        (7, "x" * 201, "reason_fi"),
    ],
)
def test_bad_cancellations_are_refused(weekly, days, reason, field):
    date = timezone.localdate() + datetime.timedelta(days=days)
    with pytest.raises(ValidationError) as error:
        cancel_meeting(weekly, date, reason_fi=reason)
    assert field in error.value.message_dict
    assert not Cancellation.objects.filter(group=weekly).exists()


def test_the_same_meeting_cannot_be_cancelled_twice(weekly):
    cancel_meeting(weekly, next_week(), reason_fi="Sairastapaus.")
    with pytest.raises(ValidationError):
        cancel_meeting(weekly, next_week(), reason_fi="Taas.")
    assert Cancellation.objects.filter(group=weekly).count() == 1


def test_restoring_withdraws_without_deleting(weekly, people):
    cancellation = cancel_meeting(weekly, next_week(), reason_fi="Sairastapaus.")
    restore_meeting(cancellation, user=people.editor)
    cancellation.refresh_from_db()
    assert cancellation.withdrawn_by == people.editor
    assert cancellation.withdrawn_at is not None
    assert list(weekly.upcoming_cancellations()) == []
    assert next_week() in cancellable_dates(weekly)
    assert PageLogEntry.objects.filter(page=weekly, action=RESTORE_ACTION).count() == 1
    with pytest.raises(ValidationError):
        restore_meeting(cancellation)


# --- The admin view ---------------------------------------------------------------------------


def test_editor_cancels_a_meeting_in_the_admin_without_approval(client, people, weekly, soup):
    client.force_login(people.editor)
    response = client.get(url(weekly))
    assert response.status_code == HTTPStatus.OK
    options = [option["value"] for option in soup(response).select("select[name=date] option")]
    assert next_week().isoformat() in options
    response = client.post(
        url(weekly),
        {"date": next_week().isoformat(), "reason_fi": "Ohjaaja on sairaana.", "reason_sv": "Ledaren är sjuk."},
    )
    assert response.status_code == HTTPStatus.FOUND
    cancellation = Cancellation.objects.get(group=weekly, withdrawn_at__isnull=True)
    assert (cancellation.date, cancellation.reason_sv, cancellation.created_by) == (
        next_week(),
        "Ledaren är sjuk.",
        people.editor,
    )
    assert not weekly.workflow_in_progress
    public = client.get(weekly.url)
    assert "Ohjaaja on sairaana." in public.content.decode()


def test_cancellation_view_shows_cancelled_meetings_and_restores_one(client, people, weekly, soup):
    cancellation = cancel_meeting(weekly, next_week(), reason_fi="Sairastapaus.", user=people.editor)
    client.force_login(people.editor)
    page = soup(client.get(url(weekly)))
    assert "Sairastapaus." in page.get_text(" ")
    response = client.post(url(weekly), {"restore": "1", "cancellation": cancellation.pk})
    assert response.status_code == HTTPStatus.FOUND
    cancellation.refresh_from_db()
    assert cancellation.withdrawn_by == people.editor


def test_bad_form_input_gives_a_message_and_changes_nothing(client, people, weekly, soup):
    client.force_login(people.editor)
    response = client.post(url(weekly), {"date": "2000-01-01", "reason_fi": ""})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = soup(response)
    for field in ("date", "reason_fi"):
        assert html.select_one(f"#id_{field}")["aria-invalid"] == "true"
    response = client.post(url(weekly), {"restore": "1", "cancellation": "not-a-number"})
    assert response.status_code == HTTPStatus.FOUND
    assert not Cancellation.objects.filter(group=weekly).exists()


@pytest.mark.parametrize("role", ["other_editor", "other_approver"])
def test_others_cannot_cancel_the_groups_meetings(client, people, weekly, role):
    client.force_login(getattr(people, role))
    assert client.get(url(weekly)).status_code != HTTPStatus.OK
    client.post(url(weekly), {"date": next_week().isoformat(), "reason_fi": "Kaapattu."})
    assert not Cancellation.objects.filter(group=weekly).exists()


def test_others_cannot_withdraw_a_cancellation(client, people, weekly):
    cancellation = cancel_meeting(weekly, next_week(), reason_fi="Sairastapaus.")
    client.force_login(people.other_editor)
    client.post(url(weekly), {"restore": "1", "cancellation": cancellation.pk})
    cancellation.refresh_from_db()
    assert cancellation.is_active


def test_a_cancellation_of_another_group_cannot_be_withdrawn_through_this_one(client, people, weekly):
    other = CancellationFactory(group=people.other_group, date=next_week(), reason_fi="Muu.")
    client.force_login(people.editor)
    client.post(url(weekly), {"restore": "1", "cancellation": other.pk})
    other.refresh_from_db()
    assert other.is_active


def test_unknown_group_is_not_found(client, people):
    client.force_login(people.editor)
    response = client.get(reverse("organisations_meeting_cancellation", args=[999999]), follow=True)
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_edit_page_offers_the_cancellation(client, people, weekly):
    client.force_login(people.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[weekly.pk]))
    assert url(weekly) in response.content.decode()
    client.force_login(people.other_editor)
    listing = client.get(reverse("wagtailadmin_explore", args=[weekly.get_parent().pk]))
    assert url(weekly) not in listing.content.decode()


# --- For coordinators -------------------------------------------------------------------------


def test_coordinators_see_cancellations_in_the_history_and_the_report(client, people, weekly, soup):
    cancel_meeting(weekly, next_week(), reason_fi="Ohjaaja on sairaana.", user=people.editor)
    client.force_login(people.coordinator)
    history = client.get(reverse("wagtailadmin_pages:history", args=[weekly.pk]))
    assert "Ohjaaja on sairaana." in soup(history).get_text(" ")
    report = client.get(reverse("organisations_cancellations_report"))
    assert report.status_code == HTTPStatus.OK
    text = soup(report).get_text(" ")
    assert "Ohjaaja on sairaana." in text
    assert weekly.title in text
    assert weekly.get_parent().title in text


def test_partners_cannot_open_the_report(client, people):
    client.force_login(people.editor)
    response = client.get(reverse("organisations_cancellations_report"))
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"


def test_report_keeps_a_constant_number_of_queries(client, people, weekly, django_assert_max_num_queries):
    client.force_login(people.coordinator)
    client.get(reverse("organisations_cancellations_report"))
    for days in range(7, 77, 7):
        date = timezone.localdate() + datetime.timedelta(days=days)
        cancel_meeting(weekly, date, reason_fi="Tauko.", user=people.editor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("organisations_cancellations_report"))
    assert response.content.decode().count("Tauko.") == 10
