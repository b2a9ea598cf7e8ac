"""Finding groups: free text in Finnish or Swedish, filters with counts, relevance and next meeting.

See docs/search.md for the design and the measurements behind it. ``query`` expands the typed
words, ``ranking`` orders the groups they match, ``facets`` counts the filter choices and
``caching`` keeps counts and selections until groups change; this module puts them together.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Q
from django.http import QueryDict

from groups.models import GroupPage, Status
from groups.services import with_next_meeting

from ..filters import GroupFilter, clean_parameters
from .caching import (
    FACET_CACHE_SECONDS,
    cached_facets,
    cached_vocabulary_choices,
    data_version,
    groups_changed,
    organisation_pages,
    selection_cache_key,
)
from .facets import build_facets
from .query import clean_query
from .ranking import RankedGroups, TextMatch, rank, text_search


def listed_groups(locale):
    """Live, public groups of one language tree that the public may find (ended ones never).

    Like Wagtail's ``public()``, but the private sections come from the cache (see
    :func:`private_sections`) rather than from a query on every request.
    """
    groups = GroupPage.objects.live().filter(locale=locale).exclude(status=Status.ENDED)
    private = Q()
    for path, depth in private_sections():
        private |= Q(path__startswith=path, depth__gte=depth)
    return groups.exclude(private) if private else groups


def private_sections():
    """(path, depth) of every page with a view restriction, from the cache until one changes."""
    from wagtail.models import PageViewRestriction

    key = f"search:private:{data_version()}"
    sections = cache.get(key)
    if sections is None:
        sections = list(PageViewRestriction.objects.values_list("page__path", "page__depth").order_by("page__path"))
        cache.set(key, sections, timeout=FACET_CACHE_SECONDS)
    return sections


@dataclass
class Results:
    """Everything the finder page shows for one request."""

    query: str
    groups: object  # ordered queryset
    facets: list
    selected: dict
    dropped: list
    text: TextMatch | None

    @property
    def option_facets(self):
        return [facet for facet in self.facets if not facet.is_flag and not facet.is_date]

    @property
    def date_facet(self):
        return next((facet for facet in self.facets if facet.is_date), None)

    @property
    def flag_facets(self):
        return [facet for facet in self.facets if facet.is_flag]


def find_groups(locale, params):
    """Search and filter the listed groups of ``locale`` by GET ``params``.

    Text matches are ordered by relevance, then by the next meeting; without text, by the next
    meeting (groups with no coming meeting last), then by title. The number of queries does not
    depend on the number of groups.
    """
    language = locale.language_code
    organisations = organisation_pages(locale)
    filter_kwargs = {"organisation_pages": organisations, "choices": cached_vocabulary_choices(language)}
    data, dropped = clean_parameters(params, **filter_kwargs)
    query = clean_query(params.get("q"))
    base = listed_groups(locale)
    text = None
    if query:
        base, relevance, text = text_search(base, query, language)

    filterset = GroupFilter(data, queryset=base, **filter_kwargs)
    filterset.form.is_valid()
    groups = with_next_meeting(filterset.filtered(base))
    groups = groups.select_related("venue__municipality", "locale").prefetch_related("languages")
    if text is not None:
        # The page of results is fetched by id, without the filters' (long) list of matches.
        by_id = (
            with_next_meeting(GroupPage.objects.all())
            .select_related("venue__municipality", "locale")
            .prefetch_related("languages")
        )
        groups = RankedGroups(rank(groups, relevance), by_id)
    else:
        groups = groups.order_by(F("next_start").asc(nulls_last=True), "title", "pk")

    facets = cached_facets(language, query, data, lambda: build_facets(base, data, filterset))
    results = Results(query=query, groups=groups, facets=facets, selected=data, dropped=dropped, text=text)
    return results


def page_number(value):
    """The result page a ``page`` parameter asks for, as :meth:`Paginator.get_page` should read it.

    ``get_page`` shows the last page for a number below one ("0", "-1"), as if it were past the
    end; a reader who edits the address to "page=0" means the first page. Anything else is
    passed on: ``get_page`` already shows the first page for text and the last page for a number
    past the end.
    """
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return value
    return 1 if number < 1 else value


def _query_string(params):
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def selection_links(params, results):
    """The current selection as removable items: [{"label": ..., "url": ...}] and a "clear all" link.

    Each link leads to the same finder without that one choice (and back to the first result page).
    """
    clean = QueryDict(mutable=True)
    if results.query:
        clean["q"] = results.query
    for name, value in results.selected.items():
        clean.setlist(name, value if isinstance(value, list) else [value])
    items = []
    if results.query:
        without = clean.copy()
        del without["q"]
        items.append({"name": "q", "label": f"“{results.query}”", "url": _query_string(without)})
    labels = {facet.name: facet for facet in results.facets}
    for name in results.selected:
        facet = labels[name]
        for option in facet.options:
            if not option.selected:
                continue
            without = clean.copy()
            remaining = [v for v in without.getlist(name) if v != option.value]
            without.setlist(name, remaining)
            if not remaining:
                del without[name]
            label = option.label if not facet.is_flag else facet.label
            items.append({"name": name, "label": label, "url": _query_string(without)})
    return {"items": items, "query_string": clean.urlencode()}


def neighbouring_municipalities(selected):
    """Municipalities next to the chosen ones (for "nothing found here, try nearby")."""
    from groups.models import Municipality

    chosen = selected.get("municipality") or []
    if not chosen:
        return []
    return list(
        Municipality.objects.filter(neighbours__code__in=chosen)
        .exclude(code__in=chosen)
        .distinct()
        .order_by("sort_order")
    )


__all__ = [
    "find_groups",
    "groups_changed",
    "neighbouring_municipalities",
    "page_number",
    "selection_cache_key",
    "selection_links",
]
