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

from .analysis import (
    MIN_PART,
    fold,
    is_known,
    is_known_anywhere,
    meaningful_parts,
    query_lemma,
    query_parts,
    query_stems,
    query_terms,
    query_words,
    relatives,
)
from .filters import GroupFilter, clean_parameters, vocabulary_choices
from .indexing import vocabulary
from .models import IndexEntry

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
PREFIX_QUALITY = 0.75  # "laulu" → "lauluilta": the typed word begins a longer one
TYPO_QUALITY = 0.6  # "aamupla" → "aamupala"
RELATIVE_QUALITY = 0.7  # "laulamaan" → "laulu": a noun made from the typed verb
PARTS_QUALITY = 0.6  # "kävelyryhmään" → a group that says "kävely" but not "kävelyryhmä"
MAX_PREFIX_TERMS = 40
MAX_TYPO_TERMS = 10
MIN_TYPO_HEAD = 5  # shortest index term that the beginning of a mistyped inflected word is compared with
MAX_ENDING = 6  # longest ending after it ("-issaan")
MAX_CORRECTIONS_READ = 3  # corrections of a typo read again like typed words
MIN_INDEX_PART = 4  # shortest first part of a compound found in the index only ("digi")


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


def _inflected_typo_matches(word, terms_of_language):
    """Index terms that the beginning of ``word`` is one typing mistake away from, followed by an
    ending: "toholamilla" → "toholampi", "kannksessa" → "kannus", "kokolassa" → "kokkola".

    The typed word as a whole is too far from any index term, because its ending adds to the
    distance. Only terms with the same first letter are compared (few typos are in the first
    letter); of those that fit, the ones that explain most of the typed word, and of these the
    longest (a word rather than a stem), are kept.
    """
    if len(word) < MIN_TYPO_HEAD:
        return {}
    start = bisect.bisect_left(terms_of_language, word[0])
    end = bisect.bisect_left(terms_of_language, chr(ord(word[0]) + 1))
    best, found = 0, []
    for candidate in terms_of_language[start:end]:
        if not MIN_TYPO_HEAD <= len(candidate) <= len(word) + 1:
            continue
        for size in range(min(len(word), len(candidate) + 1), len(candidate) - 2, -1):
            if len(word) - size > MAX_ENDING or size < best:
                break
            if DamerauLevenshtein.distance(word[:size], candidate, score_cutoff=1) <= 1:
                if size > best:
                    best, found = size, []
                found.append(candidate)
                break
    longest = max((len(candidate) for candidate in found), default=0)
    found = [candidate for candidate in found if len(candidate) == longest]
    return dict.fromkeys(found[:MAX_TYPO_TERMS], TYPO_QUALITY * PREFIX_QUALITY)


def _merge(target, source):
    for term, quality in source.items():
        if quality > target.get(term, 0):
            target[term] = quality
    return target


def _in_index(terms, terms_of_language):
    return {term: quality for term, quality in terms.items() if _in(term, terms_of_language)}


@dataclass
class WordMatch:
    """The index terms one query word matches, each with how good a match it is (1.0 best).

    ``whole``: terms of the word itself (its forms, the longer terms it begins, nouns made from a
    verb, typing mistakes). ``parts``: one such dictionary per meaningful part of a compound word
    that the index has; a group that has the parts and not the word matches at PARTS_QUALITY
    times the share of the parts it has. ``parts_together``: a group needs every part (when the
    whole word is in the index too), or any part will do (when it is not). ``complete`` is False
    when a meaningful part is nowhere in the index ("laulukurssi": no group says "kurssi").
    """

    word: str
    whole: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)
    parts_together: bool = True
    complete: bool = True

    def terms(self):
        """Every index term of the word, whole or part."""
        found = set(self.whole)
        for part in self.parts:
            found.update(part)
        return found


def _own_terms(word, language, terms_of_language):
    """(terms in the index, found): the word and its base form, and the longer terms they begin.

    ``found`` says whether the word or its base form itself is in the index.
    """
    terms = _in_index(query_terms(word, language), terms_of_language)
    found = bool(terms)
    for prefix in dict.fromkeys((fold(word), fold(query_lemma(word, language)))):
        if len(prefix) >= 4:
            _merge(terms, _prefix_matches(prefix, terms_of_language))
    return terms, found


def _expand_part(part, language, terms_of_language, split=True):
    """The index terms of one compound part: its own terms, else its stems, else the nouns of a
    verb, else the terms of its own meaningful parts ("kamratstödgrupp" → "kamrat", "stödgrupp" →
    "stöd"), else its typos."""
    terms, found = _own_terms(part, language, terms_of_language)
    if not found:
        _merge(terms, _in_index(query_stems(part, language), terms_of_language))
    if not terms:  # "målar(kurs)" → "målning"
        derived = {term: RELATIVE_QUALITY * quality for term, quality in relatives(part, language).items()}
        terms = _in_index(derived, terms_of_language)
    if not terms and split:
        for smaller in query_parts(part, language):
            _merge(terms, _expand_part(smaller, language, terms_of_language, split=False))
    if not terms:
        terms = _typo_matches(fold(part), terms_of_language)
    return terms


def expand_word(word, language, terms_of_language, correct=True):
    """The index terms one query word matches: a :class:`WordMatch`.

    1. The word and its base form (also with the dots put back, and read as a word of the other
       language), the longer terms they begin ("laulu" → "lauluryhmä"), and for a verb the nouns
       made from it that the index has ("laulamaan" → "laulu", "promenera" → "promenad").
    2. The meaningful parts of a compound ("kävelyryhmään" → "kävely"). If the whole word is in the
       index, a group with all its parts also matches, at a lower weight, so that literal matches
       come first; if it is not, the parts the index has are kept ("laulukurssi" → "laulu").
    3. Only when the word is not in the index and some part is not either (and ``correct`` is
       true): the index terms a typing mistake or two away, for the word and for the beginning of
       its inflected form; the closest of them are then read like typed words (their base forms
       and parts). A correction replaces the parts found only when it is one mistake away.
    """
    match = WordMatch(word)
    if not query_terms(word, language):
        return match
    match.whole, found = _own_terms(word, language, terms_of_language)
    if not found:
        # Stems only when the word and its base form are nowhere in the index: "äldre" must not
        # find "aldrig" by their common stem "aldr" when the groups for "äldre" are there.
        stems = _in_index(query_stems(word, language), terms_of_language)
        found = bool(stems)
        _merge(match.whole, stems)
    derived = {term: RELATIVE_QUALITY * quality for term, quality in relatives(word, language).items()}
    derived = _in_index(derived, terms_of_language)
    _merge(match.whole, derived)
    found = found or bool(derived)
    parts = query_parts(word, language, short=not found)
    if not parts and not found:
        parts = _index_parts(word, language, terms_of_language)
    if parts:
        expanded = [_expand_part(part, language, terms_of_language) for part in parts]
        matched = [terms for terms in expanded if terms]
        if found:
            match.parts = matched if len(matched) == len(expanded) else []
        else:
            match.parts, match.parts_together = matched, False
            match.complete = len(matched) == len(expanded)
    if found or (match.parts and match.complete) or not correct:
        return match
    typos = _typo_matches(fold(word), terms_of_language)
    if match.parts:
        # Some parts were found: only a word one mistake away replaces them ("stickkafe" is
        # "stickcafe" mistyped rather than "stick" and an unknown "kafe"; "laulukurssi" stays).
        typos = {term: quality for term, quality in typos.items() if quality >= TYPO_QUALITY}
        if typos:
            match.parts, match.parts_together, match.complete = [], True, True
    elif not typos and not is_known_anywhere(word, language):
        typos = _inflected_typo_matches(fold(word), terms_of_language)
    _merge(match.whole, typos)
    # The closest corrections are read like typed words, at the quality of the correction:
    # "kokolassa" → "kokkolassa" is Kokkola, "kävelyrymään" → "kävelyryhmä" has the part "kävely".
    for candidate, quality in sorted(typos.items(), key=lambda item: -item[1])[:MAX_CORRECTIONS_READ]:
        corrected = expand_word(candidate, language, terms_of_language, correct=False)
        _merge(match.whole, {term: quality * term_quality for term, term_quality in corrected.whole.items()})
        if corrected.parts and not match.parts:
            match.parts = [{term: quality * q for term, q in part.items()} for part in corrected.parts]
            match.parts_together = corrected.parts_together
    return match


def _index_parts(word, language, terms_of_language):
    """The meaningful parts of a compound whose first part only the index knows ("digituki" →
    "digi", "tuki"): the dictionary does not know every word of the groups' texts and vocabulary."""
    for position in range(len(word) - MIN_PART, MIN_INDEX_PART - 1, -1):
        head, tail = word[:position], word[position:]
        if _in(fold(head), terms_of_language) and is_known(tail, language):
            return meaningful_parts((head, tail), language)
    return ()


def _in(term, terms_of_language):
    position = bisect.bisect_left(terms_of_language, term)
    return position < len(terms_of_language) and terms_of_language[position] == term


@dataclass
class TextMatch:
    """What the search text matched: the words and what each was expanded to (:class:`WordMatch`)."""

    words: list
    matches: list
    all_words: bool = True  # False when no group had every word (or every part of one) and any will do


def _index_rows(language, terms):
    """{term: [(translation_key, weight), ...]} of ``terms`` in a language's index: one query."""
    rows = {}
    for key, term, weight in IndexEntry.objects.filter(language=language, term__in=list(terms)).values_list(
        "translation_key", "term", "weight"
    ):
        rows.setdefault(term, []).append((key, weight))
    return rows


def _best(terms, rows):
    """{translation_key: best weight × match quality} of the groups with any of ``terms``."""
    best = {}
    for term, quality in terms.items():
        for key, weight in rows.get(term, ()):
            score = weight * quality
            if score > best.get(key, 0):
                best[key] = score
    return best


def _has_terms(language, terms):
    return Q(translation_key__in=_keys_with_terms(language, terms))


def _word_scores(match, rows, language):
    """({translation_key: score}, condition) of the groups one query word matches.

    The condition finds the same groups in the database (see :func:`text_search`).
    """
    scores = _best(match.whole, rows)
    condition = _has_terms(language, match.whole) if match.whole else None
    if match.parts:
        per_part = [_best(terms, rows) for terms in match.parts]
        together = match.parts_together
        if together:
            keys = set.intersection(*(set(scores_of_part) for scores_of_part in per_part))
        else:
            keys = set().union(*per_part)
        for key in keys:
            score = PARTS_QUALITY * sum(scores_of_part.get(key, 0) for scores_of_part in per_part) / len(per_part)
            if score > scores.get(key, 0):
                scores[key] = score
        if keys:
            if together:
                parts_condition = Q()
                for terms in match.parts:
                    parts_condition &= _has_terms(language, terms)
            else:
                parts_condition = _has_terms(language, set().union(*match.parts))
            condition = parts_condition if condition is None else condition | parts_condition
    # No group: the terms were in the cached vocabulary but are no longer in the index.
    return scores, Q(pk__in=[]) if condition is None else condition


def text_search(queryset, query, language):
    """Restrict ``queryset`` to groups matching ``query``; return it with each group's relevance.

    Every word must match if some group has them all; otherwise groups with any word are found,
    those with more words first. One query fetches the index rows of every term of every word;
    the scores are added up in Python, which keeps the SQL of the filters and counts simple
    whatever the table statistics say.
    """
    words = query_words(query, language)[:MAX_QUERY_WORDS]
    terms_of_language = vocabulary(language)
    matches = [expand_word(word, language, terms_of_language) for word in words]
    match = TextMatch(words, matches)
    wanted = set().union(*(word_match.terms() for word_match in matches))
    if not wanted:
        return queryset.none(), {}, match
    rows = _index_rows(language, wanted)
    found = [_word_scores(word_match, rows, language) for word_match in matches if word_match.terms()]
    per_word = [scores for scores, _condition in found]
    keys = set.intersection(*(set(scores) for scores in per_word))
    conditions = [condition for _scores, condition in found]
    if len(per_word) < len(matches) or (not keys and len(per_word) > 1):
        match.all_words = False
        keys = set.union(*(set(scores) for scores in per_word))
        either = Q()
        for condition in conditions:
            either |= condition
        conditions = [either]
    if not all(word_match.complete for word_match in matches):
        match.all_words = False
    relevance = {key: sum(scores.get(key, 0) for scores in per_word) for key in keys}
    # The matching groups are found again in the database by their terms, rather than by a list
    # of their keys: with thousands of matches that list made the SQL of the ranking and of every
    # filter count tens of kilobytes long, and building and sending it cost more than the lookup.
    for condition in conditions:
        queryset = queryset.filter(condition)
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
