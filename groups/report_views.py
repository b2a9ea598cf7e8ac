"""The reports in the admin: visits and feedback for coordinators (the region) and partners (their
own groups), their CSV and XLSX files, the printable region summary and the feedback poster."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from core.access import may
from core.qr import qr_svg_data_uri
from organisations.permissions import is_coordinator

from .charts import column_chart, percent_bars
from .feedback import approved_open_answers
from .models import GroupPage
from .report_export import csv_response, xlsx_response
from .reporting_forms import ReportFilterForm
from .services import source_group
from .statistics import FEEDBACK_MIN_ANSWERS, ReportFilters, compute, report_groups, report_organisations


def filters_from(request):
    """The report's filters from the query string; a partner's organisation choice is limited to their own."""
    form = ReportFilterForm(request.GET or None, organisations=report_organisations(request.user))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
    else:
        data = ReportFilterForm({}, organisations=report_organisations(request.user))
        data.is_valid()
        data = data.cleaned_data
    filters = ReportFilters(
        start=data["start"],
        end=data["end"],
        municipality=data.get("municipality"),
        organisation=data.get("organisation"),
        activity=data.get("activity"),
    )
    return form, filters


def charts(figures):
    """The report's charts, each with the rows of its data table."""
    months = [(formats.date_format(month, "n/Y"), visits, meetings) for month, visits, meetings in figures.months]
    feedback = figures.feedback
    return {
        "months": months,
        "months_chart": column_chart(_("Visits per month"), [(label, visits) for label, visits, _m in months]),
        "feedback_chart": percent_bars(
            _("Share who agree"), [(statement.label, statement.agree_percent) for statement in feedback.statements]
        )
        if feedback.shown
        else "",
    }


class StatisticsReportView(WagtailAdminTemplateMixin, TemplateView):
    """Visits and feedback for a period: the region for coordinators, the own groups for a partner."""

    template_name = "groups/admin/statistics_report.html"
    page_title = gettext_lazy("Visits and feedback")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        form, filters = filters_from(request)
        figures = compute(filters, report_groups(request.user))
        filename = f"visits-and-feedback-{filters.start:%Y-%m-%d}-{filters.end:%Y-%m-%d}"
        export = request.GET.get("export")
        if export == "csv":
            return csv_response(figures, filename)
        if export == "xlsx":
            return xlsx_response(figures, filename)
        context = self.get_context_data(
            form=form,
            figures=figures,
            minimum=FEEDBACK_MIN_ANSWERS,
            open_answers=approved_open_answers(
                [row.pk for row in figures.groups], filters.start, filters.end
            ).select_related("group")[:30],
            query=request.GET.urlencode(),
            is_coordinator=is_coordinator(request.user),
            **charts(figures),
        )
        return self.render_to_response(context)


class RegionSummaryView(TemplateView):
    """The region's figures in sentences, on one printable page: for coordinators."""

    template_name = "groups/admin/region_summary.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form, filters = filters_from(request)
        figures = compute(filters, report_groups(request.user))
        return self.render_to_response(
            self.get_context_data(figures=figures, form=form, minimum=FEEDBACK_MIN_ANSWERS, **charts(figures))
        )


def feedback_poster(request, page_id):
    """An A4 poster for the meeting room's wall: the feedback form's QR code in Finnish and Swedish."""
    group = source_group(get_object_or_404(GroupPage, pk=page_id))
    if not may(request.user, "view", group):
        raise PermissionDenied
    versions = []
    for language in ("fi", "sv"):
        version = group if language == "fi" else group.get_translation_or_none(Locale.objects.get(language_code="sv"))
        url = version.feedback_url(request) if version is not None and version.live else None
        if url:
            absolute = request.build_absolute_uri(url)
            versions.append(
                {"language": language, "title": version.title, "url": absolute, "qr": qr_svg_data_uri(absolute)}
            )
    return TemplateResponse(
        request,
        "groups/admin/feedback_poster.html",
        {"group": group, "versions": versions, "today": timezone.localdate()},
    )
