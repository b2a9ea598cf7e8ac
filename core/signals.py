"""The site's own signals, and the handlers of the shared floor.

A lower app tells a higher one that something happened by sending one of these signals; the higher
app listens (see docs/architecture.md). Nothing here imports an app above ``core``.
"""

from django.dispatch import Signal, receiver

from wagtail.signals import page_published

#: Groups were added, changed or removed in bulk (the importer, the meeting refresher, a test):
#: caches that list groups drop what they kept. Sent without arguments beyond ``sender``.
groups_changed = Signal()

#: An import has written its groups (not sent for a dry run): the finder refreshes the database's
#: statistics of its tables, so that PostgreSQL plans its queries well.
groups_imported = Signal()

#: The fixed pages of the site (home pages, finders, week programmes, organisation lists) are
#: needed now, before ``post_migrate`` would make them (the importer on an empty site).
site_structure_needed = Signal()

#: An organisation's page is being shown: ``context`` (a dict) is filled with what the page lists
#: (the groups app adds the organisation's groups). ``page`` is the organisation page.
organisation_page_context = Signal()


@receiver(page_published, dispatch_uid="translation-published")
def translation_published(sender, instance, alias=False, **kwargs):
    """A translation was approved and published: its readers now see its own texts.

    This runs before the other apps' handlers (``core`` is the first app), so the search index and
    the finder's caches already see the page as translated.
    """
    from .models import BasePage
    from .translation import record_published_translation

    if not alias and isinstance(instance, BasePage):
        record_published_translation(instance)
