"""A visitor finds a group and saves its meetings in a calendar: with a mouse in Finnish and in
Swedish, with the keyboard only, and with JavaScript turned off."""

import datetime
import io
import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from .site import FINNISH, LANGUAGES, tab_to

pytestmark = pytest.mark.e2e
BROCHURE_TIMEOUT_MS = 60_000


def results_heading(page, words, count):
    return page.get_by_role("heading", level=2, name=words.results_heading.format(count=count))


def municipality_checkbox(page, words):
    municipalities = page.get_by_role("group", name=words.municipality_legend, exact=True)
    return municipalities.get_by_role("checkbox", name=re.compile(rf"^{words.municipality} \(\d+\)$"))


def check_calendar_file(page, download, link, words, next_start):
    """The downloaded file is an iCalendar feed of the group with the next meeting in it."""
    assert download.suggested_filename.endswith(".ics")
    feed = page.request.get(link.get_attribute("href"))
    assert feed.ok
    assert feed.headers["content-type"].startswith("text/calendar")
    downloaded = Path(download.path()).read_bytes()
    assert downloaded == feed.body()
    events = Calendar.from_ical(downloaded).walk("VEVENT")
    starts = {event.decoded("DTSTART") for event in events if str(event["SUMMARY"]) == words.group}
    assert datetime.datetime.fromisoformat(next_start) in starts


def is_brochure(response):
    return response.url.split("?")[0].endswith(".pdf")


def check_brochure(page, response, words):
    """The finder's brochure link gave a PDF of the selection: the Kokkola group, not the other one."""
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    # Chromium shows an inline PDF in its viewer; read the same file through the page's session.
    pdf = page.request.get(response.url, timeout=BROCHURE_TIMEOUT_MS).body()
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join(page_.extract_text().split()) for page_ in PdfReader(io.BytesIO(pdf)).pages)
    assert words.group in text
    assert words.municipality in text
    assert words.other_municipality_group not in text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_visitor_finds_a_singing_group_nearby_adds_it_to_the_calendar_and_prints_a_brochure(page, language):
    words = LANGUAGES[language]
    page.goto(f"/{language}/")
    header_search = page.get_by_role("banner").get_by_role("search")
    header_search.get_by_role("searchbox", name=words.search_label).fill(words.query)
    header_search.get_by_role("button", name=words.search_button, exact=True).click()

    expect(results_heading(page, words, 5)).to_be_visible()
    expect(page.get_by_role("link", name=words.other_municipality_group)).to_be_visible()

    page.get_by_text(words.narrow_down).click()
    municipality_checkbox(page, words).check()
    page.get_by_role("button", name=words.show_groups).click()

    expect(results_heading(page, words, 3)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]municipality=kokkola(&|$)"))
    expect(page.get_by_role("link", name=words.other_municipality_group)).to_have_count(0)

    page.get_by_role("article").filter(has_text=words.group).get_by_role("link", name=words.group).click()
    expect(page.get_by_role("heading", level=1, name=words.group)).to_be_visible()
    next_meeting = page.get_by_role("main").get_by_text(words.next_time).locator("..").locator("time")
    next_start = next_meeting.get_attribute("datetime")

    link = page.get_by_role("link", name=words.add_to_calendar)
    with page.expect_download() as download:
        link.click()
    check_calendar_file(page, download.value, link, words, next_start)

    page.go_back()
    expect(results_heading(page, words, 3)).to_be_visible()
    # Rendering a brochure takes the server a few seconds (more on a busy test machine).
    with page.expect_response(is_brochure, timeout=BROCHURE_TIMEOUT_MS) as response:
        page.get_by_role("link", name=words.print_brochure).click()
    check_brochure(page, response.value, words)


def test_keyboard_user_finds_a_group_and_adds_it_to_the_calendar(page):
    """Journey 1 with Tab, Enter and Space only; every element on the way shows where the focus is."""
    words = FINNISH
    page.goto("/fi/")
    skip_link = page.get_by_role("link", name="Siirry sisältöön")
    tab_to(page, skip_link, limit=1)
    expect(skip_link).to_be_in_viewport()

    tab_to(page, page.get_by_role("banner").get_by_role("searchbox", name=words.search_label))
    page.keyboard.type(words.query)
    page.keyboard.press("Enter")
    expect(results_heading(page, words, 5)).to_be_visible()

    tab_to(page, page.get_by_text(words.narrow_down))
    page.keyboard.press("Enter")
    checkbox = municipality_checkbox(page, words)
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    tab_to(page, page.get_by_role("button", name=words.show_groups))
    page.keyboard.press("Enter")
    expect(results_heading(page, words, 3)).to_be_visible()

    tab_to(page, page.get_by_role("link", name=words.group))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=words.group)).to_be_visible()
    next_start = page.get_by_role("main").get_by_text(words.next_time).locator("..").locator("time")
    next_start = next_start.get_attribute("datetime")

    link = page.get_by_role("link", name=words.add_to_calendar)
    tab_to(page, link)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    check_calendar_file(page, download.value, link, words, next_start)

    page.go_back()  # the browser's own Back (Alt+Left), which is not part of the page
    expect(results_heading(page, words, 3)).to_be_visible()
    brochure = page.get_by_role("link", name=words.print_brochure)
    tab_to(page, brochure)
    with page.expect_response(is_brochure, timeout=BROCHURE_TIMEOUT_MS) as response:
        page.keyboard.press("Enter")
    check_brochure(page, response.value, words)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_search_and_filters_work_without_javascript(new_context, language):
    words = LANGUAGES[language]
    page = new_context(java_script_enabled=False).new_page()
    page.set_content("<title>off</title><script>document.title = 'on'</script>")
    assert page.title() == "off", "JavaScript is still on"

    page.goto(f"/{language}/")
    page.get_by_role("navigation", name=words.main_menu).get_by_role("link", name=words.find_a_group).click()
    main = page.get_by_role("main")
    main.get_by_role("searchbox", name=words.search_label).fill(words.query)
    main.get_by_role("button", name=words.search_button, exact=True).click()
    expect(results_heading(page, words, 5)).to_be_visible()

    page.get_by_text(words.narrow_down).click()
    municipality_checkbox(page, words).check()
    page.get_by_role("button", name=words.show_groups).click()
    expect(results_heading(page, words, 3)).to_be_visible()
    expect(page.get_by_role("link", name=words.other_municipality_group)).to_have_count(0)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_on_a_phone_the_results_come_first_and_targets_are_large_enough(new_context, language):
    """At 360 × 740 the first result starts on the first screen after a search and after a filter;
    the search button and the language switch are at least 44 px, checkboxes and chips 24 px."""
    words = LANGUAGES[language]
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"/{language}/")
    page.get_by_role("navigation", name=words.main_menu).get_by_role("link", name=words.find_a_group).click()
    main = page.get_by_role("main")
    main.get_by_role("searchbox", name=words.search_label).fill(words.query)
    search_button = main.get_by_role("button", name=words.search_button, exact=True)
    search_button.click()
    expect(results_heading(page, words, 5)).to_be_visible()
    first_result = page.get_by_role("article").first
    assert first_result.bounding_box()["y"] < 740

    page.get_by_text(words.narrow_down).click()
    checkbox = municipality_checkbox(page, words)
    box = checkbox.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    checkbox.check()
    page.get_by_role("button", name=words.show_groups).click()
    expect(results_heading(page, words, 3)).to_be_visible()
    assert page.get_by_role("article").first.bounding_box()["y"] < 740
    expect(page.get_by_text(words.change_choices)).to_be_visible()
    chip = page.locator("a.chip").filter(has_text=words.municipality)
    assert chip.bounding_box()["height"] >= 24

    for target in (search_button, page.locator(".language-switcher a")):
        box = target.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, target
