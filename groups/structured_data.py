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


def offers(group):
    """``offers``: free (price 0), or the cost note where taking part costs something."""
    offer = {"@type": "Offer"}
    if group.free_of_charge:
        offer.update({"price": "0", "priceCurrency": "EUR"})
    if group.cost_note:
        offer["description"] = group.cost_note
    return offer


def series_status(group):
    """A group on a break is postponed (schema.org has no "paused"); otherwise it is scheduled."""
    from .models import Status

    return SCHEMA + ("EventPostponed" if group.status == Status.PAUSED else "EventScheduled")


def series_dates(group, meetings):
    """``startDate`` and ``endDate`` of the series: from its regular meetings' first and last days
    and its single dates; the end only when every regular meeting has an end date."""
    rules = list(group.schedule_rules.all())
    singles = [meeting.date for meeting in group.extra_meetings.all()]
    starts = [rule.valid_from for rule in rules if rule.valid_from] + singles
    starts += [meeting.local_start.date() for meeting in meetings]
    data = {}
    if starts:
        data["startDate"] = min(starts).isoformat()
    if rules and all(rule.valid_until for rule in rules):
        data["endDate"] = max([rule.valid_until for rule in rules] + singles).isoformat()
    elif not rules and singles:
        data["endDate"] = max(singles).isoformat()
    return data


def defined_term(item):
    term = {"@type": "DefinedTerm", "name": str(item.name), "termCode": item.code}
    if getattr(item, "yso_uri", ""):
        term["@id"] = item.yso_uri
        term["inDefinedTermSet"] = "http://www.yso.fi/onto/yso/"
    return term


def concepts(group):
    """``about`` (what the group is about: its activity types and target groups as defined terms,
    with their YSO concepts), ``additionalType`` (the activity types' YSO concepts) and
    ``audience`` (whom it is especially for)."""
    activities = list(group.activity_types.all())
    targets = [target for target in group.target_groups.all() if target.code != "everyone"]
    data = {}
    terms = [defined_term(item) for item in [*activities, *targets]]
    if terms:
        data["about"] = terms
    types = [item.yso_uri for item in activities if item.yso_uri]
    if types:
        data["additionalType"] = types
    if targets:
        data["audience"] = [
            {"@type": "Audience", "audienceType": str(item.name), **({"@id": item.yso_uri} if item.yso_uri else {})}
            for item in targets
        ]
    return data


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
        "eventStatus": series_status(group),
        **series_dates(group, meetings),
        "offers": offers(group),
        **concepts(group),
        **common,
        "subEvent": sub_events,
    }


def json_ld_script(data):
    """``<script type="application/ld+json">`` with ``data``, safe to put in a page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
