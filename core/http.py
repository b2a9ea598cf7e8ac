"""Small HTTP helpers shared by the apps: a file sent with an ETag."""

import hashlib
from http import HTTPMethod

from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response, quote_etag


def file_response(request, produce, *, content_type, disposition):
    """Send the file that ``produce()`` makes (``(body, filename)``), with an ETag of its bytes.

    Only GET and HEAD (anything else is refused before the file is made); a client that asks
    again with the same ETag gets a "not modified" instead of the whole file. ``disposition`` is
    ``"attachment"`` (a download) or ``"inline"`` (shown in the browser).
    """
    if request.method not in (HTTPMethod.GET, HTTPMethod.HEAD):
        return HttpResponseNotAllowed([HTTPMethod.GET, HTTPMethod.HEAD])
    body, filename = produce()
    etag = quote_etag(hashlib.sha256(body).hexdigest())
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = etag
    return response
