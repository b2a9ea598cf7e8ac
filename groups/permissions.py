"""Who may do what with venues, vocabularies and cancellations (the rules of :mod:`core.access`).

Who owns a venue is decided by :class:`VenuePermissionPolicy`: a partner changes its own
organisation's venues, chooses its own and the shared ones; the vocabularies are public words
that every editor picks from and only coordinators change.
"""

from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from organisations.permissions import is_coordinator, own_organisations


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


def venue_log_entries(user, log_entries):
    """Partners see the audit log entries of their own venues only (``narrow_model_log_entries``)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Venue

    own_venues = VenuePermissionPolicy(Venue).instances_user_has_any_permission_for(user, ["change"])
    return log_entries.filter(
        ~Q(content_type=ContentType.objects.get_for_model(Venue))
        | Q(object_id__in=[str(pk) for pk in own_venues.values_list("pk", flat=True)])
    )


VENUE_NEEDS = {"view": ["change"], "change": ["change"], "delete": ["delete"], "copy": ["add"]}


def venue_allows(user, action, venue):
    if action == "choose":
        return choosable_venues(user, type(venue)._default_manager.filter(pk=venue.pk)).exists()
    needs = VENUE_NEEDS.get(action)
    if needs is None:
        return False
    policy = VenuePermissionPolicy(type(venue))
    if action == "copy":
        return policy.user_has_permission(user, "add") and policy.user_has_permission_for_instance(
            user, "change", venue
        )
    return policy.user_has_any_permission_for_instance(user, needs, venue)


def narrow_venues(user, action, queryset):
    if action == "choose":
        return choosable_venues(user, queryset)
    needs = VENUE_NEEDS.get(action)
    if needs is None:
        return queryset.none()
    allowed = VenuePermissionPolicy(queryset.model).instances_user_has_any_permission_for(user, needs)
    return queryset.filter(pk__in=allowed.values("pk"))


def vocabulary_allows(user, action, term):
    """Everyone who edits groups sees and picks the words; coordinators change them."""
    return action in ("view", "choose") or is_coordinator(user)


def cancellation_allows(user, action, cancellation):
    from core.access import may

    return may(user, "cancel_meeting" if action != "view" else "view", cancellation.group)


def visit_allows(user, action, visit):
    """A visitor count follows its group: the group's own organisation and coordinators."""
    from core.access import may

    return may(user, "record_visits" if action != "view" else "view", visit.group)


def coordinators_only(user, action, obj):
    """Feedback answers and wishes: read (and reviewed) by coordinators only; partners see figures."""
    return is_coordinator(user)


def register_rules():
    """Register this app's rules with :mod:`core.access` and its admin URLs with the guard (``ready()``)."""
    from core import access, admin_guard

    from .models import (
        ActivityType,
        Cancellation,
        FeedbackAnswer,
        GroupWish,
        Language,
        MeetingVisit,
        Municipality,
        TargetGroup,
        Venue,
    )

    access.register(Venue, venue_allows, narrow_venues)
    for model in (Municipality, ActivityType, TargetGroup, Language):
        access.register(model, vocabulary_allows)
        admin_guard.snippet_urls(model, partners_edit=False)
    access.register(Cancellation, cancellation_allows)
    access.register(MeetingVisit, visit_allows)
    access.register(FeedbackAnswer, coordinators_only)
    access.register(GroupWish, coordinators_only)
    admin_guard.snippet_urls(Venue)
    # This app's admin URLs (groups/wagtail_hooks.py).
    admin_guard.register("organisations_meeting_cancellation", admin_guard.arg("page_id", "page", "cancel_meeting"))
    admin_guard.register("groups_visits", admin_guard.arg("page_id", "page", "record_visits"))
    # The report narrows itself to the partner's own groups (groups/statistics.py: report_groups).
    admin_guard.register("groups_statistics_report")
    admin_guard.register("groups_feedback_poster", admin_guard.arg("page_id", "page", "view"))
    # The feedback review, the wishes and the region summary are not registered: coordinators only.
