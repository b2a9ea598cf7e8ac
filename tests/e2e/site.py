"""What the browser tests know about the public site: its words in each language, its page types
and the checks that every page must pass (axe-core, visible focus, no sideways scrolling)."""

from dataclasses import dataclass
from http import HTTPStatus

from axe_playwright_python.sync_playwright import Axe

#: The WCAG 2.1 level A and AA rules of axe-core.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROWEST_SCREEN = 320


@dataclass(frozen=True)
class Language:
    """The words a visitor sees and types in one language, for the journeys."""

    code: str
    main_menu: str
    find_a_group: str
    search_label: str
    search_button: str
    query: str
    results_heading: str
    narrow_down: str
    municipality_legend: str
    municipality: str
    show_groups: str
    group: str
    other_municipality_group: str
    add_to_calendar: str
    next_time: str
    cancelled_meetings: str
    no_results: str
    print_brochure: str
    change_choices: str


FINNISH = Language(
    code="fi",
    main_menu="Päävalikko",
    find_a_group="Etsi ryhmä",
    search_label="Hae ryhmää",
    search_button="Hae",
    query="laulu",
    results_heading="Löytyi {count} ryhmää",
    narrow_down="Rajaa hakua: kunta, päivä, toiminta…",
    municipality_legend="Kunta",
    municipality="Kokkola",
    show_groups="Näytä ryhmät",
    group="Lauluryhmä suomeksi ja ruotsiksi",
    other_municipality_group="Laulua bändin kanssa",
    add_to_calendar="Lisää kalenteriin",
    next_time="Seuraavan kerran:",
    cancelled_meetings="Perutut kerrat",
    no_results="Valitettavasti näillä valinnoilla ei löytynyt ryhmiä.",
    print_brochure="Tulosta esite (PDF)",
    change_choices="Muuta valintoja",
)
SWEDISH = Language(
    code="sv",
    main_menu="Huvudmeny",
    find_a_group="Hitta en grupp",
    search_label="Sök en grupp",
    search_button="Sök",
    query="sång",
    results_heading="{count} grupper hittades",
    narrow_down="Avgränsa: kommun, dag, verksamhet …",
    municipality_legend="Kommun",
    municipality="Karleby",
    show_groups="Visa grupper",
    group="Sånggrupp på svenska och finska",
    other_municipality_group="Sång med band",
    add_to_calendar="Lägg till i kalendern",
    next_time="Nästa gång:",
    cancelled_meetings="Inställda träffar",
    no_results="Tyvärr hittades inga grupper med de här valen.",
    print_brochure="Skriv ut broschyr (PDF)",
    change_choices="Ändra val",
)
LANGUAGES = {"fi": FINNISH, "sv": SWEDISH}


@dataclass(frozen=True)
class PublicPage:
    """One public page type, at an address of the demo site."""

    kind: str
    url: str
    status: int = HTTPStatus.OK
    #: Text the page must show, so that a wrong page never passes for the right one.
    shows: str = ""


def _translation_url(model, identifier, language):
    page = model.objects.get(identifier=identifier, locale__language_code="fi")
    return page.get_translation(_locale(language)).get_url()


def _fixed_page_url(model, language):
    return model.objects.live().get(locale__language_code=language).get_url()


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def public_pages(language):
    """Every public page type of the demo site in ``language``, as the visitor reaches it."""
    from groups.models import GroupPage, WeekProgrammePage
    from home.models import HomePage, InformationPage
    from organisations.models import OrganisationIndexPage, OrganisationPage
    from search.models import FinderPage

    words = LANGUAGES[language]
    finder = _fixed_page_url(FinderPage, language)
    information = InformationPage.objects.live().filter(locale__language_code=language).order_by("path").first()
    pages = [
        PublicPage("home", HomePage.objects.get(locale__language_code=language).get_url()),
        PublicPage("finder with results", f"{finder}?q={words.query}", shows=words.results_heading.format(count=5)),
        PublicPage("finder with no results", f"{finder}?q=sukellus&municipality=perho", shows=words.no_results),
        PublicPage("group", _translation_url(GroupPage, "lauluryhma-kokkola", language), shows=words.group),
        PublicPage("organisation", _translation_url(OrganisationPage, "karleby-svenska-forsamling", language)),
        PublicPage("organisation list", _fixed_page_url(OrganisationIndexPage, language)),
        PublicPage("information page", information.get_url(), shows=information.title),
        PublicPage("week programme", _fixed_page_url(WeekProgrammePage, language)),
        PublicPage("page not found", f"/{language}/ei-ole-olemassa/", status=HTTPStatus.NOT_FOUND),
    ]
    if language == "sv":
        # A Finnish group not translated yet: the Finnish text with a notice in Swedish.
        pages.append(
            PublicPage("untranslated group", _translation_url(GroupPage, "visailut-halsua", language), shows="Visailu")
        )
    return pages


def open_public_page(page, public_page):
    """Go to the page and check that it is the page it should be."""
    response = page.goto(public_page.url)
    assert response is not None and response.status == public_page.status, (
        f"{public_page.kind} {public_page.url}: HTTP {response.status if response else None}"
    )
    if public_page.shows:
        assert public_page.shows in page.locator("main").inner_text(), f"{public_page.kind} does not show its content"
    return response


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines (empty: none).

    axe-core is run by the page's own script engine: no Content Security Policy is bypassed.
    """
    results = (
        Axe()
        .run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS}, "resultTypes": ["violations"]})
        .response
    )
    assert results["passes"], "axe-core checked nothing: is the page empty?"
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}")
    return lines


FOCUS_STYLE = """element => {
    const style = getComputedStyle(element);
    return {
        tag: element.tagName.toLowerCase(),
        text: (element.innerText || element.value || element.getAttribute('aria-label') || '').trim().slice(0, 60),
        focusVisible: element.matches(':focus-visible'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        outlineDescription: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    };
}"""


def focused_element_style(page):
    """How the element that has the keyboard focus is drawn (tag, text, outline)."""
    return page.evaluate(f"({FOCUS_STYLE})(document.activeElement)")


def tab_to(page, locator, *, limit=80):
    """Press Tab until ``locator`` has the focus, checking at every stop that the focus is visible."""
    # After Enter on a link or a button the new page may still be loading its style sheet, and the
    # browser's own thin focus ring would show until it has: wait for the page to have loaded.
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focused_element_style(page)
        assert focused["tag"] != "body", "the focus was lost"
        assert focused["focusVisible"] and focused["outline"], f"focus is not visible on {focused}"
        if locator.evaluate("element => element === document.activeElement"):
            return focused
    raise AssertionError(f"{locator} was not reached with {limit} presses of Tab")


def page_width(page):
    """How wide the page's content is, in CSS pixels (wider than the screen means sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth")


def elements_wider_than(page, width):
    """The elements that reach past ``width``, to tell what makes a page scroll sideways."""
    return page.evaluate(
        """width => [...document.querySelectorAll('body *')]
            .filter(element => element.getBoundingClientRect().right > width + 0.5)
            .slice(0, 10)
            .map(element => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px`)""",
        width,
    )
