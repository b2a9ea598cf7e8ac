"""The rules of :mod:`core.access` for venues, vocabularies and cancellations.

Who owns a venue is decided by :class:`organisations.permissions.VenuePermissionPolicy`: a
partner changes its own organisation's venues, chooses its own and the shared ones; the
vocabularies are public words that every editor picks from and only coordinators change.
"""

from organisations.permissions import VenuePermissionPolicy, choosable_venues, is_coordinator

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


def register_rules():
    """Register this app's rules with :mod:`core.access` and its admin URLs with the guard (``ready()``)."""
    from core import access, admin_guard

    from .models import ActivityType, Cancellation, Language, Municipality, TargetGroup, Venue

    access.register(Venue, venue_allows, narrow_venues)
    for model in (Municipality, ActivityType, TargetGroup, Language):
        access.register(model, vocabulary_allows)
        admin_guard.snippet_urls(model, partners_edit=False)
    access.register(Cancellation, cancellation_allows)
    admin_guard.snippet_urls(Venue)
