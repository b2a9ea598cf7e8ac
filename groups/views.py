"""Views of the groups app that are not plain pages: calendar feeds, and the admin's fast meeting
cancellation and its report."""

import datetime
from http import HTTPStatus

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem as DropdownMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from core.http import file_response
from organisations.models import OrganisationPage
from organisations.permissions import is_coordinator

from .calendar import calendar_filename, group_calendar
from .cancellations import (
    active_cancellations,
    cancel_meeting,
    cancellable_dates,
    restore_meeting,
    user_can_cancel_meetings,
)
from .forms import CancelMeetingForm, RestoreMeetingForm
from .models import Cancellation, GroupPage
from .services import source_group

# Calendars fetch feeds on their own schedule; a short cache lifetime keeps cancellations fresh.
FEED_MAX_AGE = 15 * 60


def calendar_response(request, calendar, filename):
    """Send an ``icalendar.Calendar`` as ``text/calendar``, with an ETag so an unchanged feed costs little."""
    return ics_response(request, calendar.to_ical(), filename)


def ics_response(request, body, filename):
    """Send the bytes of an iCalendar file as ``text/calendar`` (a download), cached for a short while.

    Only GET and HEAD; the ETag lets a calendar that asks again get a "not modified".
    """
    response = file_response(
        request, lambda: (body, filename), content_type="text/calendar; charset=utf-8", disposition="attachment"
    )
    if response.status_code == HTTPStatus.OK:
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def group_calendar_feed(request, group):
    """The calendar feed of one group page, in the page's language."""
    return calendar_response(request, group_calendar(group, request), calendar_filename(group))


# --- Fast meeting cancellation in the admin ------------------------------------------------


class MeetingCancellationView(WagtailAdminTemplateMixin, TemplateView):
    """Cancel one upcoming meeting of a group, or restore a cancelled one: live at once, no approval.

    Anyone who may edit the group may do this. The change is written to the audit log.
    """

    template_name = "groups/admin/meeting_cancellation.html"
    page_title = gettext_lazy("Cancel a meeting")
    header_icon = "calendar-alt"

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.group = source_group(get_object_or_404(GroupPage, pk=page_id))

    def dispatch(self, request, *args, **kwargs):
        if not user_can_cancel_meetings(request.user, self.group):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.group.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.group.pk]), "label": self.group.title},
            {"url": "", "label": self.page_title},
        ]

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" and "restore" not in self.request.POST else None
        return CancelMeetingForm(data, dates=cancellable_dates(self.group))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        context = super().get_context_data(**kwargs)
        context.update(
            group=self.group,
            cancellations=active_cancellations(self.group).select_related("created_by"),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.group.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "restore" in request.POST:
            return self.restore()
        form = self.get_form()
        if form.is_valid():
            try:
                cancellation = cancel_meeting(
                    self.group,
                    form.cleaned_data["date"],
                    reason_fi=form.cleaned_data["reason_fi"],
                    reason_sv=form.cleaned_data["reason_sv"],
                    user=request.user,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _("The meeting on %(date)s is cancelled. The notice is on the group's page now.")
                    % {"date": formats.date_format(cancellation.date, "j.n.Y")},
                )
                return redirect(request.path)
        messages.error(request, _("The meeting was not cancelled. Check the form."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def restore(self):
        form = RestoreMeetingForm(self.request.POST)
        cancellation = None
        if form.is_valid():
            cancellation = active_cancellations(self.group).filter(pk=form.cleaned_data["cancellation"]).first()
        if cancellation is None:
            messages.error(self.request, _("That cancellation is no longer in force. Nothing was changed."))
            return redirect(self.request.path)
        restore_meeting(cancellation, user=self.request.user)
        messages.success(
            self.request,
            _("The meeting on %(date)s takes place after all. The cancellation notice was removed.")
            % {"date": formats.date_format(cancellation.date, "j.n.Y")},
        )
        return redirect(self.request.path)


class GroupTitleColumn(TitleColumn):
    """The group's title, linking to its cancellation page."""

    def get_link_url(self, instance, parent_context):
        return reverse("organisations_meeting_cancellation", args=[instance.group_id])


class CancellationsReportView(ReportView):
    """Recent meeting cancellations of every group, newest first: for coordinators."""

    page_title = gettext_lazy("Cancelled meetings")
    header_icon = "calendar-alt"
    index_url_name = "organisations_cancellations_report"
    index_results_url_name = "organisations_cancellations_report_results"
    paginate_by = 50
    list_export = ["group.title", "organisation_title", "date", "reason_fi", "reason_sv", "created_at", "withdrawn_at"]
    export_headings = {
        "group.title": gettext_lazy("Group"),
        "organisation_title": gettext_lazy("Organisation"),
        "date": gettext_lazy("Meeting"),
        "reason_fi": gettext_lazy("Reason in Finnish"),
        "reason_sv": gettext_lazy("Reason in Swedish"),
        "created_at": gettext_lazy("Cancelled at"),
        "withdrawn_at": gettext_lazy("Withdrawn at"),
    }

    @property
    def columns(self):
        return [
            GroupTitleColumn("group", label=_("Group"), accessor="group.title"),
            Column("organisation_title", label=_("Organisation")),
            DateColumn("date", label=_("Meeting")),
            Column("reason_fi", label=_("Reason")),
            Column("created_by_name", label=_("Cancelled by")),
            DateColumn("created_at", label=_("Cancelled at")),
            Column("withdrawn", label=_("Withdrawn"), accessor="withdrawn_text"),
        ]

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"cancelled-meetings-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        # The organisation is the group's parent: its path is the group's path less one step.
        organisation = OrganisationPage.objects.filter(
            path=Substr(OuterRef("group__path"), 1, Length(OuterRef("group__path")) - GroupPage.steplen)
        ).values("title")[:1]
        since = timezone.now() - datetime.timedelta(days=365)
        return (
            Cancellation.objects.filter(created_at__gte=since)
            .select_related("group", "created_by", "withdrawn_by")
            .annotate(organisation_title=Subquery(organisation))
            .order_by(F("created_at").desc())
        )

    def decorate_paginated_queryset(self, object_list):
        for cancellation in object_list:
            cancellation.created_by_name = cancellation.created_by.get_username() if cancellation.created_by else ""
            cancellation.withdrawn_text = ""
            if cancellation.withdrawn_at:
                who = cancellation.withdrawn_by.get_username() if cancellation.withdrawn_by else ""
                when = formats.date_format(timezone.localtime(cancellation.withdrawn_at), "j.n.Y")
                cancellation.withdrawn_text = f"{when} {who}".strip()
        return object_list


class CancelMeetingButton(DropdownMenuItem):
    """“Cancel a meeting” in a group page's menus."""

    def __init__(self, page, priority=1000):
        super().__init__(
            _("Cancel a meeting"),
            reverse("organisations_meeting_cancellation", args=[page.pk]),
            icon_name="calendar-alt",
            priority=priority,
        )


def cancel_meeting_buttons(page, user):
    """The cancellation button for a group page, if the user may edit the group."""
    if page.specific_class is GroupPage and user_can_cancel_meetings(user, page):
        yield CancelMeetingButton(page, priority=15)
