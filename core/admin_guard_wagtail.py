"""Which of Wagtail's own admin URLs partners may reach, and the checks of the objects each names.

The tables of :mod:`core.admin_guard`'s allow list for Wagtail's views (pages, the admin API, bulk
actions, images and documents, choosers, reports); the project's apps register their own URLs in
their ``apps.py``. Read with docs/permissions.md.
"""

from .admin_guard import arg, body, ids, is_false, register, request_data

# Admin API actions on pages → what the user must be allowed to do to the page (and to the
# destination, for those that put a page somewhere). Converting an alias or making a
# translation through the API would skip the translation workflow: only administrators may.
API_PAGE_ACTIONS = {
    "revert_to_page_revision": ("change", [body("revision_id", "revision", "view")]),
    "publish": ("publish", []),
    "unpublish": ("unpublish", []),
    "delete": ("delete", []),
    "move": ("move", [body("destination_page_id", "page", "add_child")]),
    "copy": ("copy", [body("destination_page_id", "page", "add_child")]),
    "create_alias": ("copy", [body("destination_page_id", "page", "publish")]),
    "convert_alias": ("convert_alias", []),
    "copy_for_translation": ("convert_alias", []),
}


def _page_api_action(request, match):
    action, extra = API_PAGE_ACTIONS.get(match.kwargs.get("action_name"), ("unknown_action", []))
    checks = [arg("pk", "page", action), *extra]
    if match.kwargs.get("action_name") == "copy" and not is_false(request_data(request).get("keep_live", True)):
        # A live copy is published at once: that needs the right to publish at the destination.
        checks.append(body("destination_page_id", "page", "publish"))
    return checks


# Bulk actions (``/admin/bulk/<app>/<model>/<action>/?id=…``) → the action on each object.
BULK_ACTIONS = {
    "delete": "delete",
    "publish": "publish",
    "unpublish": "unpublish",
    "move": "move",
    "add_tags": "change",
    "add_to_collection": "change",
    "assign_role": "change",
    "set_active_state": "change",
}


def _media_edit(key, kind):
    """An image's or document's edit form: a new file in it replaces what live pages show."""

    def checks(request, match):
        action = "replace_file" if request.method == "POST" and request.FILES.get("file") else "change"
        return [arg(key, kind, "view", action)]

    return checks


def _bulk_action(request, match):
    action = BULK_ACTIONS.get(match.kwargs.get("action"), "unknown_action")
    checks = [ids("in_path", action)]
    if match.kwargs.get("action") == "add_to_collection":
        checks.append(arg("?collection", "collection", "change"))
    if match.kwargs.get("action") == "move":
        checks.append(arg("?chooserPage", "page", "add_child"))
    return checks


#: Wagtail's page views (``wagtailadmin_pages:<name>``) that name one page (``page_id``) → the action.
PAGE_VIEWS = {
    # The editor enforces the lock itself, and lets the submitter cancel a workflow of a locked page.
    "edit": "edit",
    "preview_on_edit": "view",
    "view_draft": "view",
    "usage": "view",
    "history": "view",
    "history_results": "view",
    "revisions_index": "view",
    "workflow_history": "view",
    "workflow_preview": "view",
    "confirm_workflow_cancellation": "view",
    "delete": "delete",
    "unpublish": "unpublish",
    "convert_alias": "translate",  # a translation draft instead (home/wagtail_hooks.py)
    # The copy form checks its destination itself (SitePagePermissionTester.can_copy_to) and says so.
    "copy": "copy",
    "lock": "lock",
    "unlock": "unlock",
    "set_privacy": "publish",
}

#: … and those that name a page and a revision, task state or workflow state of it.
PAGE_VIEWS_OF_TWO = {
    "revisions_view": ("view", arg("revision_id", "revision", "view")),
    "revisions_revert": ("change", arg("revision_id", "revision", "view")),
    "revisions_unschedule": ("publish", arg("revision_id", "revision", "view")),
    "workflow_action": ("view", arg("task_state_id", "task_state", "view")),
    "collect_workflow_action_data": ("view", arg("task_state_id", "task_state", "view")),
    "workflow_history_detail": ("view", arg("workflow_state_id", "workflow_state", "view")),
}


def register_wagtail_urls():
    """The admin URLs of Wagtail and wagtail-localize that partners use, with their checks."""
    page = "page"
    # Account, sign-in and the admin's own resources.
    for name in (
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_logout",
        "wagtailadmin_login",
        "wagtailadmin_password_reset*",
        "wagtailadmin_dismissibles",
        "wagtailadmin_javascript_catalog",
        "wagtail_localize:javascript_catalog",
        "wagtailadmin_sprite",
        "wagtailadmin_block_preview",
        "wagtailsnippets:index",
    ):
        register(name)
    register(
        "wagtailadmin_editing_sessions:ping",
        arg("object_id", "in_path", "view"),
        arg("session_id", "editing_session", "change"),
    )
    register("wagtailadmin_editing_sessions:release", arg("session_id", "editing_session", "change"))

    # The page explorer, editor and their neighbours.
    register("wagtailadmin_explore_root")
    register("wagtailadmin_explore", arg("parent_page_id", page, "explore"))
    register("wagtailadmin_explore_results", arg("parent_page_id", page, "explore"))
    for name in ("search", "search_results", "choose_parent"):
        register(f"wagtailadmin_pages:{name}")
    for name in ("add", "preview_on_add", "add_subpage"):
        register(f"wagtailadmin_pages:{name}", arg("parent_page_id", page, "add_child"))
    for name, action in PAGE_VIEWS.items():
        register(f"wagtailadmin_pages:{name}", arg("page_id", page, action))
    for name, (action, other) in PAGE_VIEWS_OF_TWO.items():
        register(f"wagtailadmin_pages:{name}", arg("page_id", page, action), other)
    register("wagtailadmin_pages:move", arg("page_to_move_id", page, "move"))
    register("wagtailadmin_pages:set_page_position", arg("page_to_move_id", page, "move"))
    register(
        "wagtailadmin_pages:move_confirm",
        arg("page_to_move_id", page, "move"),
        arg("destination_id", page, "add_child"),
    )
    register("wagtailadmin_pages:revisions_compare", arg("0", page, "view"))

    # The page chooser: partners choose their own pages and the public ones.
    register("wagtailadmin_choose_page")
    register("wagtailadmin_choose_page_child", arg("parent_page_id", page, "choose"))
    register("wagtailadmin_choose_page_search")
    register("wagtailadmin_choose_page_chosen_multiple", ids(page, "choose"))
    for kind in ("external", "email", "phone", "anchor"):
        register(f"wagtailadmin_choose_page_{kind}_link")

    # The admin API that the admin's own scripts use.
    register("wagtailadmin_api:pages:listing")
    register("wagtailadmin_api:pages:find", ids(page, "explore"))
    register("wagtailadmin_api:pages:detail", arg("pk", page, "explore"))
    register("wagtailadmin_api:pages:action", _page_api_action)
    for media, kind in (("images", "image"), ("documents", "document")):
        register(f"wagtailadmin_api:{media}:listing")
        register(f"wagtailadmin_api:{media}:find", ids(kind, "choose"))
        register(f"wagtailadmin_api:{media}:detail", arg("pk", kind, "choose"))

    # Bulk actions.
    register("wagtail_bulk_action", _bulk_action)

    # Images and documents, and their choosers.
    for app, kind, key, multiple_key, usage in (
        ("wagtailimages", "image", "image_id", "image_id", "image_usage"),
        ("wagtaildocs", "document", "document_id", "doc_id", "document_usage"),
    ):
        register(f"{app}:index")
        register(f"{app}:index_results")
        register(f"{app}:add")
        register(f"{app}:add_multiple")
        register(f"{app}:edit", _media_edit(key, kind))
        register(f"{app}:delete", arg(key, kind, "view", "delete_file"))
        register(f"{app}:{usage}", arg(key, kind, "view"))
        register(f"{app}:edit_multiple", arg(multiple_key, kind, "change"))
        register(f"{app}:delete_multiple", arg(multiple_key, kind, "delete"))
        register(f"{app}:create_multiple_from_uploaded_*", arg("uploaded_file_id", "uploaded_file", "change"))
        register(f"{app}:delete_upload_multiple", arg("uploaded_file_id", "uploaded_file", "change"))
        chooser = f"{app}_chooser"
        register(f"{chooser}:choose")
        register(f"{chooser}:choose_results")
        register(f"{chooser}:create")
        register(f"{chooser}:chosen", arg("pk", kind, "choose"))
        register(f"{chooser}:chosen_multiple", ids(kind, "choose"))
    register("wagtailimages:url_generator", arg("image_id", "image", "view"))
    register("wagtailimages:url_generator_output", arg("image_id", "image", "view"))
    register("wagtailimages:preview", arg("image_id", "image", "view"))
    register("wagtailimages_chooser:select_format", arg("image_id", "image", "choose"))

    # Reports whose rows Wagtail narrows to the user's pages (their user filters are narrowed
    # by ``core.admin_filters``).
    for name in ("locked_pages", "workflow", "workflow_tasks"):
        register(f"wagtailadmin_reports:{name}")
        register(f"wagtailadmin_reports:{name}_results")
