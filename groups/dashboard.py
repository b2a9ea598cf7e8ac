"""The partner's panel on the admin home page: my groups, meetings without a visitor count, waiting for
approval, returned, no meetings.

Every list comes from a fixed number of queries, however many groups an organisation has.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from organisations.models import OrganisationPage
from organisations.permissions import partner_accesses, paths_q

from .models import Cancellation, GroupPage, MeetingVisit, Status
from .recurrence import occurrences

#: The dashboard lists the meetings of this many past days that have no visitor count yet.
UNRECORDED_DAYS = 14

#: A group with nothing on its schedule in this many days shows in "no upcoming meetings".
NO_MEETINGS_HORIZON_DAYS = 60


def partner_dashboard(user, today=None):
    """What a partner's admin home page shows, or None for users who work for no organisation."""
    accesses = partner_accesses(user)
    if not accesses:
        return None
    today = today or timezone.localdate()
    keys = [access.organisation.translation_key for access in accesses]
    paths = list(OrganisationPage.objects.filter(translation_key__in=keys).values_list("path", flat=True))

    groups = list(
        GroupPage.objects.filter(paths_q(paths), locale=Locale.get_default())
        .prefetch_related("schedule_rules", "extra_meetings")
        .prefetch_workflow_states()
        .order_by("title")
    )
    horizon = today + datetime.timedelta(days=NO_MEETINGS_HORIZON_DAYS)
    for group in groups:
        group.has_upcoming_meetings = bool(
            occurrences(group.schedule_rules.all(), group.extra_meetings.all(), today, horizon)
        )

    since = today - datetime.timedelta(days=UNRECORDED_DAYS)
    done = set(
        MeetingVisit.objects.filter(group__in=groups, date__range=(since, today)).values_list("group_id", "date")
    ) | set(
        Cancellation.objects.filter(
            group__in=groups, withdrawn_at__isnull=True, date__range=(since, today)
        ).values_list("group_id", "date")
    )
    unrecorded = [
        (group, occurrence.date)
        for group in groups
        if group.status != Status.ENDED
        for occurrence in occurrences(group.schedule_rules.all(), group.extra_meetings.all(), since, today)
        if (group.pk, occurrence.date) not in done
    ]
    unrecorded.sort(key=lambda item: item[1], reverse=True)

    page_ids = Page.objects.filter(paths_q(paths)).annotate(key=Cast("pk", CharField())).values("key")
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=page_ids)
        .select_related("current_task_state__task", "current_task_state__finished_by", "requested_by")
        .prefetch_related("content_object")
        .order_by("-created_at")
    )
    return {
        "organisations": [access.organisation for access in accesses],
        "groups": groups,
        "waiting": [state for state in states if state.status == WorkflowState.STATUS_IN_PROGRESS],
        "returned": [
            state
            for state in states
            if state.status == WorkflowState.STATUS_NEEDS_CHANGES and state.requested_by_id == user.pk
        ],
        "without_meetings": [
            group for group in groups if group.status != Status.ENDED and not group.has_upcoming_meetings
        ],
        "horizon_days": NO_MEETINGS_HORIZON_DAYS,
        "unrecorded": unrecorded,
    }


class PartnerDashboardPanel(Component):
    """The partner's own groups and where their changes are, at the top of the admin home page."""

    name = "partner_dashboard"
    template_name = "groups/admin/partner_dashboard.html"
    order = 50

    def __init__(self, user):
        self.data = partner_dashboard(user)

    def render_html(self, parent_context=None):
        if self.data is None:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {**self.data, "request": parent_context.get("request")}
