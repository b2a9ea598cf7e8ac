"""Building the per-language search index of groups (see docs/search.md).

Each group gets, for each site language, a set of terms with weights: the analysed words of its
title, summary and description in the language the reader sees them in, the labels of its
vocabularies in the reader's language, and the names of its place and organisers. The finder
matches query terms against these rows, so inflections, compound parts and missing dots are
found on SQLite and PostgreSQL alike.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import strip_tags

from .analysis import text_terms
from .models import IndexEntry
from .synonyms import ACTIVITY_WORDS, TARGET_WORDS

VOCABULARY_CACHE_KEY = "search:vocabulary:{language}"

# How much a match in each field counts. The title says what the group is; the place and the
# organisers matter for "Kokkolassa" or "seurakunta" but should not outrank what the group does.
TITLE = 1.0
SUMMARY = 0.7
ACTIVITY = 0.7
TARGET = 0.5
PLACE = 0.5
DESCRIPTION = 0.4
ORGANISATION = 0.4
OTHER = 0.25
SYNONYM = 0.8  # everyday words for a vocabulary term count a little less than the label itself
OTHER_LANGUAGE = 0.5  # the group's texts and labels in the site's other language

# Words that say a group meets online, is free or has a step-free entrance, in each reader's language.
ONLINE_WORDS = {"fi": "verkossa verkkoryhmä etänä online", "sv": "på nätet nätgrupp distans online"}
FREE_WORDS = {"fi": "maksuton ilmainen", "sv": "gratis avgiftsfri kostnadsfri"}
STEP_FREE_WORDS = {"fi": "esteetön", "sv": "tillgänglig"}


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


class Versions:
    """Finds the version of a page that readers of a language see.

    For a single group it asks the database; for a rebuild :meth:`preload` fetches every live
    translation at once, so indexing thousands of groups costs a few queries per group.
    """

    def __init__(self):
        self.preloaded = None
        self.organisations = None

    def preload(self):
        from groups.models import GroupPage
        from organisations.models import OrganisationPage

        self.preloaded = {}
        for model in (GroupPage, OrganisationPage):
            translations = (
                model.objects.live()
                .filter(alias_of__isnull=True, awaiting_translation=False)
                .exclude(locale__language_code="fi")
            )
            for page in translations.select_related("locale"):
                self.preloaded[(page.translation_key, page.locale.language_code)] = page
        self.organisations = {page.path: page for page in OrganisationPage.objects.select_related("locale")}
        return self

    def organiser(self, group):
        """The organisation page the group belongs to (its parent)."""
        if self.organisations is not None:
            parent = self.organisations.get(group.path[: -group.steplen])
            if parent is not None:
                return parent
        return group.get_parent().specific

    def shown(self, page, language):
        """The version of ``page`` a reader of ``language`` sees, and the language its text is in."""
        if page.locale.language_code == language:
            return page, language
        if self.preloaded is not None:
            translation = self.preloaded.get((page.translation_key, language))
        else:
            translation = (
                type(page)
                .objects.live()
                .filter(
                    translation_key=page.translation_key,
                    locale__language_code=language,
                    alias_of__isnull=True,
                    awaiting_translation=False,
                )
                .first()
            )
        if translation is not None:
            return translation, language
        return page, "fi"


def document_fields(group, language, versions=None):
    """(text, analysis language, weight) for every indexed field of ``group`` as ``language`` readers see it."""
    versions = versions or Versions()
    page, text_language = versions.shown(group, language)
    fields = [
        (page.title, text_language, TITLE),
        (page.summary, text_language, SUMMARY),
        (strip_tags(page.description or ""), text_language, DESCRIPTION),
        (page.cost_note, text_language, OTHER),
        (page.online_instructions, text_language, OTHER),
    ]
    label = f"name_{language}"
    for activity in group.activity_types.all():
        fields.append((getattr(activity, label) or activity.name_fi, language, ACTIVITY))
        fields.append((ACTIVITY_WORDS.get(activity.code, {}).get(language, ""), language, ACTIVITY * SYNONYM))
    for target in group.target_groups.all():
        fields.append((getattr(target, label) or target.name_fi, language, TARGET))
        fields.append((TARGET_WORDS.get(target.code, {}).get(language, ""), language, TARGET * SYNONYM))
    for spoken in group.languages.all():
        fields.append((getattr(spoken, label) or spoken.name_fi, language, OTHER))
    venue = group.venue
    if venue is not None:
        fields.append((getattr(venue, label) or venue.name_fi, language, PLACE))
        fields.append((getattr(venue, f"street_address_{language}") or venue.street_address_fi, language, OTHER))
        # Both names of the municipality: a Swedish reader may well type "Kokkola".
        fields.append((venue.municipality.name_fi, "fi", PLACE))
        fields.append((venue.municipality.name_sv, "sv", PLACE))
    if group.is_online:
        fields.append((ONLINE_WORDS[language], language, ACTIVITY))
    if group.free_of_charge:
        fields.append((FREE_WORDS[language], language, OTHER))
    if venue is not None and venue.step_free_entrance:
        fields.append((STEP_FREE_WORDS[language], language, OTHER))
    organisers = [versions.organiser(group), *(link.organisation for link in group.partner_links.all())]
    for organisation in organisers:
        shown, organisation_language = versions.shown(organisation, language)
        fields.append((shown.title, organisation_language, ORGANISATION))
    return fields


def _field_terms(fields, factor=1.0, terms=None):
    terms = {} if terms is None else terms
    for text, text_language, weight in fields:
        for term, term_factor in text_terms(text or "", text_language).items():
            value = weight * term_factor * factor
            if value > terms.get(term, 0):
                terms[term] = value
    return terms


def document_terms(group, language, versions=None):
    """{term: weight} of ``group`` in the index of ``language``.

    The group as readers of the other language see it is indexed too, at a lower weight: in a
    bilingual region people type "promenad" into the Finnish finder and "kuoro" into the Swedish
    one, and should still find the group, after the groups that match in the finder's language.
    """
    versions = versions or Versions()
    terms = _field_terms(document_fields(group, language, versions))
    for other in site_languages():
        if other != language:
            _field_terms(document_fields(group, other, versions), OTHER_LANGUAGE, terms)
    return terms


def _source(page):
    from groups.models import GroupPage

    source = page.get_source_page() if hasattr(page, "get_source_page") else None
    return GroupPage.objects.select_related("venue__municipality", "locale").get(pk=(source or page).pk)


def _rows(group, versions=None):
    return [
        IndexEntry(translation_key=group.translation_key, language=language, term=term[:64], weight=weight)
        for language in site_languages()
        for term, weight in document_terms(group, language, versions).items()
    ]


def _values(group, versions):
    """The index rows of a group as plain (translation_key, language, term, weight) tuples.

    Gives the same rows as :func:`document_terms` for each language, but analyses the group as each
    language's readers see it once rather than once per index (a rebuild spends its time here).
    """
    key = IndexEntry._meta.get_field("translation_key").get_db_prep_value(group.translation_key, connection)
    languages = site_languages()
    own = {language: _field_terms(document_fields(group, language, versions)) for language in languages}
    rows = []
    for language in languages:
        terms = dict(own[language])
        for other in languages:
            if other != language:
                for term, value in own[other].items():
                    value *= OTHER_LANGUAGE
                    if value > terms.get(term, 0):
                        terms[term] = value
        rows.extend((key, language, term[:64], weight) for term, weight in terms.items())
    return rows


def _insert_values(rows):
    """Insert index rows: with COPY on PostgreSQL, else one statement per batch. A rebuild writes
    hundreds of rows a group; building a model instance for each took half the time of the
    rebuild, and on PostgreSQL COPY is several times faster than INSERT."""
    if not rows:
        return
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in ("translation_key", "language", "term", "weight"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)", rows)  # noqa: S608 - names only


@transaction.atomic
def index_group(page):
    """(Re)build the index rows of a group, in every language, from its live versions.

    A group that is not live, or has ended, is taken out of the index.
    """
    from groups.models import Status

    group = _source(page)
    IndexEntry.objects.filter(translation_key=group.translation_key).delete()
    if not group.live or group.status == Status.ENDED:
        return 0
    rows = _rows(group)
    IndexEntry.objects.bulk_create(rows)
    forget_vocabulary()
    return len(rows)


def rebuild_index():
    """Rebuild the whole index. Returns the number of groups indexed."""
    from groups.models import GroupPage, Status

    versions = Versions().preload()
    groups = (
        GroupPage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(status=Status.ENDED)
        .select_related("venue__municipality", "locale")
        .prefetch_related("activity_types", "target_groups", "languages", "partner_links__organisation__locale")
    )
    count = 0
    with transaction.atomic():
        IndexEntry.objects.all().delete()
        batch = []
        for group in groups.iterator(chunk_size=500):
            batch.extend(_values(group, versions))
            count += 1
            if len(batch) >= 5000:
                _insert_values(batch)
                batch = []
        _insert_values(batch)
        analyze_tables(IndexEntry)
    forget_vocabulary()
    return count


def analyze_tables(*models):
    """Refresh PostgreSQL's statistics after a bulk change, so that its plans fit the new data at once."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


_vocabularies = {}  # language -> (token, terms): this process's copy of the cached vocabulary


def vocabulary(language):
    """The sorted distinct terms of a language's index (for prefix and typo matching), cached.

    The list is shared through the cache with a token naming its version; each process keeps
    its own copy while the token stays the same, so a search does not fetch tens of thousands
    of terms from the cache.
    """
    key = VOCABULARY_CACHE_KEY.format(language=language)
    token = cache.get(f"{key}:token")
    known = _vocabularies.get(language)
    if token is not None and known is not None and known[0] == token:
        return known[1]
    terms = cache.get(key) if token is not None else None
    if terms is None:
        terms = sorted(
            IndexEntry.objects.filter(language=language).values_list("term", flat=True).distinct().order_by()
        )
        token = uuid.uuid4().hex
        cache.set_many({key: terms, f"{key}:token": token}, timeout=600)
    _vocabularies[language] = (token, terms)
    return terms


def forget_vocabulary():
    """The index changed: forget its cached vocabulary and the finder's cached counts."""
    from .services.caching import groups_changed

    keys = [VOCABULARY_CACHE_KEY.format(language=language) for language in site_languages()]
    cache.delete_many([*keys, *(f"{key}:token" for key in keys)])
    groups_changed()
