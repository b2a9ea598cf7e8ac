"""The PDF adapter: HTML laid out by WeasyPrint as a tagged, accessible PDF (PDF/UA-1).

Everything that knows WeasyPrint is here, so the brochure (search/brochure.py) deals in HTML
only. The document may load its own stylesheets and ``data:`` URIs, nothing else.
"""

from django.contrib.staticfiles import finders

STATIC_PREFIX = "brochure-static:"


def _fetcher_class(stylesheets):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Lets WeasyPrint read the document's own stylesheets and ``data:`` URIs, and nothing else.

        The HTML contains text that editors wrote; with WeasyPrint's own fetcher, an
        image or stylesheet address in it would make the server fetch any URL it can reach.
        """

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            name = url.removeprefix(STATIC_PREFIX)
            if url.startswith(STATIC_PREFIX) and name in stylesheets:
                return URLFetcherResponse(url, stylesheet(name), {"Content-Type": "text/css; charset=utf-8"})
            raise ValueError(f"The brochure loads only its own stylesheets, not {url[:100]!r}")

    return StaticOnlyFetcher


def stylesheet(name):
    """The text of one of the site's stylesheets (from the app's static files or ``STATIC_ROOT``)."""
    from django.conf import settings

    path = finders.find(name) or (settings.STATIC_ROOT / name)
    with open(path, "rb") as file:
        return file.read()


def html_to_pdf(html, stylesheets):
    """HTML laid out by WeasyPrint, as tagged PDF (PDF/UA-1) bytes. Takes seconds.

    The HTML links its ``stylesheets`` (names of static files) as ``STATIC_PREFIX + name``; it
    can load nothing else.
    """
    from weasyprint import HTML

    keep_languages_in_tagged_pdf()
    document = HTML(string=html, url_fetcher=_fetcher_class(stylesheets)(), base_url=STATIC_PREFIX)
    return document.write_pdf(pdf_variant="pdf/ua-1")


# The arguments of weasyprint.pdf.tags._build_box_tree that keep_languages_in_tagged_pdf() relies on.
_TAG_TREE_PARAMETERS = ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags")


def keep_languages_in_tagged_pdf():
    """Make WeasyPrint's tagged PDF say the language of every element with a ``lang`` attribute.

    A Swedish brochure has Finnish texts (groups not translated yet), marked ``lang="fi"``, and a
    screen reader must read them with a Finnish voice. WeasyPrint 70 writes the document's language
    (``<html lang>``) but drops ``lang`` on elements: its structure elements have no ``/Lang``. This
    wraps the function that builds them (``weasyprint.pdf.tags._build_box_tree``, called
    recursively through the module) to add ``/Lang`` to the element made for each box whose HTML
    element has a ``lang``; PDF structure elements pass their language on to what is inside them.

    While at it, the wrapper gives that function the list of page references once: WeasyPrint
    asks pydyf for it for every structure element, and pydyf builds it anew each time, so tagging
    took time in proportion to elements × pages.

    WeasyPrint's internals may change: the wrapper is only installed when the function has the
    arguments it expects (otherwise the PDF is still made, without the elements' languages, and a
    warning is logged); ``tests/search/test_brochure.py`` reads the languages back from the PDF.
    """
    import inspect
    import logging

    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "keeps_languages", False):
        return
    if tuple(inspect.signature(original).parameters) != _TAG_TREE_PARAMETERS:
        logging.getLogger(__name__).warning("WeasyPrint changed: the brochure's PDF tags have no element languages")
        return

    class PageReferences:
        """The PDF being written, with its page references worked out once."""

        def __init__(self, pdf):
            self.pdf = pdf
            self.page_references = pdf.page_references

        def __getattr__(self, name):
            return getattr(self.pdf, name)

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        if not isinstance(pdf, PageReferences):
            pdf = PageReferences(pdf)
        source = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        element = getattr(source, "element", None)
        lang = element.get("lang") if element is not None and source.element_tag not in ("html", "body") else None
        for structure_element in original(box, parent, pdf, page_number, nums, annotations, tags):
            if lang:
                structure_element["Lang"] = pydyf.String(lang)
            yield structure_element

    build_box_tree.keeps_languages = True
    tags._build_box_tree = build_box_tree
