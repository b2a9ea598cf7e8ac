"""Admin views: Wagtail's reports and admin API narrowed to what each user may see, and the
coordinators' menu items."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.log_actions import registry as log_action_registry

from .permissions import choosable_documents, choosable_images, is_coordinator, visible_log_entries


class CoordinatorMenuItem(MenuItem):
    """A menu item shown to coordinators and administrators only."""

    def is_shown(self, request):
        return is_coordinator(request.user)


def show_requested_changes(request, page):
    """Tell the person opening a page that was sent back what the reviewer asked for."""
    from wagtail.models import TaskState, WorkflowState

    if request.method != "GET":
        return
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return
    reviewer = task_state.finished_by.get_username() if task_state.finished_by else "?"
    if task_state.comment:
        message = _("%(user)s asked for changes: “%(comment)s” Make them and submit the page for approval again.") % {
            "user": reviewer,
            "comment": task_state.comment,
        }
    else:
        message = _("%(user)s asked for changes. Make them and submit the page for approval again.") % {
            "user": reviewer
        }
    messages.warning(request, message)


# --- Wagtail's own reports and admin API, narrowed ------------------------------------------


class CoordinatorPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's "Page types usage" report, for coordinators only.

    It names the most recently edited page of each type, whoever's it is (drafts too), which is
    not for partners to see; the counts are of no use to them either.
    """

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """The filters of the site history: only the people and actions of entries the user may see.

    (Wagtail's own filter offers everyone who has ever changed any page.)
    """

    def visible_entries(self):
        for log_model in log_action_registry.get_log_entry_models():
            yield visible_log_entries(self.request.user, log_model.objects.viewable_by_user(self.request.user))

    def get_users_queryset(self):
        from django.contrib.auth import get_user_model

        user_ids = set()
        for entries in self.visible_entries():
            user_ids.update(entries.get_user_ids())
        user_model = get_user_model()
        return user_model.objects.filter(pk__in=user_ids).order_by(user_model.USERNAME_FIELD)

    def get_action_choices(self):
        actions = set()
        for entries in self.visible_entries():
            actions.update(entries.get_actions())
        return [choice for choice in log_action_registry.get_choices() if choice[0] in actions]


class SiteHistoryView(LogEntriesView):
    """Wagtail's "Site history" report without other organisations' venues' entries for partners.

    Wagtail already limits the pages' entries to the pages a user has permissions on.
    """

    filterset_class = SiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return visible_log_entries(self.request.user, super().filter_queryset(queryset))


class ImagesAdminAPIView(ImagesAdminAPIViewSet):
    """The admin API's images (used by the admin's own scripts): those the user's chooser offers."""

    def get_queryset(self):
        return choosable_images(self.request.user, super().get_queryset())


class DocumentsAdminAPIView(DocumentsAdminAPIViewSet):
    """The admin API's documents: those the user's chooser offers."""

    def get_queryset(self):
        return choosable_documents(self.request.user, super().get_queryset())
