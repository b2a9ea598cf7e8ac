"""Wagtail's own reports, narrowed to what each user may see (see organisations/views.py).

Included in ``config/urls.py`` before Wagtail's admin, so these views answer Wagtail's report
addresses; Wagtail's URL names (``wagtailadmin_reports:…``) still lead here.
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access

from . import views


def admin_view(view):
    """Decorate a view as Wagtail decorates its admin views."""
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("site-history/", admin_view(views.SiteHistoryView.as_view()), name="organisations_site_history"),
    path(
        "site-history/results/",
        admin_view(views.SiteHistoryView.as_view(results_only=True)),
        name="organisations_site_history_results",
    ),
    path(
        "page-types-usage/",
        admin_view(views.CoordinatorPageTypesUsageReportView.as_view()),
        name="organisations_page_types_usage",
    ),
    path(
        "page-types-usage/results/",
        admin_view(views.CoordinatorPageTypesUsageReportView.as_view(results_only=True)),
        name="organisations_page_types_usage_results",
    ),
]
