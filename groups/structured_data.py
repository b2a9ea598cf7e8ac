"""schema.org structured data (JSON-LD) for group pages.

A group is an ``EventSeries``; each meeting the page lists is one of its ``subEvent`` items, an
``Event`` with its own start, end and status (``EventScheduled`` or ``EventCancelled``). Search
engines and other services read this instead of guessing from the page text, so it says the
same as the page and the calendar feed: the data comes from the same ``Meeting`` rows.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org/"
# The characters json.dumps leaves as they are but that could end a <script> element early or
# start an HTML comment; the same escapes as Django's json_script filter.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _iso(value):
    """ISO 8601 with the Helsinki UTC offset: ``2026-12-01T09:00:00+02:00``."""
    return value.isoformat(timespec="seconds")


def postal_address(venue):
    address = {
        "@type": "PostalAddress",
        "addressLocality": str(venue.municipality.name),
        "addressCountry": "FI",
    }
    if venue.street_address:
        address["streetAddress"] = str(venue.street_address)
    if venue.postal_code:
        address["postalCode"] = venue.postal_code
    return address


def place(venue):
    """The venue as a schema.org ``Place`` with its address and, when known, its coordinates."""
    data = {"@type": "Place", "name": str(venue.name), "address": postal_address(venue)}
    if venue.latitude is not None and venue.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude}
    return data


def attendance(group, url):
    """``eventAttendanceMode`` and ``location``: a place, an online meeting, or both."""
    locations = []
    if group.venue:
        locations.append(place(group.venue))
    if group.is_online:
        virtual = {"@type": "VirtualLocation", "url": url}
        if group.online_instructions:
            virtual["description"] = group.online_instructions
        locations.append(virtual)
    if group.venue and group.is_online:
        mode = "MixedEventAttendanceMode"
    elif group.is_online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data = {"eventAttendanceMode": SCHEMA + mode}
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    return data


def organisation(page, request):
    return {
        "@type": "Organization",
        "name": page.title,
        "url": request.build_absolute_uri(page.get_url(request)),
    }


def group_event_series(group, request, meetings, image_url=None):
    """The schema.org ``EventSeries`` of a group page, with ``meetings`` as its sub-events.

    ``group`` is the page (either language); ``meetings`` are the :class:`~groups.models.Meeting`
    rows the page lists. The organiser (the page above the group) and the partner organisations
    are all given as organisers, each in the page's language where translated.
    """
    url = request.build_absolute_uri(group.get_url(request))
    organisers = [organisation(group.organisation, request)]
    organisers += [organisation(partner, request) for partner in group.partner_organisations()]
    common = {
        "isAccessibleForFree": group.free_of_charge,
        "organizer": organisers[0] if len(organisers) == 1 else organisers,
        **attendance(group, url),
    }
    # The languages spoken in the group (ISO 639 codes are valid BCP 47 tags), not the page's.
    languages = [language.code for language in group.languages.all()]
    if languages:
        common["inLanguage"] = languages
    if image_url:
        common["image"] = request.build_absolute_uri(image_url)
    sub_events = []
    for meeting in meetings:
        status = "EventCancelled" if meeting.is_cancelled else "EventScheduled"
        sub_events.append(
            {
                "@type": "Event",
                "name": group.title,
                "description": group.summary,
                "url": url,
                "startDate": _iso(meeting.local_start),
                "endDate": _iso(meeting.local_end),
                "eventStatus": SCHEMA + status,
                **common,
            }
        )
    return {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": group.title,
        "description": group.summary,
        "url": url,
        **common,
        "subEvent": sub_events,
    }


def json_ld_script(data):
    """``<script type="application/ld+json">`` with ``data``, safe to put in a page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
