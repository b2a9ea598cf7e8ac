"""Ranking: how well each group's texts match the expanded words, and the order of the results."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from ..analysis import (
    query_words,
)
from ..indexing import vocabulary
from ..models import IndexEntry
from .query import MAX_QUERY_WORDS, PARTS_QUALITY, expand_word


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
