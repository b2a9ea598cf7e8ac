"""The week programme page: every meeting of the week, by day."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from core.models import ListingPage


class WeekProgrammePage(ListingPage):
    """Every meeting of one week, day by day, like a printed weekly programme.

    A fixed page in both trees (``/fi/tama-viikko/``, ``/sv/denna-vecka/``), created by
    ``home.services.ensure_site_structure``. It shows this week; ``?viikko=2026-W49`` (or
    ``?vecka=`` or ``?week=``) shows a later week, as far ahead as meetings are kept.
    """

    page_description = _("Every meeting of the week by day. One per language; the list is made automatically.")
    search_fields = [*ListingPage.search_fields, index.SearchField("intro")]

    # The address parameter for the week, in the page's language; all of them are understood.
    week_parameters = {"fi": "viikko", "sv": "vecka"}

    class Meta:
        verbose_name = _("week programme")
        verbose_name_plural = _("week programmes")

    def requested_week(self, request):
        """The Monday of the week asked for, and whether the request asked for one we cannot show."""
        from ..services import parse_week, programme_weeks

        first, last = programme_weeks()
        value = next((request.GET[name] for name in ("viikko", "vecka", "week") if request.GET.get(name)), None)
        if value is None:
            return first, False
        monday = parse_week(value[:20])
        if monday is None or not first <= monday <= last:
            return first, True
        return monday, False

    def requested_municipality(self, request):
        """The municipality (a ``Municipality``) asked for with ``?municipality=kokkola``, or None."""
        from .vocabulary import Municipality

        code = (request.GET.get("municipality") or "").strip()[:50]
        return Municipality.objects.filter(code=code).first() if code else None

    def get_context(self, request, *args, **kwargs):
        from ..services import iso_week, programme_weeks, week_programme
        from .vocabulary import Municipality

        context = super().get_context(request, *args, **kwargs)
        monday, unavailable = self.requested_week(request)
        first, last = programme_weeks()
        parameter = self.week_parameters.get(self.locale.language_code, "week")
        week = datetime.timedelta(days=7)

        page_url = self.get_url(request)

        municipality = self.requested_municipality(request)
        place = f"municipality={municipality.code}" if municipality else ""

        def week_url(day):
            query = "&".join(part for part in (f"{parameter}={iso_week(day)}" if day != first else "", place) if part)
            return f"{page_url}?{query}" if query else page_url

        context.update(
            {
                "days": week_programme(self.locale, monday, municipality.code if municipality else None),
                "municipality": municipality,
                "municipalities": Municipality.objects.order_by("sort_order"),
                "week_parameter": parameter,
                "week_value": iso_week(monday) if monday != first else "",
                "monday": monday,
                "sunday": monday + datetime.timedelta(days=6),
                "week_number": monday.isocalendar()[1],
                "is_this_week": monday == first,
                "week_unavailable": unavailable,
                "today": timezone.localdate(),
                "previous_week_url": week_url(monday - week) if monday > first else None,
                "next_week_url": week_url(monday + week) if monday < last else None,
            }
        )
        return context
