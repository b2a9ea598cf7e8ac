"""Keep the group index up to date: on publishing and unpublishing, and when shared names change."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished

from core import signals as core_signals
from core.batching import batch_finished, defer

from .indexing import index_group, rebuild_index


def reindex_group(sender, instance, **kwargs):
    """A group (either language version) was published or unpublished."""
    if not defer(INDEX_GROUPS, instance.translation_key):
        index_group(instance)


#: The deferred work of a batch (``core.batching``): the translation keys of groups to re-index.
INDEX_GROUPS = "search.index_groups"


def index_batched_groups(sender, pending, **kwargs):
    """A batch (an import) has ended: index each group it published once, not once per version."""
    from groups.models import GroupPage

    keys = pending.get(INDEX_GROUPS)
    if keys:
        for group in GroupPage.objects.filter(translation_key__in=keys, locale__language_code="fi"):
            index_group(group)


def reindex_deleted_group(sender, instance, **kwargs):
    """A group page was deleted: drop its rows, or rebuild them from what is left."""
    from groups.models import GroupPage

    from .models import IndexEntry

    remaining = GroupPage.objects.filter(translation_key=instance.translation_key, locale__language_code="fi").first()
    if remaining is None:
        IndexEntry.objects.filter(translation_key=instance.translation_key).delete()
    else:
        index_group(remaining)


def reindex_organisation_groups(sender, instance, **kwargs):
    """An organisation's name is part of its groups' index (as organiser or partner), and a finder filter."""
    from groups.models import GroupPage

    from .services.caching import groups_changed

    groups_changed()

    source = instance.get_source_page() or instance
    groups = GroupPage.objects.filter(locale__language_code="fi").filter(
        path__startswith=source.path
    ) | GroupPage.objects.filter(locale__language_code="fi", partner_links__organisation=source)
    for group in groups.distinct():
        if not defer(INDEX_GROUPS, group.translation_key):
            index_group(group)


def reindex_venue_groups(sender, instance, **kwargs):
    """A venue's name and municipality are part of its groups' index."""
    from groups.models import GroupPage

    for group in GroupPage.objects.filter(venue=instance, locale__language_code="fi"):
        if not defer(INDEX_GROUPS, group.translation_key):
            index_group(group)


def rebuild_after_vocabulary_change(sender, instance, created=False, raw=False, **kwargs):
    """Vocabulary labels are indexed; a coordinator renaming one is rare, so rebuild everything.

    A new term has no groups yet, so creating one changes nothing in the index.
    """
    if not created and not raw:
        rebuild_index()


def private_sections_changed(sender, instance, **kwargs):
    """A view restriction was added, changed or removed: the finder's listing changes."""
    from .services.caching import groups_changed

    groups_changed()


def forget_cached_counts(sender, **kwargs):
    """Groups or their meetings changed (``core.signals.groups_changed``): cached counts and feeds are old."""
    from .services.caching import groups_changed

    groups_changed()


def refresh_statistics(sender, **kwargs):
    """An import wrote many groups (``core.signals.groups_imported``): PostgreSQL re-reads the tables."""
    from wagtail.models import Page

    from groups.models import GroupPage, Meeting

    from .indexing import analyze_tables
    from .models import IndexEntry

    analyze_tables(IndexEntry, Meeting, Page, GroupPage)


def connect():
    from wagtail.models import PageViewRestriction

    from groups.models import ActivityType, GroupPage, Language, Municipality, TargetGroup, Venue
    from organisations.models import OrganisationPage

    page_published.connect(reindex_group, sender=GroupPage, dispatch_uid="index-published")
    batch_finished.connect(index_batched_groups, dispatch_uid="index-batched")
    page_unpublished.connect(reindex_group, sender=GroupPage, dispatch_uid="index-unpublished")
    post_delete.connect(reindex_deleted_group, sender=GroupPage, dispatch_uid="index-deleted")
    page_published.connect(reindex_organisation_groups, sender=OrganisationPage, dispatch_uid="index-organisation")
    page_unpublished.connect(
        reindex_organisation_groups, sender=OrganisationPage, dispatch_uid="index-organisation-unpublished"
    )
    # The finder caches which sections are private.
    post_save.connect(private_sections_changed, sender=PageViewRestriction, dispatch_uid="finder-private-saved")
    post_delete.connect(private_sections_changed, sender=PageViewRestriction, dispatch_uid="finder-private-deleted")
    post_save.connect(reindex_venue_groups, sender=Venue, dispatch_uid="index-venue")
    for model in (ActivityType, TargetGroup, Language, Municipality):
        post_save.connect(rebuild_after_vocabulary_change, sender=model, dispatch_uid=f"index-{model.__name__}")
    core_signals.groups_changed.connect(forget_cached_counts, dispatch_uid="finder-groups-changed")
    core_signals.groups_imported.connect(refresh_statistics, dispatch_uid="finder-statistics")


connect()
