"""HTTP responses of the search app that are not plain pages: the printable brochure."""

from core.http import file_response

from .brochure import brochure_pdf


def brochure_response(request, finder):
    """The finder's selection as ``application/pdf``, shown in the browser (``inline``) to print.

    The response says nothing about caching itself, so a CDN may keep it exactly as long as the
    finder page (``config.middleware.PublicCacheControlMiddleware``); the ETag lets a browser
    that asks again get a "not modified" instead of the whole file.
    """
    return file_response(
        request, lambda: brochure_pdf(finder, request), content_type="application/pdf", disposition="inline"
    )
