"""Wagtail's own reports, narrowed to what each user may see (see organisations/views.py).

Included in ``config/urls.py`` before Wagtail's admin, so these views answer Wagtail's report
addresses; Wagtail's URL names (``wagtailadmin_reports:…``) still lead here.
"""

from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access

from core.reports import report_urls

from . import views


def admin_view(view):
    """Decorate a view as Wagtail decorates its admin views."""
    return never_cache(require_admin_access(view))


urlpatterns = [
    *report_urls("site-history/", views.SiteHistoryView, "organisations_site_history", admin_view),
    *report_urls(
        "page-types-usage/", views.CoordinatorPageTypesUsageReportView, "organisations_page_types_usage", admin_view
    ),
]
