"""The group finder page: ``/fi/ryhmat/`` and ``/sv/grupper/``."""

from http import HTTPMethod

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseNotAllowed
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.i18n import quoted
from core.models import ListingPage

# The search words in a page title are cut to this many characters.
TITLE_QUERY_LENGTH = 60


def selection_in_words(params, results):
    """The finder's selection as removable items (``search.services.selection_links``), for readers.

    The search words are in the quotation marks of the reader's language (”laulu”). The page's
    chips, its title, the brochure's cover and the calendar's name all use this.
    """
    from .services import selection_links

    selection = selection_links(params, results)
    for item in selection["items"]:
        if item["name"] == "q":
            item["label"] = quoted(results.query)
    return selection


def finder_title(title, selection, query, count, page_number):
    """The page title of a finder state: "”laulu” · Kokkola – 4 ryhmää – sivu 2 – Ryhmät".

    Every search and result page has a title of its own (WCAG 2.4.2), so a reader who has several
    open, or goes back in the browser's history, knows which is which. Without choices it is just
    the page's title (and the result page number after the first).
    """
    parts = []
    labels = [
        quoted(Truncator(query).chars(TITLE_QUERY_LENGTH)) if item["name"] == "q" else item["label"]
        for item in selection["items"]
    ]
    if labels:
        parts.append(" · ".join(str(label) for label in labels))
        if count:
            parts.append(ngettext("%(count)d group", "%(count)d groups", count) % {"count": count})
        else:
            parts.append(gettext("no groups"))
    if page_number > 1:
        parts.append(gettext("page %(number)d") % {"number": page_number})
    parts.append(str(title))
    return " – ".join(parts)


class FinderPage(RoutablePageMixin, ListingPage):
    """Search and filter the listed groups of the page's language.

    Everything is in GET parameters (``?q=laulu&municipality=kokkola&weekday=tue``), so a
    selection can be bookmarked, shared, printed and subscribed to, and the page works without
    JavaScript. The same selection is a printable PDF brochure under the page: ``esite.pdf`` in
    Finnish, ``broschyr.pdf`` in Swedish (see docs/brochure.md), and a calendar feed to
    subscribe to: ``kalenteri.ics`` / ``kalender.ics`` (see docs/meetings.md).
    """

    # The brochure's file name under the page, in the page's language.
    brochure_file_names = {"fi": "esite.pdf", "sv": "broschyr.pdf"}
    # The calendar feed's file name under the page, in the page's language.
    calendar_file_names = {"fi": "kalenteri.ics", "sv": "kalender.ics"}

    page_description = _("The group finder. One per language; the search box of every page leads here.")

    results_per_page = 20

    class Meta:
        verbose_name = _("group finder")
        verbose_name_plural = _("group finders")

    # The wish form's address under the page, in the page's language (config/urls.py lets it take posts).
    wish_slugs = {"fi": "toivo-ryhmaa", "sv": "onska-grupp"}

    @path("toivo-ryhmaa/")
    @path("onska-grupp/")
    def wish(self, request):
        """The form for a wish of a new group (groups/feedback_views.py)."""
        from groups.feedback_views import wish_form

        return wish_form(request, self)

    def wish_url(self, request=None):
        page_url = self.get_url(request)
        if not page_url:
            return None
        return page_url + self.wish_slugs.get(self.locale.language_code, self.wish_slugs["fi"]) + "/"

    def get_context(self, request, *args, **kwargs):
        from .calendar import MAX_GROUPS as CALENDAR_MAX_GROUPS
        from .services import find_groups, page_number

        context = super().get_context(request, *args, **kwargs)
        results = find_groups(self.locale, request.GET)
        paginator = Paginator(results.groups, self.results_per_page)
        page_obj = paginator.get_page(page_number(request.GET.get("page")))
        selection = selection_in_words(request.GET, results)
        brochure_url = calendar_url = None
        if paginator.count:
            brochure_url = self.brochure_url(request)
            if brochure_url and selection["query_string"]:
                brochure_url = f"{brochure_url}?{selection['query_string']}"
            calendar_path = self.calendar_url(request)
            if calendar_path:
                calendar_url = request.build_absolute_uri(calendar_path)
                if selection["query_string"]:
                    calendar_url = f"{calendar_url}?{selection['query_string']}"
        context.update(
            {
                "results": results,
                "query": results.query,
                "page_obj": page_obj,
                "result_count": paginator.count,
                "selection": selection,
                "brochure_url": brochure_url,
                "wish_url": self.wish_url(request),
                "calendar_url": calendar_url,
                "webcal_url": ("webcal://" + calendar_url.split("://", 1)[1]) if calendar_url else None,
                "calendar_max_groups": CALENDAR_MAX_GROUPS,
                "document_title": finder_title(
                    self.seo_title or self.title, selection, results.query, paginator.count, page_obj.number
                ),
            }
        )
        if paginator.count == 0:
            from .services import neighbouring_municipalities

            context["neighbours"] = neighbouring_municipalities(results.selected)
        return context

    # Wagtail hands a route its path with a slash added; the address itself has none (config/urls.py).
    @path("esite.pdf/")
    @path("broschyr.pdf/")
    def brochure(self, request):
        """The current selection (the same GET parameters as the page) as a PDF brochure to print."""
        from .views import brochure_response

        return brochure_response(request, self)

    @path("kalenteri.ics/")
    @path("kalender.ics/")
    def calendar_feed(self, request):
        """The meetings of the current selection (the same GET parameters as the page) as a calendar feed."""
        from groups.views import ics_response

        from .calendar import selection_calendar

        if request.method not in (HTTPMethod.GET, HTTPMethod.HEAD):
            return HttpResponseNotAllowed([HTTPMethod.GET, HTTPMethod.HEAD])
        body, filename = selection_calendar(self, request)
        return ics_response(request, body, filename)

    def calendar_url(self, request=None):
        """The address of the calendar feed of everything (add the page's query string for a selection)."""
        page_url = self.get_url(request)
        if not page_url:
            return None
        return page_url + self.calendar_file_names.get(self.locale.language_code, self.calendar_file_names["fi"])

    def brochure_url(self, request=None):
        """The address of the brochure of everything (add the page's query string for a selection)."""
        page_url = self.get_url(request)
        if not page_url:
            return None
        return page_url + self.brochure_file_names.get(self.locale.language_code, self.brochure_file_names["fi"])


class IndexEntry(models.Model):
    """One term of one group in one language's search index, with its weight.

    The index is keyed by the group's ``translation_key``: the Swedish index of a group that is not
    translated yet is built from its Finnish text (so Swedish readers find it too), and switches to
    the Swedish text when the translation is published. Rows are derived data, rebuilt by
    :func:`search.indexing.index_group` on publish and by ``manage.py rebuild_group_index``.
    """

    translation_key = models.UUIDField()
    language = models.CharField(max_length=2)
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "language", "term"], name="one_entry_per_group_term")
        ]
        indexes = [models.Index(fields=["language", "term"], name="index_language_term")]

    def __str__(self):
        return f"{self.language}:{self.term} ({self.weight:.2f})"
