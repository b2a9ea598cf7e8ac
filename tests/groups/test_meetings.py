"""Meetings: one row per occurrence, kept in step with the published schedule and cancellations."""

import datetime
from http import HTTPStatus
from io import StringIO
from zoneinfo import ZoneInfo

import pytest

from django.core.management import call_command

from groups.models import Cancellation, ExtraMeeting, GroupPage, Meeting, MeetingStatus, ScheduleRule, Status
from groups.services import HORIZON_DAYS, refresh_meetings, with_next_meeting

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
D = datetime.date


def group(identifier, locale="fi"):
    return GroupPage.objects.get(identifier=identifier, locale__language_code=locale)


def meeting_dates(page, **filters):
    return [m.date for m in Meeting.objects.filter(translation_key=page.translation_key, **filters)]


def test_import_creates_the_meetings_of_the_coming_weeks(imported_example):
    breakfast = group("aamupala-kokkola")
    assert meeting_dates(breakfast, date__gte=D(2026, 11, 23)) == [
        D(2026, 11, 24),
        D(2026, 12, 1),
        D(2026, 12, 8),
        D(2026, 12, 15),
    ]


def test_cancelled_date_is_kept_as_a_cancelled_meeting_with_its_reason(imported_example):
    breakfast = group("aamupala-kokkola")
    cancelled = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 8))
    assert cancelled.status == MeetingStatus.CANCELLED
    assert cancelled.cancellation.reason_fi == "Itsenäisyyspäivän viikko, ei aamupalaa."


def test_every_other_week_counts_from_the_first_meeting(imported_example):
    singing = group("bandilaulu-kaustinen")
    # From Thursday 3.9.2026 every other week: 3.9., 17.9., ... 12.11., 26.11., 10.12., 24.12.
    assert meeting_dates(singing, date__range=(D(2026, 11, 16), D(2026, 12, 20))) == [D(2026, 11, 26), D(2026, 12, 10)]


def test_paused_and_ended_groups_have_no_meetings(imported_example):
    assert meeting_dates(group("kuukausikahvit-kaustinen")) == []
    assert meeting_dates(group("verkkopelit")) == []


def test_both_language_versions_share_the_meetings(imported_example):
    finnish, swedish = group("aamupala-kokkola"), group("aamupala-kokkola", "sv")
    assert finnish.next_meetings()[0].date == swedish.next_meetings()[0].date == D(2026, 11, 24)


def test_new_cancellation_changes_the_meeting_at_once(imported_example):
    breakfast = group("aamupala-kokkola")
    cancellation = Cancellation.objects.create(group=breakfast, date=D(2026, 12, 1), reason_fi="Ohjaaja sairastui.")
    meeting = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 1))
    assert meeting.status == MeetingStatus.CANCELLED
    cancellation.withdrawn_at = datetime.datetime.now(tz=HELSINKI)
    cancellation.save()
    meeting = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 1))
    assert meeting.status == MeetingStatus.SCHEDULED


def test_publishing_a_new_schedule_replaces_the_meetings(imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=3,
            start_time=datetime.time(10),
            end_time=datetime.time(11),
            valid_from=D(2026, 11, 1),
            valid_until=D(2026, 12, 10),
        )
    ]
    breakfast.save_revision().publish()
    assert meeting_dates(breakfast, date__gte=D(2026, 11, 23)) == [D(2026, 11, 26), D(2026, 12, 3), D(2026, 12, 10)]


def test_a_draft_does_not_change_the_meetings(imported_example):
    breakfast = group("aamupala-kokkola")
    before = meeting_dates(breakfast)
    draft = breakfast.get_latest_revision_as_object()
    draft.status = Status.PAUSED
    draft.save_revision()
    refresh_meetings(breakfast)
    assert meeting_dates(breakfast) == before


def test_unpublishing_removes_the_coming_meetings(imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.unpublish()
    assert meeting_dates(breakfast, date__gte=D(2026, 11, 23)) == []


def test_times_stay_right_across_the_end_of_summer_time(imported_example):
    singing = group("bandilaulu-kaustinen")
    # Summer time ended on Sunday 25.10.2026: 17:00 is 14:00 UTC before and 15:00 UTC after.
    refresh_meetings(singing, today=D(2026, 10, 10))
    before = Meeting.objects.get(translation_key=singing.translation_key, date=D(2026, 10, 15))
    after = Meeting.objects.get(translation_key=singing.translation_key, date=D(2026, 10, 29))
    assert before.start_iso == "2026-10-15T17:00+03:00"
    assert after.start_iso == "2026-10-29T17:00+02:00"
    assert before.start.astimezone(datetime.UTC).hour == 14
    assert after.start.astimezone(datetime.UTC).hour == 15


def test_public_holidays_are_skipped_when_the_rule_says_so(imported_example):
    singing = group("bandilaulu-kaustinen")
    singing.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=3,
            start_time=datetime.time(17),
            end_time=datetime.time(18),
            valid_from=D(2026, 12, 1),
            skip_public_holidays=True,
        )
    ]
    singing.save_revision().publish()
    dates = meeting_dates(singing, date__range=(D(2026, 12, 1), D(2026, 12, 31)))
    assert D(2026, 12, 24) not in dates  # Christmas Eve
    assert D(2026, 12, 17) in dates
    assert D(2026, 12, 31) in dates


def test_refresh_meetings_command_reports_what_it_did(imported_example):
    Meeting.objects.all().delete()
    out = StringIO()
    call_command("refresh_meetings", stdout=out)
    assert "4" in out.getvalue()
    assert meeting_dates(group("aamupala-kokkola"), date__gte=D(2026, 11, 23))[0] == D(2026, 11, 24)


def test_next_meeting_annotation_skips_cancelled_meetings(imported_example):
    breakfast = group("aamupala-kokkola")
    Cancellation.objects.create(group=breakfast, date=D(2026, 11, 24), reason_fi="Sali on varattu.")
    annotated = with_next_meeting(GroupPage.objects.filter(pk=breakfast.pk)).get()
    assert annotated.next_start.astimezone(HELSINKI) == datetime.datetime(2026, 12, 1, 9, tzinfo=HELSINKI)


def test_group_page_shows_the_next_meeting_first(client, soup, imported_example):
    breakfast = group("aamupala-kokkola")
    Cancellation.objects.create(group=breakfast, date=D(2026, 11, 24), reason_fi="Sali on varattu.")
    response = client.get(breakfast.url)
    assert response.status_code == HTTPStatus.OK
    html = soup(response)
    times = html.find_all("time")
    assert times[0]["datetime"] == "2026-12-01T09:00+02:00"
    assert times[0].get_text(strip=True) == "ti 1.12.2026 klo 9–10.30"
    assert "2026-11-24T09:00+02:00" not in [t["datetime"] for t in times[:3]]
    assert "Sali on varattu." in html.get_text(" ", strip=True)


def test_swedish_group_page_writes_the_meeting_in_swedish(client, soup, imported_example):
    html = soup(client.get(group("aamupala-kokkola", "sv").url))
    first = html.find("time")
    assert first["datetime"] == "2026-11-24T09:00+02:00"
    assert first.get_text(strip=True) == "tis 24.11.2026 kl. 9–10.30"


def test_finder_cards_show_the_next_meeting(client, soup, imported_example):
    html = soup(client.get("/fi/ryhmat/?q=aamupala"))
    card = html.select_one("article")
    assert card.find("time")["datetime"] == "2026-11-24T09:00+02:00"


def test_refresh_keeps_unchanged_meetings_as_they_are(imported_example):
    breakfast = group("aamupala-kokkola")
    before = {
        m.pk: (m.sequence, m.modified_at) for m in Meeting.objects.filter(translation_key=breakfast.translation_key)
    }
    refresh_meetings(breakfast)
    after = {
        m.pk: (m.sequence, m.modified_at) for m in Meeting.objects.filter(translation_key=breakfast.translation_key)
    }
    assert after == before


def test_cancelling_a_meeting_counts_up_its_revision(imported_example):
    breakfast = group("aamupala-kokkola")
    meeting = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 1))
    assert meeting.sequence == 0
    cancellation = Cancellation.objects.create(group=breakfast, date=D(2026, 12, 1), reason_fi="Ohjaaja sairastui.")
    cancelled = Meeting.objects.get(pk=meeting.pk)
    assert (cancelled.status, cancelled.sequence) == (MeetingStatus.CANCELLED, 1)
    assert cancelled.modified_at > meeting.modified_at
    cancellation.reason_sv = "Ledaren är sjuk."
    cancellation.save()
    assert Meeting.objects.get(pk=meeting.pk).sequence == 2
    cancellation.withdrawn_at = datetime.datetime.now(tz=HELSINKI)
    cancellation.save()
    restored = Meeting.objects.get(pk=meeting.pk)
    assert (restored.status, restored.sequence) == (MeetingStatus.SCHEDULED, 3)


def test_deleting_a_cancellation_restores_the_meeting(imported_example, django_capture_on_commit_callbacks):
    breakfast = group("aamupala-kokkola")
    with django_capture_on_commit_callbacks(execute=True):
        Cancellation.objects.get(group=breakfast, date=D(2026, 12, 8)).delete()
    meeting = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 8))
    assert meeting.status == MeetingStatus.SCHEDULED
    assert meeting.cancellation is None


def test_deleting_a_group_with_cancellations_leaves_no_meetings(imported_example, django_capture_on_commit_callbacks):
    breakfast = group("aamupala-kokkola")
    key = breakfast.translation_key
    with django_capture_on_commit_callbacks(execute=True):
        for page in GroupPage.objects.filter(translation_key=key).order_by("-locale__language_code"):
            page.delete()
    assert not Meeting.objects.filter(translation_key=key).exists()


def test_changed_end_time_updates_the_meeting_in_place(imported_example):
    breakfast = group("aamupala-kokkola")
    meeting = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 1))
    rule = breakfast.schedule_rules.get()
    breakfast.schedule_rules = [
        ScheduleRule(
            frequency=rule.frequency,
            weekday=rule.weekday,
            start_time=rule.start_time,
            end_time=datetime.time(11),
            valid_from=rule.valid_from,
            valid_until=rule.valid_until,
        )
    ]
    breakfast.save_revision().publish()
    updated = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2026, 12, 1))
    assert updated.pk == meeting.pk
    assert updated.sequence == 1
    assert updated.local_end.time() == datetime.time(11)


def night_rules():
    """Sundays 3.30–4.30 around both summer time changes of 2027 (28.3. and 31.10.)."""
    night = {"frequency": "weekly", "weekday": 6, "start_time": datetime.time(3, 30), "end_time": datetime.time(4, 30)}
    return [
        ScheduleRule(valid_from=D(2027, 3, 21), valid_until=D(2027, 4, 4), **night),
        ScheduleRule(valid_from=D(2027, 10, 24), valid_until=D(2027, 11, 7), **night),
    ]


def rows(page):
    return {
        m.pk: (m.start, m.end, m.status, m.sequence, m.modified_at)
        for m in Meeting.objects.filter(translation_key=page.translation_key)
    }


def test_meeting_in_the_hour_skipped_in_spring_keeps_its_length(imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.schedule_rules = night_rules()
    breakfast.save_revision().publish()
    night = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2027, 3, 28))
    assert night.start_iso == "2027-03-28T04:30+03:00"
    assert night.end - night.start == datetime.timedelta(hours=1)
    assert night.describe() == "su 28.3.2027 klo 4.30–5.30"
    autumn = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2027, 10, 31))
    assert autumn.start_iso == "2027-10-31T03:30+03:00"
    assert autumn.end > autumn.start


@pytest.mark.parametrize("today", [D(2026, 11, 23), D(2027, 3, 20), D(2027, 10, 20)])
def test_refresh_keeps_meetings_at_the_summer_time_changes_as_they_are(imported_example, today):
    breakfast = group("aamupala-kokkola")
    breakfast.schedule_rules = night_rules()
    breakfast.save_revision().publish()
    refresh_meetings(breakfast, today=today)
    before = rows(breakfast)
    assert {start.date() for start, *_rest in before.values()} >= {D(2027, 3, 28), D(2027, 10, 31)}
    refresh_meetings(breakfast, today=today)
    refresh_meetings(breakfast, today=today)
    assert rows(breakfast) == before


def test_cancelling_a_meeting_at_a_summer_time_change_updates_its_row(imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.schedule_rules = night_rules()
    breakfast.save_revision().publish()
    before = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2027, 3, 28))
    Cancellation.objects.create(group=breakfast, date=D(2027, 3, 28), reason_fi="Kellot siirretään.")
    after = Meeting.objects.get(translation_key=breakfast.translation_key, date=D(2027, 3, 28))
    assert (after.pk, after.status, after.sequence) == (before.pk, MeetingStatus.CANCELLED, 1)


def test_a_rule_starting_past_the_horizon_keeps_its_first_meetings(imported_example):
    breakfast = group("aamupala-kokkola")
    horizon = D(2026, 11, 23) + datetime.timedelta(days=HORIZON_DAYS)
    breakfast.schedule_rules = [
        ScheduleRule(
            frequency="weekly",
            weekday=1,
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            valid_from=D(2027, 7, 20),
        )
    ]
    breakfast.extra_meetings = [
        ExtraMeeting(date=D(2027, 8, 15), start_time=datetime.time(18), end_time=datetime.time(20)),
        ExtraMeeting(date=D(2028, 1, 5), start_time=datetime.time(18), end_time=datetime.time(20)),
    ]
    breakfast.save_revision().publish()
    dates = meeting_dates(breakfast, date__gte=D(2026, 11, 23))
    assert D(2027, 7, 20) > horizon
    # The rule's first five meetings, and every single date however far ahead.
    assert dates == [
        D(2027, 7, 20),
        D(2027, 7, 27),
        D(2027, 8, 3),
        D(2027, 8, 10),
        D(2027, 8, 15),
        D(2027, 8, 17),
        D(2028, 1, 5),
    ]
    # As the window moves on, the same meetings stay as they are, and the rest of the rule follows.
    before = rows(breakfast)
    refresh_meetings(breakfast)
    assert rows(breakfast) == before
    refresh_meetings(breakfast, today=D(2027, 7, 1))
    assert len(meeting_dates(breakfast, date__gte=D(2027, 7, 1))) > 20


def test_a_weekly_rule_has_no_rows_past_the_horizon(imported_example):
    singing = group("bandilaulu-kaustinen")
    horizon = D(2026, 11, 23) + datetime.timedelta(days=HORIZON_DAYS)
    assert meeting_dates(singing)[-1] <= horizon
    assert meeting_dates(singing)[-1] > horizon - datetime.timedelta(days=14)


def schedule_section(soup, client, page):
    html = soup(client.get(page.url))
    return html.find("section", attrs={"aria-labelledby": "when-heading"})


def test_a_cancelled_single_date_is_crossed_out_in_the_schedule(client, soup, imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.extra_meetings = [
        ExtraMeeting(date=D(2026, 12, 17), start_time=datetime.time(13), end_time=datetime.time(15)),
        ExtraMeeting(date=D(2026, 12, 19), start_time=datetime.time(13), end_time=datetime.time(15)),
    ]
    breakfast.save_revision().publish()
    Cancellation.objects.create(group=breakfast, date=D(2026, 12, 17), reason_fi="Sali on varattu.")
    for page, heading, cancelled, kept in (
        (breakfast, "Lisäksi näinä päivinä:", "Peruttu: to 17.12.2026 klo 13–15", "la 19.12.2026 klo 13–15"),
        (
            group("aamupala-kokkola", "sv"),
            "Dessutom följande dagar:",
            "Inställd: tors 17.12.2026 kl. 13–15",
            "lör 19.12.2026 kl. 13–15",
        ),
    ):
        when = schedule_section(soup, client, page)
        assert when.find("p", string=heading) is not None
        singles = when.find("p", string=heading).find_next_sibling("ul").find_all("li")
        assert [item.get_text(" ", strip=True) for item in singles] == [cancelled, kept]
        assert singles[0].find("del") is not None and singles[1].find("del") is None
        # The cancellation is also in the list of cancelled meetings, with its reason.
        assert "17.12.2026" in when.select_one(".cancellations").get_text()


def test_a_group_with_only_single_dates_says_so_in_both_languages(client, soup, imported_example):
    breakfast = group("aamupala-kokkola")
    breakfast.schedule_rules = []
    breakfast.extra_meetings = [
        ExtraMeeting(date=D(2026, 12, 17), start_time=datetime.time(13), end_time=datetime.time(15))
    ]
    breakfast.save_revision().publish()
    assert schedule_section(soup, client, breakfast).find("p", string="Ryhmä kokoontuu näinä päivinä:")
    swedish = schedule_section(soup, client, group("aamupala-kokkola", "sv"))
    assert swedish.find("p", string="Gruppen träffas följande dagar:")


def test_a_group_without_coming_meetings_offers_only_a_subscription_and_says_why(client, soup, imported_example):
    breakfast = group("aamupala-kokkola")
    rule = breakfast.schedule_rules.get()
    rule.valid_until = D(2026, 11, 1)
    breakfast.schedule_rules = [rule]
    breakfast.save_revision().publish()
    for page, download, subscribe, hint in (
        (breakfast, "Lisää kalenteriin", "Tilaa kalenteri", "Kalenterissa ei ole vielä kokoontumisia."),
        (
            group("aamupala-kokkola", "sv"),
            "Lägg till i kalendern",
            "Prenumerera på kalendern",
            "Det finns inga träffar i kalendern än.",
        ),
    ):
        when = schedule_section(soup, client, page)
        assert when.find("time") is None
        links = when.select(".add-to-calendar a")
        assert [link.get_text(strip=True) for link in links] == [subscribe]
        assert download not in when.get_text()
        assert links[0]["href"].startswith("webcal://")
        assert hint in when.select_one(".add-to-calendar").get_text(" ", strip=True)


def test_a_group_with_coming_meetings_offers_both_calendar_links(client, soup, imported_example):
    when = schedule_section(soup, client, group("aamupala-kokkola"))
    links = [link.get_text(strip=True) for link in when.select(".add-to-calendar a")]
    assert links == ["Lisää kalenteriin", "Tilaa kalenteri"]
