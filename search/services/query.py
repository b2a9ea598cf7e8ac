"""Query expansion: the words a visitor types, read as the index's terms (prefixes, typos, compounds)."""

import bisect
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from ..analysis import (
    MIN_PART,
    fold,
    is_known,
    is_known_anywhere,
    meaningful_parts,
    query_lemma,
    query_parts,
    query_stems,
    query_terms,
    relatives,
)

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
