"""Registration with the Wagtail admin: permissions, choosers, snippets, cancellations, dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import audit, services, views
from .dashboard import PartnerDashboardPanel
from .permissions import choosable_pages, is_coordinator
from .translation_report import TranslationsReportView
from .viewsets import VenueViewSet, VocabularyViewSetGroup

register_snippet(VenueViewSet)
register_snippet(VocabularyViewSetGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    return choosable_pages(request.user, pages)


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("construct_admin_api", order=10)
def limit_admin_api(router):
    router.register_endpoint("images", views.ImagesAdminAPIView)
    router.register_endpoint("documents", views.DocumentsAdminAPIView)


@hooks.register("construct_reports_menu")
def hide_coordinator_reports(request, menu_items):
    if not is_coordinator(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("after_copy_page")
def synchronise_copy(request, page, new_page):
    services.synchronise_copy(new_page)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "groups/<int:page_id>/cancellations/",
            views.MeetingCancellationView.as_view(),
            name="organisations_meeting_cancellation",
        ),
        path(
            "reports/cancelled-meetings/",
            views.CancellationsReportView.as_view(),
            name="organisations_cancellations_report",
        ),
        path(
            "reports/cancelled-meetings/results/",
            views.CancellationsReportView.as_view(results_only=True),
            name="organisations_cancellations_report_results",
        ),
        path(
            "reports/swedish-translations/",
            TranslationsReportView.as_view(),
            name="organisations_translations_report",
        ),
        path(
            "reports/swedish-translations/results/",
            TranslationsReportView.as_view(results_only=True),
            name="organisations_translations_report_results",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def page_listing_cancel_meeting_button(page, user, next_url=None):
    yield from views.cancel_meeting_buttons(page, user)


@hooks.register("register_page_header_buttons")
def page_header_cancel_meeting_button(page, user, view_name, next_url=None):
    yield from views.cancel_meeting_buttons(page, user)


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    views.show_requested_changes(request, page)


@hooks.register("register_reports_menu_item")
def register_cancellations_report():
    return views.CoordinatorMenuItem(
        _("Cancelled meetings"),
        reverse("organisations_cancellations_report"),
        name="cancelled-meetings",
        icon_name="calendar-alt",
        order=950,
    )


@hooks.register("register_reports_menu_item")
def register_translations_report():
    return views.CoordinatorMenuItem(
        _("Swedish translations"),
        reverse("organisations_translations_report"),
        name="swedish-translations",
        icon_name="doc-empty-inverse",
        order=960,
    )


@hooks.register("construct_homepage_panels")
def add_partner_dashboard(request, panels):
    panels.append(PartnerDashboardPanel(request.user))
