"""Finding groups: free text in Finnish or Swedish, filters with counts, relevance and next meeting.

See docs/search.md for the design and the measurements behind it.
"""

import bisect
import datetime
import hashlib
import json
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.http import QueryDict
from django.utils import timezone, translation

from groups.import_format import WEEKDAYS
from groups.models import GroupPage, Meeting, MeetingStatus, Status
from groups.services import week_bounds, with_next_meeting
from organisations.models import OrganisationPage

from .analysis import fold, lemma, query_parts, query_terms, query_words
from .filters import GroupFilter, clean_parameters, vocabulary_choices
from .indexing import vocabulary
from .models import IndexEntry

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
PREFIX_QUALITY = 0.75  # "laulu" → "lauluilta": the typed word begins a longer one
TYPO_QUALITY = 0.6  # "aamupla" → "aamupala"
MAX_PREFIX_TERMS = 40
MAX_TYPO_TERMS = 10


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


def clean_query(text):
    """The search text as the finder uses it: no NUL bytes or control characters, at most 200 characters."""
    text = "".join(char if char.isprintable() else " " for char in (text or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def typo_limit(term):
    """How many edits a word of this length may have: none under 5 letters, 1 up to 8, then 2."""
    if len(term) < 5:
        return 0
    return 1 if len(term) <= 8 else 2


def _prefix_matches(prefix, terms_of_language):
    """Index terms that begin with ``prefix`` (and are longer), at most MAX_PREFIX_TERMS of them."""
    found = {}
    position = bisect.bisect_left(terms_of_language, prefix)
    while position < len(terms_of_language) and len(found) < MAX_PREFIX_TERMS:
        candidate = terms_of_language[position]
        if not candidate.startswith(prefix):
            break
        if candidate != prefix:
            found[candidate] = PREFIX_QUALITY
        position += 1
    return found


def _typo_matches(term, terms_of_language):
    """Index terms one or two typing mistakes away from ``term`` (none for short words)."""
    limit = typo_limit(term)
    if not limit:
        return {}
    close = process.extract(
        term, terms_of_language, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=MAX_TYPO_TERMS
    )
    return {candidate: TYPO_QUALITY if distance <= 1 else TYPO_QUALITY * 0.8 for candidate, distance, _ in close}


def _merge(target, source):
    for term, quality in source.items():
        if quality > target.get(term, 0):
            target[term] = quality
    return target


def expand_word(word, language, terms_of_language):
    """The index terms one query word matches, each with how good a match it is (1.0 best).

    The word, its base form and stem (also with the dots put back) are looked up as they are, and
    they also match longer terms they begin ("laulu" → "lauluryhmä"). Returns a list of such
    dictionaries: usually one, but a compound that is nowhere in the index is split into its parts,
    each of which must then match ("kuntosaliryhmään" → "kuntosali" and "ryhmä"). A word that
    matches nothing gets the terms at most one or two typos away.
    """
    wanted = query_terms(word, language)
    if not wanted:
        return [{}]
    expansions = {term: quality for term, quality in wanted.items() if _in(term, terms_of_language)}
    for prefix in dict.fromkeys((fold(word), fold(lemma(word, language)))):
        if len(prefix) >= 4:
            _merge(expansions, _prefix_matches(prefix, terms_of_language))
    if any(term in wanted for term in expansions):
        return [expansions]
    parts = query_parts(word, language)
    if parts:
        split = [expand_word(part, language, terms_of_language)[0] for part in parts]
        if all(split):
            return split
    _merge(expansions, _typo_matches(fold(word), terms_of_language))
    return [expansions]


def _in(term, terms_of_language):
    position = bisect.bisect_left(terms_of_language, term)
    return position < len(terms_of_language) and terms_of_language[position] == term


@dataclass
class TextMatch:
    """What the search text matched: the words and the terms each was expanded to."""

    words: list
    expansions: list
    all_words: bool = True  # False when no group had every word and the finder fell back to any word


def word_scores(language, expansions):
    """{translation_key: best weight × match quality} of the groups one query word matches."""
    rows = IndexEntry.objects.filter(language=language, term__in=list(expansions)).values_list(
        "translation_key", "term", "weight"
    )
    best = {}
    for key, term, weight in rows:
        score = weight * expansions[term]
        if score > best.get(key, 0):
            best[key] = score
    return best


def text_search(queryset, query, language):
    """Restrict ``queryset`` to groups matching ``query``; return it with each group's relevance.

    Every word must match if some group has them all; otherwise groups with any word are found,
    those with more words first. One query per word finds the matching groups through the
    (language, term) index; the scores are added up in Python, which keeps the SQL of the
    filters and counts simple whatever the table statistics say.
    """
    words = query_words(query, language)[:MAX_QUERY_WORDS]
    terms = vocabulary(language)
    expansions = [expansion for word in words for expansion in expand_word(word, language, terms)]
    match = TextMatch(words, expansions)
    per_word = [word_scores(language, terms) for terms in expansions if terms]
    if not per_word:
        return queryset.none(), {}, match
    keys = set.intersection(*(set(scores) for scores in per_word))
    wanted = [terms for terms in expansions if terms]
    if len(per_word) < len(expansions) or (not keys and len(per_word) > 1):
        match.all_words = False
        keys = set.union(*(set(scores) for scores in per_word))
        wanted = [{term: 1 for terms in wanted for term in terms}]
    relevance = {key: sum(scores.get(key, 0) for scores in per_word) for key in keys}
    # The matching groups are found again in the database by their terms, rather than by a list
    # of their keys: with thousands of matches that list made the SQL of the ranking and of every
    # filter count tens of kilobytes long, and building and sending it cost more than the lookup.
    for terms in wanted:
        queryset = queryset.filter(translation_key__in=_keys_with_terms(language, terms))
    return queryset, relevance, match


def _keys_with_terms(language, terms):
    """A subquery: the translation keys of the groups with any of ``terms`` in a language's index."""
    return IndexEntry.objects.filter(language=language, term__in=list(terms)).values("translation_key")


class RankedGroups:
    """Groups in an order computed in Python, fetched from the database one result page at a time.

    Works with Django's paginator: it has a length and can be sliced.
    """

    def __init__(self, ids, queryset):
        self.ids = ids
        self.queryset = queryset

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = self.queryset.in_bulk(ids)
        groups = [found[pk] for pk in ids if pk in found]
        return groups if isinstance(index, slice) else groups[0]

    def __iter__(self):
        return iter(self[:])


def rank(groups, relevance):
    """The ids of ``groups`` ordered by relevance, then the next meeting, then the title."""
    rows = groups.order_by().values_list("pk", "translation_key", "next_start", "title")
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    ordered = sorted(rows, key=lambda row: (-relevance.get(row[1], 0), row[2] or far_future, row[3].lower(), row[0]))
    return [row[0] for row in ordered]


@dataclass
class Option:
    """One value of a filter as the page shows it."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    is_flag: bool = False

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


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
        return [facet for facet in self.facets if not facet.is_flag]

    @property
    def flag_facets(self):
        return [facet for facet in self.facets if facet.is_flag]


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
    groups = groups.select_related("venue__municipality", "locale")
    if text is not None:
        # The page of results is fetched by id, without the filters' (long) list of matches.
        by_id = with_next_meeting(GroupPage.objects.all()).select_related("venue__municipality", "locale")
        groups = RankedGroups(rank(groups, relevance), by_id)
    else:
        groups = groups.order_by(F("next_start").asc(nulls_last=True), "title", "pk")

    facets = cached_facets(language, query, data, lambda: build_facets(base, data, filterset))
    results = Results(query=query, groups=groups, facets=facets, selected=data, dropped=dropped, text=text)
    return results


def _counts(queryset, path):
    rows = queryset.order_by().values(path).annotate(n=Count("pk", distinct=True))
    return {row[path]: row["n"] for row in rows}


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


def cached_facets(language, query, data, compute):
    """The filter counts of one selection, from the cache when the groups have not changed since.

    Counting takes most of a finder request's queries, and the same selections (everything, a
    municipality from the home page) are asked for again and again. The cache is shared by the
    app servers (Redis in production) and emptied by :func:`groups_changed`; counts of "this
    week" and of meetings that have just ended may lag by at most five minutes.
    """
    selection = json.dumps([language, query.lower(), sorted(data.items())], sort_keys=True, default=list)
    key = f"search:facets:{data_version()}:{hashlib.sha256(selection.encode()).hexdigest()}"
    facets = cache.get(key)
    if facets is None:
        facets = compute()
        cache.set(key, facets, timeout=FACET_CACHE_SECONDS)
    return facets


def build_facets(base, data, filterset):
    """Each filter's options with the number of groups each would give, given the other filters."""
    facets = []

    def add(name, counts, is_flag=False):
        filter_ = filterset.filters[name]
        choices = [("1", filter_.label)] if is_flag else filter_.field.choices
        selected = (["1"] if data.get(name) else []) if is_flag else (data.get(name) or [])
        # Plain strings, not lazy translations: the facets are cached, and unpickling a lazy
        # translation builds a class each time, which cost more than counting.
        facet = Facet(name=name, label=str(filter_.label), is_flag=is_flag)
        for value, label in choices:
            facet.options.append(Option(str(value), str(label), counts.get(str(value), 0), str(value) in selected))
        facets.append(facet)

    def narrowed(name):
        return filterset.filtered(base, excluding=name)

    add("municipality", _counts(narrowed("municipality"), "venue__municipality__code"))
    add("weekday", _meeting_counts(narrowed("weekday"), data, "weekday"))
    add("time", _meeting_counts(narrowed("time"), data, "time"))
    add("activity", _counts(narrowed("activity"), "activity_types__code"))
    add("target", _counts(narrowed("target"), "target_groups__code"))
    add("language", _counts(narrowed("language"), "languages__code"))
    add("organisation", _organisation_counts(narrowed("organisation"), filterset.organisation_pages))
    # A flag that is not chosen is counted on the fully filtered groups, so all such flags share
    # one query; a chosen flag is counted without itself.
    flags = {"step_free": "venue__step_free_entrance", "free": "free_of_charge", "online": "is_online"}
    unchosen = {name: path for name, path in flags.items() if not data.get(name)}
    counts = {}
    if unchosen:
        counts = (
            narrowed(None)
            .order_by()
            .aggregate(
                **{name: Count("pk", filter=Q(**{path: True}), distinct=True) for name, path in unchosen.items()}
            )
        )
    for name, path in flags.items():
        if name not in unchosen:
            counts[name] = narrowed(name).order_by().filter(**{path: True}).aggregate(n=Count("pk", distinct=True))["n"]
        add(name, {"1": counts[name]}, is_flag=True)
    add("this_week", _meeting_counts(narrowed("this_week"), data, "this_week"), is_flag=True)
    return facets


def _meeting_counts(queryset, data, name):
    """Counts for a meeting filter, with the other meeting filters still applied to the same meeting."""
    today = timezone.localdate()
    meetings = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        end__gt=timezone.now(),
        date__gte=today,
        translation_key__in=queryset.values("translation_key"),
    )
    if name != "weekday" and data.get("weekday"):
        meetings = meetings.filter(weekday__in=[WEEKDAYS.index(day) for day in data["weekday"]])
    if name != "time" and data.get("time"):
        meetings = meetings.filter(part_of_day__in=data["time"])
    if name != "this_week" and data.get("this_week"):
        meetings = meetings.filter(date__lte=week_bounds(today)[1])
    if name == "weekday":
        rows = meetings.order_by().values("weekday").annotate(n=Count("translation_key", distinct=True))
        return {WEEKDAYS[row["weekday"]]: row["n"] for row in rows}
    if name == "time":
        rows = meetings.order_by().values("part_of_day").annotate(n=Count("translation_key", distinct=True))
        return {row["part_of_day"]: row["n"] for row in rows}
    count = meetings.filter(date__lte=week_bounds(today)[1]).aggregate(n=Count("translation_key", distinct=True))
    return {"1": count["n"]}


def _organisation_counts(queryset, pages):
    """Groups per organisation: those it runs (its child pages) and those it is a partner in."""
    if not pages:
        return {}
    depth = next(iter(pages.values())).depth
    by_path = {page.path: identifier for identifier, page in pages.items()}
    prefix = queryset.order_by().annotate(organiser_path=Substr("path", 1, depth * GroupPage.steplen))
    counts = {}
    for row in prefix.values("organiser_path").annotate(n=Count("pk", distinct=True)):
        identifier = by_path.get(row["organiser_path"])
        if identifier:
            counts[identifier] = counts.get(identifier, 0) + row["n"]
    for identifier, n in _counts(queryset, "partner_links__organisation__identifier").items():
        if identifier in pages:
            counts[identifier] = counts.get(identifier, 0) + n
    return counts


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
