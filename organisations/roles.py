"""The roles of the site and the default approval workflow, as data.

Roles are Django auth groups:

* **Coordinators** (one group for the whole region): every page, image, document, venue and
  vocabulary; they publish, approve the last step and may delete. They do not manage users.
* **<organisation> editors** and **<organisation> approvers** (two groups per partner, created by
  :func:`organisations.services.provision_organisation`): add and change pages in their own
  organisation's subtree in both language trees, their own images, documents and venues.
  Approvers also approve their organisation's changes before a coordinator does.
* **Administrators** are Django superusers.

The helpers here take an ``apps`` registry so that data migrations (historical models) and the
tests (the real models) run the very same code.
"""

from django.apps import apps as global_apps

COORDINATORS = "Koordinaattorit – Koordinatorer"
WORKFLOW_NAME = "Julkaisun hyväksyntä – Godkännande av publicering"
ORGANISATION_TASK_NAME = "Toimijan hyväksyntä – Aktörens godkännande"
COORDINATOR_TASK_NAME = "Koordinaattorin hyväksyntä – Koordinatorns godkännande"
# Wagtail's own migrations create these; they grant every page to anyone put in them.
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

#: Model permissions of the coordinators ("app_label.codename").
COORDINATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "organisations.coordinate",
    *[
        f"groups.{action}_{model}"
        for model in ("venue", "municipality", "activitytype", "targetgroup", "language")
        for action in ("add", "change", "delete", "view")
    ],
    *[f"wagtailcore.{action}_{model}" for model in ("workflow", "task") for action in ("add", "change", "delete")],
    *[f"wagtailredirects.{action}_redirect" for action in ("add", "change", "delete")],
    "wagtail_localize.submit_translation",
]
#: Page permissions of the coordinators, on the root page (so on every page of both trees).
COORDINATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
#: Collection permissions of the coordinators, on the root collection.
COORDINATOR_COLLECTION_PERMISSIONS = [
    *[f"wagtailimages.{action}_image" for action in ("add", "change", "delete", "choose")],
    *[f"wagtaildocs.{action}_document" for action in ("add", "change", "delete", "choose")],
    *[f"wagtailcore.{action}_collection" for action in ("add", "change", "delete")],
]

#: Model permissions of a partner's editors and approvers. No delete: partners never hard-delete.
PARTNER_PERMISSIONS = ["wagtailadmin.access_admin", "groups.add_venue", "groups.change_venue", "groups.view_venue"]
#: Page permissions of a partner's editors and approvers, on both language versions of its page.
#: No publish (everything goes through approval), no bulk delete, no locking others out.
PARTNER_PAGE_PERMISSIONS = ["add_page", "change_page"]
#: Collection permissions of a partner's editors and approvers, on its own collection.
PARTNER_COLLECTION_PERMISSIONS = [
    *[f"wagtailimages.{action}_image" for action in ("add", "change", "choose")],
    *[f"wagtaildocs.{action}_document" for action in ("add", "change", "choose")],
]


def ensure_permissions_exist(apps=global_apps):
    """Create missing content types and permissions now rather than after ``migrate`` ends.

    Django creates them in a ``post_migrate`` handler, too late for a data migration on a fresh
    database that wants to grant them.
    """
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        # Historical app registries leave models_module empty, which makes Django skip the app.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_contenttypes(app_config, verbosity=0, apps=apps)
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = models_module


# Permissions that Wagtail and wagtail-localize create in data migrations (not from a model's Meta),
# so a flushed database (transactional tests) lacks them until they are made again here.
MIGRATION_PERMISSIONS = {
    "wagtailadmin.access_admin": ("admin", "Can access Wagtail admin"),
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}


def get_permissions(names, apps=global_apps):
    """Permission rows for ``"app_label.codename"`` names; an unknown name is an error."""
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    found = {}
    for name in names:
        app_label, codename = name.split(".", 1)
        try:
            found[name] = permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        except permission_model.DoesNotExist:
            if name not in MIGRATION_PERMISSIONS:
                raise
            model, label = MIGRATION_PERMISSIONS[name]
            content_type, _created = content_type_model.objects.get_or_create(app_label=app_label, model=model)
            found[name], _created = permission_model.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": label}
            )
    return list(found.values())


def grant_page_permissions(group, page, codenames, apps=global_apps):
    """Give ``group`` the page permissions ``codenames`` (e.g. ``"add_page"``) on ``page`` and below."""
    permission_model = apps.get_model("auth", "Permission")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        permission = permission_model.objects.get(content_type__app_label="wagtailcore", codename=codename)
        group_page_permission.objects.get_or_create(group=group, page_id=page.pk, permission=permission)


def grant_collection_permissions(group, collection, names, apps=global_apps):
    """Give ``group`` the collection permissions ``names`` on ``collection`` and its children."""
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for permission in get_permissions(names, apps):
        group_collection_permission.objects.get_or_create(
            group=group, collection_id=collection.pk, permission=permission
        )


def ensure_coordinators(apps=global_apps):
    """The region-wide coordinators group with all its permissions. Safe to run again."""
    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")

    group, _created = group_model.objects.get_or_create(name=COORDINATORS)
    group.permissions.add(*get_permissions(COORDINATOR_PERMISSIONS, apps))
    root_page = page_model.objects.get(depth=1)
    grant_page_permissions(group, root_page, COORDINATOR_PAGE_PERMISSIONS, apps)
    root_collection = collection_model.objects.get(depth=1)
    grant_collection_permissions(group, root_collection, COORDINATOR_COLLECTION_PERMISSIONS, apps)
    return group


def _task(apps, model_name, name):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("organisations", model_name)
    content_type, _created = content_type_model.objects.get_or_create(
        app_label="organisations", model=model_name.lower()
    )
    task = model.objects.filter(active=True).order_by("pk").first()
    if task is None:
        task = model.objects.create(name=name, content_type=content_type, active=True)
    return task


def ensure_default_workflow(apps=global_apps):
    """The approval workflow of every page: the organisation's approvers, then a coordinator.

    It is assigned to the root page, so every page of both language trees inherits it, and it
    replaces Wagtail's initial "Moderators approval" workflow. Safe to run again.
    """
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    page_model = apps.get_model("wagtailcore", "Page")

    coordinators = ensure_coordinators(apps)
    organisation_task = _task(apps, "OrganisationApprovalTask", ORGANISATION_TASK_NAME)
    coordinator_task = _task(apps, "CoordinatorApprovalTask", COORDINATOR_TASK_NAME)
    coordinator_task.groups.add(coordinators)

    workflow, _created = workflow_model.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, task in enumerate([organisation_task, coordinator_task]):
        workflow_task_model.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})

    root_page = page_model.objects.get(depth=1)
    workflow_page_model.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    workflow_model.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exclude(pk=workflow.pk).update(active=False)
    apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(
        active=False
    )
    return workflow


def remove_wagtail_default_groups(apps=global_apps):
    """Delete Wagtail's initial "Moderators" and "Editors" groups if nobody is in them.

    They give page permissions on the whole site, which would undo the separation of partners.
    """
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True):
        group.page_permissions.all().delete()
        group.collection_permissions.all().delete()
        apps.get_model("wagtailcore", "GroupApprovalTask").groups.through.objects.filter(group=group).delete()
        group.delete()
