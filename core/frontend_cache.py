"""Purging the CDN or Varnish beyond the page that Wagtail purges when it is published.

Wagtail's frontend cache app purges a page's own URL when that page is published or unpublished.
Publishing a Finnish group or organisation also changes other cached pages:

- its live Swedish translation, which :func:`core.translation.propagate_facts` saves with the new
  facts (time, venue, status) without publishing it, so Wagtail does not purge it;
- the pages that list groups in every language: the finder (``/fi/ryhmat/``, ``/sv/grupper/``)
  and the week programme (``/fi/tama-viikko/``, ``/sv/denna-vecka/``). Only their own addresses
  can be purged; a finder selection (``?q=…``) has an address of its own and is refreshed when
  its ``PUBLIC_CACHE_SECONDS`` run out.

Nothing is purged when ``WAGTAILFRONTENDCACHE`` is not set (no CDN or Varnish in front).
"""

from django.conf import settings
from django.db import transaction

LISTING_PAGE_MODELS = ("search.FinderPage", "groups.WeekProgrammePage")


def purging_enabled():
    """Whether a CDN or Varnish is configured to be purged."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def listing_pages():
    """The live pages, in every language, that list groups."""
    from django.apps import apps

    pages = []
    for label in LISTING_PAGE_MODELS:
        pages.extend(apps.get_model(label).objects.live())
    return pages


def purge_after_facts_changed(translations):
    """Purge the re-saved ``translations`` of a published page and the listing pages, after the commit.

    The URLs are worked out and purged once the transaction has committed, so that the CDN can
    not fetch the old page again between the purge and the commit.
    """
    if not purging_enabled():
        return
    page_ids = [page.pk for page in translations]

    def purge():
        from wagtail.contrib.frontend_cache.utils import PurgeBatch
        from wagtail.models import Page

        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().filter(pk__in=page_ids).specific())
        batch.add_pages(listing_pages())
        batch.purge()

    transaction.on_commit(purge)
