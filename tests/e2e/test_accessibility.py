"""Every public page type, in Finnish and in Swedish, passes axe-core's WCAG 2.1 A and AA rules and
fits a 320 px wide screen without sideways scrolling."""

import pytest

from .site import (
    LANGUAGES,
    NARROWEST_SCREEN,
    axe_violations,
    elements_wider_than,
    open_public_page,
    page_width,
    public_pages,
)

pytestmark = pytest.mark.e2e


def test_the_accessibility_check_reports_what_is_wrong(page):
    """The check itself can fail: a page with a nameless image and a nameless link does."""
    page.set_content('<html><body><main><img src="data:,"><a href="/"></a></main></body></html>')
    found = "\n".join(axe_violations(page))
    assert "image-alt" in found
    assert "link-name" in found
    assert "html-has-lang" in found


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_public_pages_have_no_wcag_violations(page, language):
    found = {}
    for public_page in public_pages(language):
        open_public_page(page, public_page)
        if public_page.kind == "finder with results":
            # The filters too: open them as a visitor would.
            page.get_by_text(LANGUAGES[language].narrow_down).click()
        violations = axe_violations(page)
        if violations:
            found[f"{public_page.kind} {public_page.url}"] = violations
    assert not found, "WCAG 2.1 A/AA violations:\n" + "\n".join(
        f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items()
    )


# WCAG 2.1 success criterion 1.4.12: a reader may widen the spacing of text this much.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_public_pages_fit_a_320px_wide_screen_even_with_wider_text_spacing(new_context, language):
    # The reader's own style sheet is added like a browser extension would, past the site's CSP.
    page = new_context(viewport={"width": NARROWEST_SCREEN, "height": 640}, bypass_csp=True).new_page()
    too_wide = {}
    for public_page in public_pages(language):
        open_public_page(page, public_page)
        if public_page.kind == "finder with results":
            page.get_by_text(LANGUAGES[language].narrow_down).click()
        for spacing in ("", "with wider text spacing"):
            if spacing:
                page.add_style_tag(content=TEXT_SPACING)
            width = page_width(page)
            if width > NARROWEST_SCREEN:
                too_wide[f"{public_page.kind} {spacing} {public_page.url}"] = (
                    width,
                    elements_wider_than(page, NARROWEST_SCREEN),
                )
    assert not too_wide, f"Pages wider than {NARROWEST_SCREEN} px: {too_wide}"
