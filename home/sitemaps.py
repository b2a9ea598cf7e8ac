"""The sitemap: every live public page of both language trees, with its translations as alternates."""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from groups.models import GroupPage, Status


class PageSitemap(Sitemap):
    """Lists each live page once, with ``hreflang`` links to its other language versions.

    Wagtail's own sitemap lists only the default site's root tree (the Finnish one); ours walks
    every translation of the root. Addresses are built from the request's host, like Django's
    sitemaps, so the file is right whichever allowed host serves it.
    """

    limit = 5000

    def items(self):
        site = self.get_wagtail_site()
        pages = Page.objects.none()
        for root in site.root_page.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(root, inclusive=True)
        # An ended group keeps its page (with its notice) but is no longer something to find.
        ended = GroupPage.objects.filter(status=Status.ENDED).values("pk")
        return pages.live().public().exclude(pk__in=ended).order_by("path").select_related("locale")

    def _absolute(self, page):
        parts = page.get_url_parts(self.request)
        if parts is None or parts[2] is None:
            return None
        if self.request is None:
            return parts[1] + parts[2]
        return self.request.build_absolute_uri(parts[2])

    def _urls(self, page, protocol, domain):
        object_list = list(self.paginator.page(page).object_list)
        twins = defaultdict(list)
        keys = {obj.translation_key for obj in object_list}
        for twin in Page.objects.live().public().filter(translation_key__in=keys).select_related("locale"):
            twins[twin.translation_key].append(twin)
        urls = []
        for obj in object_list:
            location = self._absolute(obj)
            if not location:
                continue
            alternates = []
            versions = sorted(twins[obj.translation_key], key=lambda p: p.locale.language_code)
            if len(versions) > 1:
                alternates = [
                    {"lang_code": twin.locale.language_code, "location": self._absolute(twin)} for twin in versions
                ]
                alternates.append({"lang_code": "x-default", "location": alternates[0]["location"]})
            urls.append(
                {
                    "item": obj,
                    "location": location,
                    "lastmod": obj.last_published_at or obj.latest_revision_created_at,
                    "alternates": alternates,
                }
            )
        return urls
