"""The finder's caches: filter counts, choices and selections, dropped when groups change.

:func:`groups_changed` runs when ``core.signals.groups_changed`` is sent (search/signals.py)."""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone, translation

from organisations.models import OrganisationPage

from ..filters import clean_parameters, vocabulary_choices
from .query import clean_query

FACET_CACHE_SECONDS = 300
VERSION_KEY = "search:version"


def data_version():
    """A number that changes whenever the groups, their index or their meetings change."""
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def groups_changed():
    """Forget every cached filter count (called when a group is indexed or its meetings change)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached_vocabulary_choices(language):
    """The vocabulary filters' choices in ``language``, from the cache until a vocabulary or group changes.

    Renaming a vocabulary term rebuilds the index, which calls :func:`groups_changed`.
    """
    key = f"search:choices:{data_version()}:{language}"
    choices = cache.get(key)
    if choices is None:
        with translation.override(language):
            choices = {
                name: [(code, str(label)) for code, label in items] for name, items in vocabulary_choices().items()
            }
        cache.set(key, choices, timeout=FACET_CACHE_SECONDS)
    return choices


def selection_cache_key(prefix, finder, request, params):
    """A cache key for a finder selection's file (brochure, calendar): ``prefix:version:hash``.

    The hash covers the site address, the finder and its language, the normalised filters, the
    search text and the date. Unknown parameters and ``page`` do not change such a file, so they
    share it; the finder's data version is part of the key, so every change to a group or its
    meetings makes a new one.
    """
    language = finder.locale.language_code
    data, _dropped = clean_parameters(
        params, organisation_pages=organisation_pages(finder.locale), choices=cached_vocabulary_choices(language)
    )
    selection = json.dumps(
        [
            request.build_absolute_uri("/"),
            finder.pk,
            language,
            clean_query(params.get("q")),
            sorted(data.items()),
            timezone.localdate().isoformat(),
        ],
        sort_keys=True,
        default=list,
    )
    return f"{prefix}:{data_version()}:{hashlib.sha256(selection.encode()).hexdigest()}"


def cached_facets(language, query, data, compute):
    """The filter counts of one selection, from the cache when the groups have not changed since.

    Counting takes most of a finder request's queries, and the same selections (everything, a
    municipality from the home page) are asked for again and again. The cache is shared by the
    app servers (Redis in production) and emptied by :func:`groups_changed`; counts of "this
    week" and of meetings that have just ended may lag by at most five minutes.
    """
    # The day is part of the key: "today" and "tomorrow" mean other meetings after midnight.
    today = timezone.localdate().isoformat()
    selection = json.dumps([language, query.lower(), sorted(data.items()), today], sort_keys=True, default=list)
    key = f"search:facets:{data_version()}:{hashlib.sha256(selection.encode()).hexdigest()}"
    facets = cache.get(key)
    if facets is None:
        facets = compute()
        cache.set(key, facets, timeout=FACET_CACHE_SECONDS)
    return facets


@dataclass(frozen=True)
class OrganisationChoice:
    """What the finder and the brochure need of an organisation page: its name for the filter, its
    path to filter by, and its translation key to find it from a partner link to its Finnish twin."""

    identifier: str
    title: str
    path: str
    depth: int
    translation_key: object


def organisation_pages(locale):
    """Organisation pages of one language tree by identifier, alphabetically, from the cache.

    Publishing or unpublishing an organisation calls :func:`groups_changed` (search/signals.py).
    """
    key = f"search:organisations:{data_version()}:{locale.language_code}"
    pages = cache.get(key)
    if pages is None:
        rows = (
            OrganisationPage.objects.live()
            .filter(locale=locale)
            .order_by("title", "pk")
            .values_list("identifier", "title", "path", "depth", "translation_key")
        )
        pages = {row[0]: OrganisationChoice(*row) for row in rows}
        cache.set(key, pages, timeout=FACET_CACHE_SECONDS)
    return pages
