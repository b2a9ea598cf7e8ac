"""Finnish and Swedish word analysis for the group finder.

People type words in whatever form they come: inflected ("aamupalalle", "Kokkolassa",
"frukosten"), as part of a compound ("laulu" for "Lauluryhmä", "promenad" for "Promenadgrupp"),
without the dots ("kavely") or with a small typo. Plain full-text search misses most of these, so
every word, in the texts and in the query, is turned into a small set of *terms*:

- the word itself;
- its lemma (base form) from simplemma's Finnish and Swedish dictionaries ("aamupalalle" → "aamupala");
- its Snowball stem ("kävelylle" → "kävely"), which also covers words the dictionary lacks;
- the lemmas of its compound parts, found by splitting the word into words the dictionary knows
  ("lauluryhmään" → "laulu", "ryhmä"; Swedish joins with -s-: "mansverkstad" → "man", "verkstad").

All terms are lower-case and folded to ASCII (ä → a, ö → o, å → a), so a query without the
dots meets the text with them. A query word the dictionary does not know is first tried with
the dots put back ("kavely" → "kävely"). Typos are handled later, against the index vocabulary
(see :mod:`search.services`). The analysis is pure Python (no system packages), so it behaves the
same on SQLite and PostgreSQL, on a laptop and in production. See docs/search.md.
"""

import itertools
import re
import threading
import unicodedata
from functools import lru_cache

import simplemma
import Stemmer

LANGUAGES = ("fi", "sv")

# Relative value of the kinds of term a word gives. The index stores field weight × factor.
WORD = 1.0
LEMMA = 1.0
# A base form that does not begin like the word is another word of the same family at best:
# simplemma gives "gammal" for "äldre" (the label of the older people's groups) and "hyvä" for
# "parempi"; "gamla möbler" should not count as much as "äldre" itself.
SUPPLETIVE_LEMMA = 0.7
STEM = 0.9
PART = 0.6
PART_BESIDE_GENERIC = 0.9  # "laulu" of "lauluryhmä": the rest of the word is a generic "ryhmä"
# A query word read as a word of the site's other language is a slightly less sure match.
OTHER_LANGUAGE_QUERY = 0.9

MIN_PART = 3  # shortest compound part ("työ", "mat")
MAX_WORD = 40  # longer "words" are noise (URLs, pasted garbage)
# Swedish compounds may join their parts with a linking letter: "mansverkstad", "arbetsgrupp".
LINKING = {"fi": ("",), "sv": ("", "s", "e", "a", "u", "o")}

# Function words (pronouns, auxiliaries, conjunctions, adpositions and adverbs such as "aina",
# "aldrig", "inte"), after the Snowball stop-word lists of both languages. They say nothing about a
# group, and their stems collide with words that do ("aldrig" and "äldre" both stem to "aldr").
# Left out on purpose: words that name a target group or vocabulary term ("alla", "man").
_FINNISH_STOPWORDS = (
    "ja tai sekä on ei se ne me te he hän minä sinä olla ole oli ovat kuin kun jos niin myös mutta että "
    "joka jotka mikä mitä missä mistä mihin kuka ketkä tämä tuo nämä nuo siis vain voi voit saa kanssa "
    "ilman yli alle luona luo asti kautta "
    "olen olet olemme olette olisi olisivat olit olin olimme olitte olivat ollut olleet en et emme ette eivät "
    "eikä minun minut minua minulla minulle sinun sinut sinua sinulla sinulle hänen hänet häntä hänellä "
    "hänelle meidän meidät meitä meillä meille teidän teidät teitä teillä teille heidän heidät heitä heillä "
    "heille tämän tätä tässä tästä tähän tällä tältä tälle tuon tuota tuossa tuosta tuohon tuolla tuolta "
    "tuolle sen sitä siinä siitä siihen sillä siltä sille näiden näitä näissä näistä näihin näillä näille "
    "noiden noita niiden niitä niissä niistä niihin niillä niille kenen ketä minkä jonka jota jossa josta "
    "johon jolla jolle joiden joita joissa joista joihin joilla joille koska vaan vai vaikka mukaan noin "
    "nyt itse aina koskaan usein joskus harvoin jo vielä enää ehkä kyllä sitten täällä siellä tänne sinne "
    "aivan melko todella erittäin kovin juuri heti pian vasta taas jälleen paljon vähän"
)
_SWEDISH_STOPWORDS = (
    "och eller samt är var vara inte det den de vi ni han hon jag du som när om så också men att vilken "
    "vilka vad vem denna detta dessa bara kan få med utan över under hos till från av för på i en ett vid "
    "sig hade icke mig henne då sin nu har hans honom skulle hennes där min ej kunde något ut efter upp dem "
    "än dig sina här ha mot någon allt mycket sedan ju åt varit hur ingen inget inga mitt bli blev oss din "
    "några deras blir mina samma er vår blivit dess inom mellan varför varje vilket vart dina vars vårt "
    "våra ert era aldrig alltid ofta ibland sällan redan ännu gärna kanske nog väl just även dock lite "
    "mer mest ganska helt"
)
STOPWORDS = {"fi": frozenset(_FINNISH_STOPWORDS.split()), "sv": frozenset(_SWEDISH_STOPWORDS.split())}

# Parts of a compound query word that say nothing about what the group does: "kuntosaliryhmään"
# is looked up as "kuntosali", not as "kuntosali" and "ryhmä" (nearly every group is a "ryhmä").
_FINNISH_GENERIC = "ryhmä kerho piiri ilta tuokio hetki vuoro tapaaminen kokoontuminen toiminta paja"
_SWEDISH_GENERIC = "grupp klubb kväll träff stund verksamhet tid"
GENERIC_PARTS = {"fi": frozenset(_FINNISH_GENERIC.split()), "sv": frozenset(_SWEDISH_GENERIC.split())}

_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# Letters whose dots or ring a Finnish or Swedish keyboard user may leave out.
_RESTORE = {"fi": {"a": "aä", "o": "oö"}, "sv": {"a": "aåä", "o": "oö"}}
_MAX_RESTORATIONS = 64


def fold(text):
    """Lower-case ``text`` and strip diacritics: "Kävelyryhmä" → "kavelyryhma", "Sånggrupp" → "sanggrupp"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of ``text`` in order, lower-case. Hyphenated words also give their parts."""
    result = []
    for match in _WORD_RE.finditer(text or ""):
        word = match.group().lower().replace("’", "'")
        if len(word) > MAX_WORD:
            continue
        result.append(word)
        if "-" in word:
            result.extend(part for part in word.split("-") if part)
    return result


@lru_cache(maxsize=200_000)
def is_known(word, language):
    """True when the language's dictionary knows ``word`` (in any inflected form)."""
    return simplemma.is_known(word, lang=language)


@lru_cache(maxsize=200_000)
def lemma(word, language):
    """The base form of ``word``, or the word itself if the dictionary does not know it."""
    return simplemma.lemmatize(word, lang=language).lower()


_local = threading.local()


def stem(word, language):
    """The Snowball stem of ``word``. PyStemmer objects are not thread-safe, so each thread has its own."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {
            "fi": Stemmer.Stemmer("finnish", 0),
            "sv": Stemmer.Stemmer("swedish", 0),
        }
    return stemmers[language].stemWord(word)


def _is_part(word, language):
    """A word that can be a part of a compound: known, and not a stop word ("opiskeli|joille")."""
    return is_known(word, language) and lemma(word, language) not in STOPWORDS[language]


@lru_cache(maxsize=200_000)
def compound_parts(word, language, min_part=None):
    """The parts of a compound word, each a word the dictionary knows; () when it is not one.

    Two parts are preferred over three, and a split with longer parts over one with short ones,
    so "lauluryhmään" gives ("laulu", "ryhmään") rather than short fragments. The last part carries
    the inflection in both languages, so it may be any known form. A word the dictionary knows as a
    whole is only split into parts of four letters or more, so "frukost" stays whole while
    "aamupala" still gives "aamu" and "pala".
    """
    if min_part is None:
        min_part = MIN_PART + 1 if is_known(word, language) else MIN_PART
    if len(word) < 2 * min_part or "-" in word:
        return ()
    best_key, best = None, ()
    for position in range(min_part, len(word) - min_part + 1):
        head, tail = word[:position], word[position:]
        if not _is_part(tail, language):
            continue
        for link in LINKING[language]:
            if link and not head.endswith(link):
                continue
            base = head[: len(head) - len(link)]
            if len(base) < min_part:
                continue
            left = (base,) if _is_part(base, language) else compound_parts(base, language, min_part)
            if not left:
                continue
            candidate = (*left, tail)
            key = (len(candidate), -min(len(part) for part in candidate))
            if best_key is None or key < best_key:
                best_key, best = key, candidate
    return best if len(best) <= 3 else ()


def word_parts(word, language):
    """The compound parts of a word (of its base form when the dictionary knows it), or ()."""
    base = lemma(word, language)
    for source in dict.fromkeys((base, word)):
        parts = compound_parts(source, language)
        if parts:
            return parts
    return ()


def _same_start(word, base):
    return fold(word)[:2] == fold(base)[:2]


@lru_cache(maxsize=200_000)
def word_terms(word, language, with_parts=True):
    """The terms of one word with their factors: {"aamupala": 1.0, "aamupal": 0.9, "aamu": 0.6, ...}."""
    terms = {}

    def add(term, factor):
        term = fold(term)
        if len(term) >= 2 and factor > terms.get(term, 0):
            terms[term] = factor

    add(word, WORD)
    base = lemma(word, language)
    add(base, LEMMA if _same_start(word, base) else SUPPLETIVE_LEMMA)
    add(stem(word, language), STEM)
    add(stem(base, language), STEM)
    if with_parts:
        parts = word_parts(word, language)
        meaningful = meaningful_parts(parts, language)
        # "Lauluryhmä" is a "ryhmä" for "laulu": beside a generic part, the other part is what the
        # word is about, and counts nearly as much as the word itself.
        factor = PART_BESIDE_GENERIC if len(meaningful) < len(parts) else PART
        for part in parts:
            part_factor = factor if part in meaningful else PART
            add(lemma(part, language), part_factor)
            add(stem(part, language), part_factor * STEM)
    return terms


@lru_cache(maxsize=20_000)
def text_terms(text, language):
    """All terms of a text, each with its best factor. Stop words are left out.

    Cached, because a rebuild meets the same names (organisations, venues, labels) again and
    again; the dictionary returned is shared, so callers must not change it.
    """
    terms = {}
    stopwords = STOPWORDS[language]
    for word in words(text):
        if word in stopwords:
            continue
        for term, factor in word_terms(word, language).items():
            if factor > terms.get(term, 0):
                terms[term] = factor
    return terms


def restorations(word, language):
    """Spellings of ``word`` with dots or rings put back, for a query typed without them.

    Only spellings that the dictionary knows are returned; "kavely" gives ["kävely"].
    """
    if word != fold(word) or not any(char in _RESTORE[language] for char in word):
        return []
    options = [_RESTORE[language].get(char, char) for char in word]
    found = []
    for count, letters in enumerate(itertools.product(*options)):
        if count >= _MAX_RESTORATIONS:
            break
        candidate = "".join(letters)
        if candidate != word and is_known(candidate, language):
            found.append(candidate)
    return found


def query_words(query, language):
    """The words of a search query worth looking up: stop words dropped unless nothing else is left.

    The stop words of both languages are dropped: people in a bilingual region type "i Karleby"
    into the Finnish finder too.
    """
    found = words(query)
    meaningful = [word for word in found if not any(word in STOPWORDS[code] for code in LANGUAGES)]
    return list(dict.fromkeys(meaningful or found))


def other_languages(language):
    """The site's languages other than ``language``."""
    return [code for code in LANGUAGES if code != language]


def query_lemma(word, language):
    """The base form of a query word, when it can be trusted; else the word itself.

    For a word its dictionary does not know, simplemma guesses, often by cutting off up to five
    letters as if they were an ending. A guess that is shorter than the Snowball stem and the
    beginning of it is such a cut, and usually wrong: "kokolassa" (a typo of "Kokkolassa")
    becomes "koko" ("whole"), "kahvihetkeen" becomes "kahvi". It would stop the finder from
    correcting the typo or from splitting the compound, so it is not used. Guesses that differ
    from the stem only in its last letters ("kokemuksestaan" → "kokemus", stem "kokemuks") are.
    """
    base = lemma(word, language)
    if base == word or is_known(word, language):
        return base
    stemmed = stem(word, language)
    if len(base) < len(stemmed) and (stemmed.startswith(base) or len(base) < len(stemmed) - 1):
        return word
    return base


def _spellings(word, language, quality):
    """(spelling, quality) of a query word: as typed, and with dots or rings put back."""
    return [(word, quality), *((restored, quality * 0.95) for restored in restorations(word, language))]


def _add(terms, term, quality):
    term = fold(term)
    if len(term) >= 2 and quality > terms.get(term, 0):
        terms[term] = quality


def _both_languages(word, language, terms_of_spelling):
    terms = {}
    for code, quality in ((language, 1.0), *((other, OTHER_LANGUAGE_QUERY) for other in other_languages(language))):
        for spelling, spelling_quality in _spellings(word, code, quality):
            for term, factor in terms_of_spelling(spelling, code):
                _add(terms, term, factor * spelling_quality)
    return terms


def _whole_terms(spelling, language):
    base = query_lemma(spelling, language)
    return [(spelling, WORD), (base, LEMMA if _same_start(spelling, base) else SUPPLETIVE_LEMMA)]


def _stem_terms(spelling, language):
    base = query_lemma(spelling, language)
    return [
        (stem(spelling, language), STEM),
        (stem(base, language), STEM * (1 if _same_start(spelling, base) else SUPPLETIVE_LEMMA)),
    ]


def query_terms(word, language):
    """The whole-word terms a query word may match, with how good a match each is (1.0 best).

    The word and its base form, as a word of the finder's language and, a little less surely, as a
    word of the other language ("Kokkolassa" typed into the Swedish finder is still Kokkola).
    Stems and compound parts are not included: the finder uses them only when these terms are
    nowhere in the index, and adds the parts at a lower weight (see
    :func:`search.services.expand_word`).
    """
    return _both_languages(word, language, _whole_terms)


def query_stems(word, language):
    """The Snowball stems of a query word (both languages), for when its whole-word terms find nothing.

    Stems reach forms the dictionary lacks ("kahvakuulaa" → "kahvakuul"), but unrelated words can
    share one: "äldre" and "aldrig" both stem to "aldr".
    """
    return _both_languages(word, language, _stem_terms)


def is_known_anywhere(word, language):
    """True when a dictionary of the site's languages knows ``word``, as typed or with its dots put back."""
    return any(is_known(word, code) or restorations(word, code) for code in LANGUAGES) if word else False


def query_parts(word, language, short=False):
    """The meaningful compound parts of a query word, trying the spelling with dots restored too.

    Generic parts ("ryhmä", "grupp", ...) are left out unless nothing else is left. With ``short``,
    a word the dictionary knows as a whole may still be split into three-letter parts ("körsång" →
    "kör", "sång"); the finder asks for that only when the whole word is not in its index.
    """
    for spelling in (word, *restorations(word, language)):
        parts = word_parts(spelling, language)
        if not parts and short:
            parts = compound_parts(spelling, language, MIN_PART)
        if parts:
            return meaningful_parts(parts, language)
    return ()


def meaningful_parts(parts, language):
    """``parts`` without the generic ones ("ryhmä", "grupp", ...), unless nothing else is left."""
    meaningful = tuple(part for part in parts if lemma(part, language) not in GENERIC_PARTS[language])
    return meaningful or tuple(parts)


# Verbs and the nouns made from them share a root: "laulaa"/"laulamaan" and "laulu", "kävellä" and
# "kävely", "maalata" and "maalaus", "promenera" and "promenad", "simma" and "simning", "dansa" and
# "dans". A query verb is turned into a few such nouns; the finder keeps those its index has.
# Infinitive endings: Finnish verb types 1-6; Swedish -a (and the present tense -ar).
_FINNISH_INFINITIVE = re.compile(r"(?:[aäeioöuy]|d|ll|nn|rr|st|t)[aä]$")
MIN_RELATIVE = 4  # shortest noun accepted ("dans", "spel")


def _verb_roots(verb, language):
    """(root, noun endings) pairs of a verb's infinitive; [] when ``verb`` is not one."""
    if language == "fi":
        if not _FINNISH_INFINITIVE.search(verb):
            return []
        return [
            (verb[:-1], ("", "ja", "jä", "minen", "nta", "ntä")),  # tanssi(a), laula(ja), neulo(nta)
            (verb[:-2], ("u", "y", "o", "ö", "i", "e", "us", "ys", "nti")),  # laul(u), kävel(y), maala(us)
        ]
    if verb.endswith("ar"):
        verb = verb[:-1]  # present tense: promenerar, simmar
    if not verb.endswith("a") or len(verb) < 4:
        return []
    root = verb[:-1]
    roots = [(root, ("", "ning", "ing", "are"))]  # dans(a), stick(ning), trän(ing)
    if verb.endswith("era"):
        roots.append((verb[:-3], ("", "ad", "ion")))  # promen(ad), motion(era)
    if len(root) > 2 and root[-1] == root[-2]:
        roots.append((root[:-1], ("ning",)))  # sim(ma) → simning
    return roots


@lru_cache(maxsize=20_000)
def relatives(word, language):
    """Words the dictionary knows that may be made from a query verb, in both languages.

    "laulamaan" gives {"laulu": 1.0, "laulaja": 1.0, ...}; the finder keeps those its index has.
    The quality is 1.0 in the finder's language and OTHER_LANGUAGE_QUERY in the other.
    """
    found = {}
    for code, quality in ((language, 1.0), *((other, OTHER_LANGUAGE_QUERY) for other in other_languages(language))):
        if not is_known(word, code):
            continue
        verbs = dict.fromkeys((word, lemma(word, code)))
        for verb in verbs:
            for root, endings in _verb_roots(verb, code):
                for ending in endings:
                    noun = root + ending
                    if len(noun) >= MIN_RELATIVE and noun not in verbs and is_known(noun, code):
                        _add(found, noun, quality)
    return found


def warm_up():
    """Load the dictionaries now rather than on the first search (a second or two per language)."""
    for language in LANGUAGES:
        word_terms("ryhmä" if language == "fi" else "grupp", language)
