"""The printable brochure: the finder's selection as a PDF, read back with pypdf."""

import base64
import datetime
import io
from http import HTTPStatus

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from groups.importer import import_data
from groups.models import GroupPage, Status
from search.brochure import build_brochure
from search.models import FinderPage
from search.services import groups_changed

pytestmark = pytest.mark.django_db

FINNISH = "/fi/ryhmat/esite.pdf"
SWEDISH = "/sv/grupper/broschyr.pdf"


def brochure(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"] == "application/pdf"
    return response


def pdf_text(response):
    """The text of every page, with runs of white space (line breaks too) made single spaces."""
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def listed_titles(language):
    """Titles of the groups a reader of ``language`` may find: live, public and not ended."""
    pages = GroupPage.objects.live().public().filter(locale__language_code=language)
    return set(pages.exclude(status=Status.ENDED).values_list("title", flat=True))


def ended_titles(language):
    pages = GroupPage.objects.filter(locale__language_code=language, status=Status.ENDED)
    return set(pages.values_list("title", flat=True))


def font_sizes(response):
    """The size in points of every run of text in the PDF."""
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.add(round(size * abs(tm[3]) * abs(cm[3]), 1))

    for page in PdfReader(io.BytesIO(response.content)).pages:
        page.extract_text(visitor_text=visit)
    assert sizes
    return sizes


def import_changed(example_data, change):
    """Import the example file after ``change(data)`` has edited a copy of it."""
    import copy

    data = copy.deepcopy(example_data)
    change(data)
    import_data(data)


def singing(data):
    return next(item for item in data["groups"] if item["id"] == "bandilaulu-kaustinen")


def entry_text(text, title):
    """The text of one group's entry in the brochure: from its title to its web page, the last fact."""
    start = text.index(title)
    ends = [text.find(label, start) for label in ("Verkkosivu:", "Webbsida:")]
    end = min((found for found in ends if found != -1), default=len(text))
    return text[start:end]


@pytest.mark.parametrize(
    ("schedule", "next_times"),
    [
        # Today is Monday 23.11.2026; the old window was 45 days, up to 7.1.2027.
        ({"dates": [{"date": "2027-02-18", "start": "17:00", "end": "18:30"}]}, "to 18.2.2027 klo 17–18.30"),
        (
            {
                "rules": [
                    {"weekday": "thu", "start": "17:00", "end": "18:30", "frequency": "weekly", "from": "2027-01-14"}
                ]
            },
            "to 14.1.2027 klo 17–18.30 · to 21.1.2027 klo 17–18.30 · to 28.1.2027 klo 17–18.30",
        ),
    ],
)
def test_group_whose_next_meeting_is_months_ahead_lists_it(client, example_data, schedule, next_times):
    import_changed(example_data, lambda data: singing(data).update(schedule=schedule))
    entry = entry_text(pdf_text(brochure(client, FINNISH + "?municipality=kaustinen")), "Laulua bändin kanssa")
    assert f"Seuraavat kerrat: {next_times}" in entry
    assert "Tulevia kokoontumisia ei ole vielä ilmoitettu." not in entry


def test_group_without_contact_gives_its_organisers_contact(client, example_data):
    def association_contact(data):
        association = next(item for item in data["organisations"] if item["id"] == "kaustisen-mtyhdistys")
        association["contact"] = {"name": "Puheenjohtaja", "phone": "+358 40 555 0101", "email": "yhdistys@example.org"}

    import_changed(example_data, association_contact)
    finnish = entry_text(pdf_text(brochure(client, FINNISH + "?municipality=kaustinen")), "Laulua bändin kanssa")
    assert (
        "Kysyttävää? Kaustisen mielenterveysyhdistys ry, Puheenjohtaja · Puhelin +358 40 555 0101"
        " · Sähköposti yhdistys@example.org" in finnish
    )
    swedish = entry_text(pdf_text(brochure(client, SWEDISH + "?municipality=kaustinen")), "Laulua bändin kanssa")
    assert (
        "Frågor? Kaustisen mielenterveysyhdistys ry, Puheenjohtaja · Telefon +358 40 555 0101"
        " · E-post yhdistys@example.org" in swedish
    )


def test_group_and_organiser_without_contact_give_no_questions_line(client, imported_example):
    text = pdf_text(brochure(client, FINNISH + "?municipality=kaustinen"))
    assert "Laulua bändin kanssa" in text and "Kuukauden kahvit" in text
    assert "Kysyttävää?" not in text


@pytest.mark.parametrize(
    ("query_string", "expected", "absent"),
    [
        ("municipality=kokkola", {"Yhteinen aamupala"}, {"Laulua bändin kanssa", "Kuukauden kahvit"}),
        ("weekday=thu", {"Laulua bändin kanssa"}, {"Yhteinen aamupala", "Kuukauden kahvit"}),
        ("q=laulu", {"Laulua bändin kanssa"}, {"Yhteinen aamupala"}),
        ("free=1&municipality=kaustinen", {"Laulua bändin kanssa"}, {"Kuukauden kahvit", "Yhteinen aamupala"}),
    ],
)
def test_filters_are_respected(client, imported_example, query_string, expected, absent):
    text = pdf_text(brochure(client, f"{FINNISH}?{query_string}"))
    assert {title for title in expected if title in text} == expected
    assert {title for title in absent if title in text} == set()


def test_cover_says_the_selection_in_words_and_the_date(client, imported_example):
    response = brochure(client, FINNISH + "?municipality=kaustinen&weekday=thu&activity=music")
    first_page = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Kaustinen · Torstai · Musiikki ja laulu" in first_page
    assert "Tulostettu 23.11.2026 · 1 ryhmä" in first_page
    everything = " ".join(PdfReader(io.BytesIO(brochure(client, SWEDISH).content)).pages[0].extract_text().split())
    assert "Alla grupper" in everything and "Utskriven 23.11.2026 · 3 grupper" in everything


def test_qr_codes_open_the_group_pages(client, imported_example, fi):
    finder = FinderPage.objects.get(locale=fi)
    request = RequestFactory().get(FINNISH, HTTP_HOST="ryhmat.example.fi", secure=True)
    with translation.override("fi"):
        made = build_brochure(finder, request)
    entries = [entry for section in made.sections for day in section.days for entry in day.entries]
    assert len(entries) == 3
    for entry in entries:
        assert entry.url == "https://ryhmat.example.fi" + entry.group.url
        assert decode_qr(entry.qr_code) == entry.url
    assert decode_qr(made.finder_qr_code) == "https://ryhmat.example.fi/fi/ryhmat/"


def test_qr_codes_in_the_pdf_link_to_the_group_pages(client, imported_example):
    response = brochure(client, FINNISH)
    links = set()
    for page in PdfReader(io.BytesIO(response.content)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                links.add(action["/URI"])
    expected = {
        f"http://testserver{group.url}"
        for group in GroupPage.objects.live().filter(locale__language_code="fi").exclude(status=Status.ENDED)
    }
    assert expected <= links


def decode_qr(data_uri):
    """The text of the QR code in a ``data:image/png;base64,...`` URI, read with zxing-cpp."""
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
    image = image.convert("L").resize((image.width * 8, image.height * 8), Image.NEAREST)
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


def test_brochure_is_cached_until_a_group_is_published(client, imported_example, fi):
    first = brochure(client, FINNISH)
    with CaptureQueriesContext(connection) as cached:
        again = brochure(client, FINNISH)
    assert again.content == first.content
    with CaptureQueriesContext(connection) as rendered:
        groups_changed()
        brochure(client, FINNISH)
    assert len(cached.captured_queries) < len(rendered.captured_queries)

    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    group.title = "Yhteinen aamiainen"
    group.save_revision().publish()
    text = pdf_text(brochure(client, FINNISH))
    assert "Yhteinen aamiainen" in text
    assert "Yhteinen aamupala" not in text

    group.unpublish()
    assert "Yhteinen aamiainen" not in pdf_text(brochure(client, FINNISH))


def test_a_new_cancellation_reaches_the_cached_brochure(client, imported_example, fi):
    from groups.models import Cancellation

    assert "Joulujuhla" not in pdf_text(brochure(client, FINNISH))
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    Cancellation.objects.create(group=group, date=datetime.date(2026, 11, 24), reason_fi="Joulujuhla.")
    assert "Peruttu: ti 24.11.2026 klo 9–10.30 (Joulujuhla.)" in pdf_text(brochure(client, FINNISH))


def test_queries_do_not_grow_with_the_number_of_groups(client, imported_example, fi, django_assert_max_num_queries):
    def queries():
        groups_changed()  # render, do not take it from the cache
        with CaptureQueriesContext(connection) as context:
            brochure(client, FINNISH)
        return len(context.captured_queries)

    brochure(client, FINNISH)  # warm Wagtail's own caches (site root paths...)
    before = queries()
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    for number in range(12):
        group.copy(
            update_attrs={"slug": f"lisa-{number}", "title": f"Aamupala {number}", "identifier": f"lisa-{number}"}
        ).save_revision().publish()
    assert queries() == before
    groups_changed()
    with django_assert_max_num_queries(45):
        assert "Aamupala 11" in pdf_text(brochure(client, FINNISH))


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%00",
        "q=" + "a" * 5000,
        "q=%27%22%3Cscript%3Ealert(1)%3C/script%3E",
        "q=%3A*%20%26%20%7C%20%3C-%3E",
        "page=-1",
        "page=abc",
        "municipality=atlantis",
        "municipality=%00",
        "weekday=funday&time=midnight",
        "activity=" + "x" * 3000,
        "organisation=../../etc/passwd",
        "free=maybe&online=2&step_free=%00",
        "municipality=kokkola&" + "&".join(["municipality=kokkola"] * 200),
    ],
)
def test_hostile_parameters_never_cause_an_error(client, imported_example, query_string):
    response = client.get(f"{FINNISH}?{query_string}")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_unknown_parameters_share_the_cached_brochure(client, imported_example):
    first = brochure(client, FINNISH + "?municipality=kokkola")
    with CaptureQueriesContext(connection) as context:
        second = brochure(client, FINNISH + "?municipality=kokkola&municipality=atlantis&page=3&utm_source=x")
    assert second.content == first.content
    assert len(context.captured_queries) < 15


def test_no_results_gives_a_short_kind_brochure(client, imported_example):
    response = brochure(client, FINNISH + "?q=laulu&municipality=kokkola")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = pdf_text(response)
    assert "Valitettavasti" in text or "ei löytynyt ryhmiä" in text
    assert "”laulu” · Kokkola" in text
    assert "http://testserver/fi/ryhmat/?q=laulu&municipality=kokkola" in text


def test_response_headers(client, imported_example):
    response = brochure(client, FINNISH + "?municipality=kokkola&weekday=tue")
    assert response["Content-Disposition"] == 'inline; filename="ryhmat-kokkola-tiistai-2026-11-23.pdf"'
    assert "Cache-Control" not in response  # PUBLIC_CACHE_SECONDS is 0 in the tests
    not_modified = client.get(FINNISH + "?municipality=kokkola&weekday=tue", HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == HTTPStatus.NOT_MODIFIED
    swedish = brochure(client, SWEDISH)
    assert swedish["Content-Disposition"] == 'inline; filename="grupper-2026-11-23.pdf"'
    assert client.post(FINNISH).status_code == HTTPStatus.METHOD_NOT_ALLOWED


@pytest.mark.parametrize("url", [FINNISH, SWEDISH + "?municipality=kokkola"])
def test_brochure_is_only_read(imported_example, url):
    # With the CSRF check on, as in a browser: the answer is 405, not the CSRF failure's 403.
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for method in (client.post, client.put, client.delete):
        response = method(url)
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
        assert response["Allow"] == "GET, HEAD"
    head = client.head(url)
    assert head.status_code == HTTPStatus.OK
    assert head["Content-Type"] == "application/pdf"
    assert brochure(client, url).content.startswith(b"%PDF-")


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_cache_headers_follow_the_public_pages(client, imported_example):
    response = brochure(client, FINNISH)
    finder = client.get("/fi/ryhmat/")
    assert response["Cache-Control"] == finder["Cache-Control"]
    assert "s-maxage=300" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("url", "label", "brochure_url"),
    [
        ("/fi/ryhmat/?municipality=kokkola&page=1", "Tulosta esite", "/fi/ryhmat/esite.pdf?municipality=kokkola"),
        ("/sv/grupper/", "Skriv ut broschyr", "/sv/grupper/broschyr.pdf"),
    ],
)
def test_finder_offers_its_selection_as_a_brochure(client, soup, imported_example, url, label, brochure_url):
    html = soup(client.get(url))
    link = html.select_one(".brochure-link a")
    assert link.get_text(" ", strip=True).startswith(label)
    assert link["href"] == brochure_url
    alternate = html.select_one('head link[rel="alternate"][type="application/pdf"]')
    assert alternate["href"] == brochure_url
    assert brochure(client, brochure_url).content.startswith(b"%PDF-")


def test_finder_offers_no_brochure_without_results(client, soup, imported_example):
    html = soup(client.get("/fi/ryhmat/?q=laulu&municipality=kokkola"))
    assert html.select_one(".brochure-link") is None
    assert html.select_one('link[type="application/pdf"]') is None


def test_pages_print_with_the_print_stylesheet(client, soup, imported_example, pages):
    html = soup(client.get(pages.own_group.url))
    assert html.select_one('link[rel="stylesheet"][media="print"]')["href"] == "/static/css/print.css"
    address = html.select_one(".print-only.page-address")
    assert address.get_text(" ", strip=True) == f"Tämä sivu verkossa: http://testserver{pages.own_group.url}"
    print_css = client.get("/static/css/print.css")
    css = b"".join(print_css.streaming_content).decode()
    assert ".site-header" in css and ".finder" in css and "display: none" in css


def test_warm_brochures_renders_the_region_and_each_municipality_into_the_cache(client, imported_example):
    from django.core.management import call_command

    from groups.models import Municipality

    first, second = io.StringIO(), io.StringIO()
    call_command("warm_brochures", "--base-url", "http://testserver", stdout=first)
    call_command("warm_brochures", "--base-url", "http://testserver", stdout=second)
    first_lines, second_lines = first.getvalue().splitlines(), second.getvalue().splitlines()
    # The whole region and every municipality, in Finnish and in Swedish.
    assert len(first_lines) == len(second_lines) == 2 * (1 + Municipality.objects.count())
    assert first_lines[0].startswith("fi, all groups: the brochure was rendered in")
    assert any(line.startswith("sv, all groups: the brochure was rendered in") for line in first_lines)
    assert any(line.startswith("fi, Kokkola: ") for line in first_lines)
    # The second time nothing changed, so every brochure is found in the cache.
    assert all(line.endswith("a brochure of the same content was in the cache.") for line in second_lines)
    for url in (FINNISH, SWEDISH):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert response.content.startswith(b"%PDF")
        # Served from the cache: the finder's lookups only, no group is read.
        assert not any("groups_grouppage" in query["sql"] and "summary" in query["sql"] for query in queries)


def test_warm_brochures_refuses_a_bad_address(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("warm_brochures", "--base-url", "ryhmat.example.fi")
