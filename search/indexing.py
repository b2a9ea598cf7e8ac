"""Building the per-language search index of groups (see docs/search.md).

Each group gets, for each site language, a set of terms with weights: the analysed words of its
title, summary and description in the language the reader sees them in, the labels of its
vocabularies in the reader's language, and the names of its place and organisers. The finder
matches query terms against these rows, so inflections, compound parts and missing dots are
found on SQLite and PostgreSQL alike.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
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

# Words that say a group meets online, in each reader's language.
ONLINE_WORDS = {"fi": "verkossa verkkoryhmä etänä online", "sv": "på nätet nätgrupp distans online"}


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


def _page_for(group, language):
    """The version of ``group`` a reader of ``language`` sees, and the language its text is in."""
    if group.locale.language_code == language:
        return group, language
    translation = (
        type(group).objects.filter(translation_key=group.translation_key, locale__language_code=language).first()
    )
    if translation is not None and translation.live and not translation.alias_of_id:
        return translation, language
    return group, "fi"


def document_fields(group, language):
    """(text, analysis language, weight) for every indexed field of ``group`` as ``language`` readers see it."""
    page, text_language = _page_for(group, language)
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
    organisers = [group.get_parent().specific, *(link.organisation for link in group.partner_links.all())]
    for organisation in organisers:
        shown, organisation_language = _page_for(organisation, language)
        fields.append((shown.title, organisation_language, ORGANISATION))
    return fields


def document_terms(group, language):
    """{term: weight} of ``group`` in the index of ``language``."""
    terms = {}
    for text, text_language, weight in document_fields(group, language):
        for term, factor in text_terms(text or "", text_language).items():
            value = weight * factor
            if value > terms.get(term, 0):
                terms[term] = value
    return terms


def _source(page):
    from groups.models import GroupPage

    source = page.get_source_page() if hasattr(page, "get_source_page") else None
    return GroupPage.objects.select_related("venue__municipality", "locale").get(pk=(source or page).pk)


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
    rows = [
        IndexEntry(translation_key=group.translation_key, language=language, term=term[:64], weight=weight)
        for language in site_languages()
        for term, weight in document_terms(group, language).items()
    ]
    IndexEntry.objects.bulk_create(rows)
    forget_vocabulary()
    return len(rows)


def rebuild_index():
    """Rebuild the whole index. Returns the number of groups indexed."""
    from groups.models import GroupPage

    groups = GroupPage.objects.filter(locale__language_code="fi")
    with transaction.atomic():
        IndexEntry.objects.all().delete()
        count = 0
        for group in groups.iterator(chunk_size=200):
            if index_group(group):
                count += 1
    forget_vocabulary()
    return count


def vocabulary(language):
    """The sorted distinct terms of a language's index (for prefix and typo matching), cached."""
    key = VOCABULARY_CACHE_KEY.format(language=language)
    terms = cache.get(key)
    if terms is None:
        terms = sorted(
            IndexEntry.objects.filter(language=language).values_list("term", flat=True).distinct().order_by()
        )
        cache.set(key, terms, timeout=600)
    return terms


def forget_vocabulary():
    cache.delete_many([VOCABULARY_CACHE_KEY.format(language=language) for language in site_languages()])
