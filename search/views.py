"""HTTP responses of the search app that are not plain pages: the printable brochure."""

import hashlib
from http import HTTPMethod

from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response, quote_etag

from .brochure import brochure_pdf


def brochure_response(request, finder):
    """The finder's selection as ``application/pdf``, shown in the browser (``inline``) to print.

    The response says nothing about caching itself, so a CDN may keep it exactly as long as the
    finder page (``config.middleware.PublicCacheControlMiddleware``); the ETag lets a browser
    that asks again get a "not modified" instead of the whole file.
    """
    if request.method not in (HTTPMethod.GET, HTTPMethod.HEAD):
        return HttpResponseNotAllowed([HTTPMethod.GET, HTTPMethod.HEAD])
    pdf, filename = brochure_pdf(finder, request)
    etag = quote_etag(hashlib.sha256(pdf).hexdigest())
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    return response
