"""Who may do what: coordinators, partner organisations' editors and approvers.

Wagtail's page permissions (on each organisation's page, in both language trees) and collection
permissions do most of the work. This module adds what Wagtail cannot express by itself:

* partners never delete or move pages (no hard deletes; a group that stops is marked ended),
* pages are added only in the Finnish tree: the Swedish tree is made from it,
* a venue belongs to one organisation and only its people (and coordinators) edit it,
* the pages, venues, images, documents and organisations a user works for, for choosers,
  listings, forms, the admin API, reports and the dashboard.

Results that several checks in one request need are cached on the user object, which Django
creates afresh for every request.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from core.permissions import SitePagePermissionTester

COORDINATE_PERMISSION = "organisations.coordinate"


def is_coordinator(user):
    """True for coordinators and administrators: they act on every organisation's content."""
    return bool(user.is_active and (user.is_superuser or user.has_perm(COORDINATE_PERMISSION)))


def user_group_ids(user):
    """The ids of the user's auth groups (cached for the request)."""
    if not hasattr(user, "_ryhmahaku_group_ids"):
        user._ryhmahaku_group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    return user._ryhmahaku_group_ids


def partner_accesses(user):
    """The organisations the user edits or approves for, as :class:`PartnerAccess` rows (cached)."""
    from .models import PartnerAccess

    if not hasattr(user, "_ryhmahaku_partner_accesses"):
        group_ids = user_group_ids(user)
        user._ryhmahaku_partner_accesses = list(
            PartnerAccess.objects.filter(Q(editors__in=group_ids) | Q(approvers__in=group_ids))
            .select_related("organisation")
            .order_by("organisation__title")
        )
    return user._ryhmahaku_partner_accesses


def own_organisations(user):
    """The (Finnish source) organisation pages the user works for."""
    return [access.organisation for access in partner_accesses(user)]


def approver_accesses(user):
    """The organisations whose changes the user approves."""
    group_ids = user_group_ids(user)
    return [access for access in partner_accesses(user) if access.approvers_id in group_ids]


def own_subtree_paths(user):
    """Tree paths under which the user may edit: the pages their page permissions are on.

    Both language versions of an organisation page carry the permissions, so this covers the
    Finnish and the Swedish tree. Coordinators have theirs on the root and so cover everything.
    """
    from wagtail.permissions import page_permission_policy

    return sorted({perm.page.path for perm in page_permission_policy.get_cached_permissions_for_user(user)})


def paths_q(paths, field="path"):
    """A filter for pages at or under any of ``paths`` (matches nothing for an empty list)."""
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def access_for_page(page):
    """The :class:`PartnerAccess` of the organisation a page belongs to (either language), or None.

    The organisation is the page itself or its nearest organisation ancestor: a group's parent.
    """
    from .models import OrganisationPage, PartnerAccess

    if "_ryhmahaku_access" not in page.__dict__:
        paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
        page.__dict__["_ryhmahaku_access"] = (
            PartnerAccess.objects.filter(
                organisation__translation_key__in=OrganisationPage.objects.filter(path__in=paths).values(
                    "translation_key"
                )
            )
            .select_related("organisation", "approvers", "editors")
            .first()
        )
    return page.__dict__["_ryhmahaku_access"]


def choosable_images(user, queryset):
    """Narrow ``queryset`` to the images the user's image chooser offers: their collections' images."""
    from wagtail.images.permissions import permission_policy

    if is_coordinator(user):
        return queryset
    return queryset.filter(
        pk__in=permission_policy.instances_user_has_any_permission_for(user, ["choose"]).values("pk")
    )


def choosable_documents(user, queryset):
    """Narrow ``queryset`` to the documents the user's document chooser offers."""
    from wagtail.documents.permissions import permission_policy

    if is_coordinator(user):
        return queryset
    return queryset.filter(
        pk__in=permission_policy.instances_user_has_any_permission_for(user, ["choose"]).values("pk")
    )


def visible_log_entries(user, log_entries):
    """Narrow Wagtail's audit log entries of models (not pages) to what the user may see.

    Wagtail shows a model's log entries to everyone with a permission on the model. The app that
    owns a model narrows its entries through the ``narrow_model_log_entries`` hook (the groups app:
    partners see their own venues' entries, not other organisations').
    """
    from wagtail import hooks
    from wagtail.models import ModelLogEntry

    if is_coordinator(user) or not issubclass(log_entries.model, ModelLogEntry):
        return log_entries
    for narrow in hooks.get_hooks("narrow_model_log_entries"):
        log_entries = narrow(user, log_entries)
    return log_entries


def choosable_pages(user, pages):
    """Narrow a page chooser's ``pages``: partners do not see other organisations' groups or drafts.

    Organisation pages stay choosable (a group names its partner organisations and where its
    leaders come from), and so do the shared pages such as the finder and information pages, as
    long as they are published: a page nobody has published yet is somebody's draft.
    """
    if is_coordinator(user):
        return pages
    # Page types that are an organisation's own (groups) say so with ``choosable_by_others = False``.
    private_types = owned_page_types()
    return pages.filter((Q(live=True) & ~Q(content_type__in=private_types)) | paths_q(own_subtree_paths(user)))


def owned_page_types():
    """The content types of the page types that other organisations' people do not choose."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and not getattr(model, "choosable_by_others", True)
    ]
    return list(ContentType.objects.get_for_models(*models).values())


# --- The rules of core.access for pages, images, documents, collections and people ----------


def page_allows(user, action, page):
    """What ``user`` may do to ``page`` (see :mod:`core.access` for the actions)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    tester = SitePagePermissionTester(user, page)
    if action == "explore":
        return is_coordinator(user) or PagePermissionPolicy().explorable_instances(user).filter(pk=page.pk).exists()
    if action == "choose":
        return choosable_pages(user, type(page)._default_manager.filter(pk=page.pk)).exists()
    if action in ("view", "edit", "see_draft", "cancel_meeting", "record_visits"):
        return tester.can_edit()
    unlocked = not tester.page_locked()
    checks = {
        "change": lambda: tester.can_edit() and unlocked,
        "translate": lambda: tester.can_edit() and unlocked,
        "delete": lambda: tester.can_delete() and unlocked,
        "publish": lambda: tester.can_publish() and unlocked,
        "unpublish": tester.can_unpublish,
        "move": lambda: tester.can_move() and unlocked,
        "copy": tester.can_copy,
        "add_child": tester.can_add_subpage,
        "lock": tester.can_lock,
        "unlock": tester.can_unlock,
    }
    check = checks.get(action)
    return bool(check and check())


def shown_on_a_live_page(obj):
    """Whether a live page uses ``obj`` (an image or a document), by Wagtail's reference index."""
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type).values("object_id")
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids.values_list("object_id", flat=True)]).exists()


def _media_rule(get_policy):
    """The rule of images or documents: Wagtail's collection permissions, per action.

    Replacing or deleting the file changes what live pages show without a review, so partners may
    replace or delete only a file that no live page uses (coordinators publish anyway).
    """
    needs = {
        "view": ["change", "choose"],
        "choose": ["choose"],
        "change": ["change"],
        "replace_file": ["change"],
        "delete": ["delete"],
        "delete_file": ["delete"],
    }

    def allows(user, action, obj):
        if action not in needs or not get_policy().user_has_any_permission_for_instance(user, needs[action], obj):
            return False
        if action in ("replace_file", "delete", "delete_file") and not is_coordinator(user):
            return not shown_on_a_live_page(obj)
        return True

    def narrow(user, action, queryset):
        if action not in needs:
            return queryset.none()
        allowed = get_policy().instances_user_has_any_permission_for(user, needs[action])
        return queryset.filter(pk__in=allowed.values("pk"))

    return allows, narrow


def _image_policy():
    from wagtail.images.permissions import permission_policy

    return permission_policy


def _document_policy():
    from wagtail.documents.permissions import permission_policy

    return permission_policy


def collection_allows(user, action, collection):
    """Coordinators use every collection; partners their organisations' (and what is inside them)."""
    if is_coordinator(user):
        return True
    if action not in ("view", "choose", "change"):
        return False
    return any(collection.path.startswith(access.collection.path) for access in partner_accesses_with_collections(user))


def partner_accesses_with_collections(user):
    from .models import PartnerAccess

    if not hasattr(user, "_ryhmahaku_collections"):
        user._ryhmahaku_collections = list(
            PartnerAccess.objects.filter(pk__in=[access.pk for access in partner_accesses(user)]).select_related(
                "collection"
            )
        )
    return user._ryhmahaku_collections


def visible_people_q(user):
    """The people a partner may see by name: themselves, their organisations' people, coordinators, administrators."""
    from django.contrib.auth.models import Permission

    group_ids = set()
    for access in partner_accesses(user):
        group_ids.update((access.editors_id, access.approvers_id))
    app_label, codename = COORDINATE_PERMISSION.split(".")
    coordinate = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        Q(pk=user.pk)
        | Q(groups__in=group_ids)
        | Q(groups__permissions__in=coordinate)
        | Q(user_permissions__in=coordinate)
        | Q(is_superuser=True)
    )


def person_allows(user, action, person):
    if action != "view":
        return is_coordinator(user)
    return is_coordinator(user) or type(person)._default_manager.filter(visible_people_q(user), pk=person.pk).exists()


def narrow_people(user, action, queryset):
    if is_coordinator(user):
        return queryset
    if action != "view":
        return queryset.none()
    return queryset.filter(pk__in=queryset.model._default_manager.filter(visible_people_q(user)).values("pk"))


def register_rules():
    """Register the rules of this app's kinds of objects with :mod:`core.access` (``ready()``)."""
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page

    from core import access, admin_guard

    access.register(Page, page_allows)
    access.register(get_image_model(), *_media_rule(_image_policy))
    access.register(get_document_model(), *_media_rule(_document_policy))
    access.register(Collection, collection_allows)
    access.register(get_user_model(), person_allows, narrow_people)

    # This app's admin URLs (organisations/urls.py).
    admin_guard.register("organisations_site_history")
    admin_guard.register("organisations_site_history_results")
