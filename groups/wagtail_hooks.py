"""Registration with the Wagtail admin: venue and vocabulary snippets, meeting cancellation and its
log actions, the coordinators' reports about groups, the partner dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core.reports import report_urls
from organisations.views import CoordinatorMenuItem

from . import audit, feedback_views, report_views, views, visit_views
from .dashboard import PartnerDashboardPanel
from .permissions import venue_log_entries
from .translation_report import TranslationsReportView
from .viewsets import VenueViewSet, VocabularyViewSetGroup

register_snippet(VenueViewSet)
register_snippet(VocabularyViewSetGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("narrow_model_log_entries")
def narrow_venue_log_entries(user, log_entries):
    return venue_log_entries(user, log_entries)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "groups/<int:page_id>/cancellations/",
            views.MeetingCancellationView.as_view(),
            name="organisations_meeting_cancellation",
        ),
        path("groups/<int:page_id>/visits/", visit_views.VisitsView.as_view(), name="groups_visits"),
        path(
            "reports/visits-and-feedback/",
            report_views.StatisticsReportView.as_view(),
            name="groups_statistics_report",
        ),
        path("reports/region-summary/", report_views.RegionSummaryView.as_view(), name="groups_region_summary"),
        path("groups/<int:page_id>/feedback-poster/", report_views.feedback_poster, name="groups_feedback_poster"),
        path("reports/feedback-review/", feedback_views.FeedbackReviewView.as_view(), name="groups_feedback_review"),
        path("reports/group-wishes/", feedback_views.WishesView.as_view(), name="groups_wishes"),
        *report_urls(
            "reports/cancelled-meetings/", views.CancellationsReportView, "organisations_cancellations_report"
        ),
        *report_urls("reports/swedish-translations/", TranslationsReportView, "organisations_translations_report"),
    ]


@hooks.register("register_page_listing_more_buttons")
def page_listing_cancel_meeting_button(page, user, next_url=None):
    yield from views.cancel_meeting_buttons(page, user)


@hooks.register("register_page_header_buttons")
def page_header_cancel_meeting_button(page, user, view_name, next_url=None):
    yield from views.cancel_meeting_buttons(page, user)


def coordinator_report(label, url_name, name, icon_name, order):
    """A hook that adds a report to the Reports menu, for coordinators only."""

    def menu_item():
        return CoordinatorMenuItem(label, reverse(url_name), name=name, icon_name=icon_name, order=order)

    return menu_item


hooks.register(
    "register_reports_menu_item",
    coordinator_report(
        _("Cancelled meetings"), "organisations_cancellations_report", "cancelled-meetings", "calendar-alt", 950
    ),
)
hooks.register(
    "register_reports_menu_item",
    coordinator_report(
        _("Swedish translations"), "organisations_translations_report", "swedish-translations", "doc-empty-inverse", 960
    ),
)


hooks.register(
    "register_reports_menu_item",
    coordinator_report(_("Open feedback answers"), "groups_feedback_review", "feedback-review", "comment", 930),
)
hooks.register(
    "register_reports_menu_item",
    coordinator_report(_("Wishes for new groups"), "groups_wishes", "group-wishes", "help", 940),
)


@hooks.register("register_reports_menu_item")
def statistics_report_menu_item():
    # Partners see their own groups' figures; coordinators the region's.
    return MenuItem(
        _("Visits and feedback"),
        reverse("groups_statistics_report"),
        name="visits-and-feedback",
        icon_name="table",
        order=920,
    )


@hooks.register("construct_homepage_panels")
def add_partner_dashboard(request, panels):
    panels.append(PartnerDashboardPanel(request.user))
