"""Registration with the Wagtail admin: permissions, Wagtail's reports narrowed, copies."""

from wagtail import hooks

from . import services, views
from .permissions import choosable_pages, is_coordinator


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


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    views.show_requested_changes(request, page)
