"""The group finder page: ``/fi/ryhmat/`` and ``/sv/grupper/``."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from home.models import BasePage

from .services import find_groups


class FinderPage(BasePage):
    """Search and filter the listed groups of the page's language."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    page_description = _("The group finder. One per language; the search box of every page leads here.")
    max_count_per_parent = 1

    results_per_page = 20

    class Meta:
        verbose_name = _("group finder")
        verbose_name_plural = _("group finders")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
        groups = find_groups(self.locale, query)
        paginator = Paginator(groups, self.results_per_page)
        context.update(
            {
                "query": query,
                "page_obj": paginator.get_page(request.GET.get("page")),
                "result_count": paginator.count,
            }
        )
        return context
