"""HTTP responses of the groups app that are not plain pages: calendar feeds."""

import hashlib
from http import HTTPMethod

from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag

from .calendar import calendar_filename, group_calendar

# Calendars fetch feeds on their own schedule; a short cache lifetime keeps cancellations fresh.
FEED_MAX_AGE = 15 * 60


def calendar_response(request, calendar, filename):
    """Send an ``icalendar.Calendar`` as ``text/calendar``, with an ETag so an unchanged feed costs little."""
    return ics_response(request, calendar.to_ical(), filename)


def ics_response(request, body, filename):
    """Send the bytes of an iCalendar file as ``text/calendar`` (a download), cached for a short while.

    Only GET and HEAD; the ETag lets a calendar that asks again get a "not modified".
    """
    if request.method not in (HTTPMethod.GET, HTTPMethod.HEAD):
        return HttpResponseNotAllowed([HTTPMethod.GET, HTTPMethod.HEAD])
    etag = quote_etag(hashlib.sha256(body).hexdigest())
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def group_calendar_feed(request, group):
    """The calendar feed of one group page, in the page's language."""
    return calendar_response(request, group_calendar(group, request), calendar_filename(group))
