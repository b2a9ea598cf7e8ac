"""Anonymous feedback and wishes: posted through the public forms, nothing identifying stored,
floods and bots refused without a 5xx, open answers reviewed by a coordinator first."""

import time
from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.models import Locale

from groups.factories import GroupPageFactory
from groups.feedback import PER_SENDER_PER_HOUR, WISH_SCOPE, form_token, group_scope
from groups.models import FeedbackAnswer, GroupWish, ReviewStatus, Status
from organisations.factories import CoordinatorFactory, PartnerFactory
from search.models import FinderPage

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Tunnistettava selain 1.0)"
ADDRESS = "203.0.113.77"


@pytest.fixture
def group():
    return GroupPageFactory(swedish={"title": "Grupp"})


def answer(group, **extra):
    return {
        "token": form_token(group_scope(group), now=time.time() - 30),
        "website": "",
        "easy": "agree",
        "less_lonely": "partly",
        "again": "agree",
        "satisfaction": "5",
        "atmosphere": "4",
        "open_answer": "Mukava porukka.",
        **extra,
    }


def post(client, url, data):
    return client.post(url, data, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)


def test_group_page_links_to_the_form_in_both_languages(client, group):
    assert "palaute/" in client.get(group.url).content.decode()
    swedish = group.get_translation(Locale.objects.get(language_code="sv"))
    page = client.get(swedish.url)
    assert "respons/" in page.content.decode()
    form = client.get(swedish.url + "respons/")
    assert form.status_code == HTTPStatus.OK
    assert "Ge respons" in form.content.decode()


def test_feedback_is_stored_without_anything_that_identifies_the_sender(client, group):
    url = group.feedback_url()
    shown = client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)
    assert shown.status_code == HTTPStatus.OK
    assert "Anna palautetta" in shown.content.decode()
    assert not shown.cookies
    response = post(client, url, answer(group))
    assert response.status_code == HTTPStatus.OK
    assert not response.cookies
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    stored = FeedbackAnswer.objects.get()
    assert (stored.group_id, stored.easy, stored.satisfaction, stored.review_status) == (
        group.pk,
        "agree",
        5,
        ReviewStatus.PENDING,
    )
    everything = repr(list(FeedbackAnswer.objects.values())) + repr(list(GroupWish.objects.values()))
    assert ADDRESS not in everything and BROWSER not in everything and "Tunnistettava" not in everything
    field_names = {field.name for field in FeedbackAnswer._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user_agent", "cookie", "session", "created_at"}


@pytest.mark.parametrize(
    "hostile",
    [
        {"satisfaction": "9"},
        {"easy": "<script>alert(1)</script>"},
        {"open_answer": "x" * 20000},
        {"token": "forged"},
        {"token": ""},
        {"open_answer": "a\x00b"},
        {"easy": "", "less_lonely": "", "again": "", "satisfaction": "", "atmosphere": "", "open_answer": ""},
    ],
)
def test_hostile_posts_are_refused_without_a_server_error(client, group, hostile):
    response = post(client, group.feedback_url(), answer(group, **hostile))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not FeedbackAnswer.objects.exists()


def test_a_form_sent_at_once_or_for_another_group_is_refused(client, group):
    other = GroupPageFactory()
    too_fast = answer(group, token=form_token(group_scope(group)))
    assert post(client, group.feedback_url(), too_fast).status_code == HTTPStatus.BAD_REQUEST
    replayed = answer(group, token=form_token(group_scope(other), now=time.time() - 30))
    assert post(client, group.feedback_url(), replayed).status_code == HTTPStatus.BAD_REQUEST
    stale = answer(group, token=form_token(group_scope(group), now=time.time() - 3 * 3600))
    assert post(client, group.feedback_url(), stale).status_code == HTTPStatus.BAD_REQUEST
    assert not FeedbackAnswer.objects.exists()


def test_the_honeypot_is_thanked_and_forgotten(client, group):
    response = post(client, group.feedback_url(), answer(group, website="http://spam.example"))
    assert response.status_code == HTTPStatus.OK
    assert not FeedbackAnswer.objects.exists()


def test_a_flood_is_stopped(client, group):
    statuses = [post(client, group.feedback_url(), answer(group)).status_code for _ in range(PER_SENDER_PER_HOUR + 3)]
    assert statuses[:PER_SENDER_PER_HOUR] == [HTTPStatus.OK] * PER_SENDER_PER_HOUR
    assert set(statuses[PER_SENDER_PER_HOUR:]) == {HTTPStatus.TOO_MANY_REQUESTS}
    assert FeedbackAnswer.objects.count() == PER_SENDER_PER_HOUR


def test_an_ended_group_takes_no_feedback(client):
    group = GroupPageFactory(status=Status.ENDED)
    assert client.get(group.url + "palaute/").status_code == HTTPStatus.NOT_FOUND
    assert "palaute/" not in client.get(group.url).content.decode()


def test_open_answers_wait_for_a_coordinator(client, group):
    post(client, group.feedback_url(), answer(group, open_answer="Kiitos Maijalle!"))
    stored = FeedbackAnswer.objects.get()
    url = reverse("groups_feedback_review")
    client.force_login(PartnerFactory(organisation=group.get_parent().specific))
    refused = client.get(url)
    assert "Maijalle" not in refused.content.decode()
    client.force_login(CoordinatorFactory())
    assert "Maijalle" in client.get(url).content.decode()
    client.post(url, {"answer": stored.pk, "action": "remove"})
    stored.refresh_from_db()
    assert (stored.open_answer, stored.review_status, stored.satisfaction) == ("", ReviewStatus.REMOVED, 5)


def test_wish_form_on_the_finder(client):
    finder = FinderPage.objects.get(locale__language_code="fi")
    assert "toivo-ryhmaa/" in client.get(finder.url).content.decode()
    url = finder.url + "toivo-ryhmaa/"
    assert client.get(url).status_code == HTTPStatus.OK
    data = {
        "token": form_token(WISH_SCOPE, now=time.time() - 30),
        "activity": "Lukupiiri",
        "place": "Kirjasto",
        "time": "arki-illat",
    }
    assert post(client, url, data).status_code == HTTPStatus.OK
    assert GroupWish.objects.get().activity == "Lukupiiri"
    assert post(client, url, {**data, "website": "x"}).status_code == HTTPStatus.OK
    assert GroupWish.objects.count() == 1
    client.force_login(CoordinatorFactory())
    assert "Lukupiiri" in client.get(reverse("groups_wishes")).content.decode()


def test_brochure_carries_the_feedback_forms_qr_code(group):
    from django.test import RequestFactory

    from search.brochure import build_brochure
    from tests.search.test_brochure import decode_qr

    finder = FinderPage.objects.get(locale__language_code="fi")
    request = RequestFactory().get(finder.url, HTTP_HOST="ryhmat.example.fi", secure=True)
    made = build_brochure(finder, request)
    entries = [entry for section in made.sections for day in section.days for entry in day.entries]
    entry = next(entry for entry in entries if entry.group.pk == group.pk)
    assert entry.feedback_url.endswith(group.url + "palaute/")
    assert decode_qr(entry.feedback_qr_code) == entry.feedback_url


def test_review_and_wish_lists_take_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from groups.feedback import save_feedback, save_wish

    groups = [GroupPageFactory() for _ in range(2)]
    client.force_login(CoordinatorFactory())

    def add(count):
        for number in range(count):
            save_feedback(groups[number % 2], {"open_answer": f"Vastaus {number}", "satisfaction": 4})
            save_wish({"activity": f"Toive {number}"})

    add(3)
    counts = {}
    for name in ("groups_feedback_review", "groups_wishes"):
        client.get(reverse(name))
        with django_assert_max_num_queries(40) as queries:
            client.get(reverse(name))
        counts[name] = len(queries.captured_queries)
    add(10)
    for name, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(reverse(name)).status_code == HTTPStatus.OK
