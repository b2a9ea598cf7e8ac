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

from django.db.models import Q

from wagtail.models import Locale, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

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


class SitePagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with the rules of this site on top.

    Deleting or moving a page needs the right to publish there: partner editors and approvers
    can neither remove a group (they mark it ended; revisions are kept) nor carry a page out of
    their organisation, while coordinators and administrators keep Wagtail's usual rights.
    Nobody copies or moves a page into the other language's tree, and only administrators add
    pages by hand in the Swedish tree: its pages come from the Finnish ones (wagtail-localize's
    tree synchronisation makes an alias of each new Finnish page, and translating turns the alias
    into a Swedish page), so a page added there would have no Finnish source.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        # Wagtail sets this only for active non-superusers, but can_lock() reads it for everyone.
        if not hasattr(self, "permissions"):
            self.permissions = set()

    def can_delete(self, ignore_bulk=False):
        if not self.user.is_superuser and "publish" not in self.permissions:
            return False
        # Wagtail's can_move() asks can_delete(), so this rule covers moving too.
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        return self.user.is_superuser or self.page.locale_id == Locale.get_default().pk

    def can_copy_to(self, destination, recursive=False):
        # A copy keeps its language: a Finnish page copied into the Swedish tree would be lost there.
        if destination.locale_id != self.page.locale_id:
            return False
        return super().can_copy_to(destination, recursive=recursive)

    def can_move_to(self, destination):
        if destination.locale_id != self.page.locale_id:
            return False
        return super().can_move_to(destination)


class VenuePermissionPolicy(ModelPermissionPolicy):
    """Model permissions for venues, narrowed to the user's own venues for partners.

    A partner edits the venues its organisation keeps up to date (``Venue.owner``). A venue
    without an owner is shared: every partner may choose it for a group, only coordinators edit it.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if is_coordinator(user):
            return True
        return instance.owner_id is not None and instance.owner_id in {org.pk for org in own_organisations(user)}

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        if is_coordinator(user):
            return self.model._default_manager.all()
        return self.model._default_manager.filter(owner__in=[org.pk for org in own_organisations(user)])


def choosable_venues(user, queryset):
    """The venues a user may pick for a group: their own and the shared ones (everything for coordinators)."""
    if is_coordinator(user):
        return queryset
    return queryset.filter(Q(owner__in=[org.pk for org in own_organisations(user)]) | Q(owner__isnull=True))


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

    Wagtail shows a model's log entries to everyone with a permission on the model. Partners have
    permissions on venues but edit only their own, so other organisations' venues' entries are
    left out.
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    from groups.models import Venue

    if is_coordinator(user) or not issubclass(log_entries.model, ModelLogEntry):
        return log_entries
    own_venues = VenuePermissionPolicy(Venue).instances_user_has_any_permission_for(user, ["change"])
    return log_entries.filter(
        ~Q(content_type=ContentType.objects.get_for_model(Venue))
        | Q(object_id__in=[str(pk) for pk in own_venues.values_list("pk", flat=True)])
    )


def choosable_pages(user, pages):
    """Narrow a page chooser's ``pages``: partners do not see other organisations' groups.

    Organisation pages stay choosable (a group names its partner organisations and where its
    leaders come from), and so do the shared pages such as the finder and information pages.
    """
    from django.contrib.contenttypes.models import ContentType

    from groups.models import GroupPage

    if is_coordinator(user):
        return pages
    group_type = ContentType.objects.get_for_model(GroupPage)
    return pages.filter(~Q(content_type=group_type) | paths_q(own_subtree_paths(user)))
