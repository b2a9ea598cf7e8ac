"""Signal handlers of the groups app."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished

from core.signals import organisation_page_context
from core.translation import propagate_facts


def push_facts_to_translations(sender, instance, **kwargs):
    """When a source page is published, its live translations take over the new facts."""
    if instance.get_source_page() is None:
        propagate_facts(instance)


def refresh_group_meetings(sender, instance, **kwargs):
    """A group was published or unpublished: its meetings follow the live schedule."""
    from .services import refresh_meetings

    refresh_meetings(instance)


def refresh_cancelled_meeting(sender, instance, created=False, **kwargs):
    """A cancellation was made or withdrawn: the meeting's status changes at once, without approval."""
    from .services import cancellation_changed

    cancellation_changed(instance, created=created)


def refresh_after_deleted_cancellation(sender, instance, **kwargs):
    """A cancellation was deleted (they are normally withdrawn): the meeting takes place again.

    The refresh waits for the commit, because the cancellation may be going away together with
    its whole group, and then there is nothing left to refresh.
    """
    from .models import GroupPage
    from .services import refresh_meetings

    group_id = instance.group_id

    def refresh():
        group = GroupPage.objects.filter(pk=group_id).first()
        if group is not None:
            refresh_meetings(group)

    transaction.on_commit(refresh)


def list_organisation_groups(sender, page, context, **kwargs):
    """An organisation page lists the groups it runs and those it runs with others."""
    from .services import co_run_groups, organisation_groups

    context["groups"] = organisation_groups(page)
    context["co_run_groups"] = co_run_groups(page)


def connect():
    from organisations.models import OrganisationPage

    from .models import Cancellation, GroupPage

    for model in (GroupPage, OrganisationPage):
        page_published.connect(push_facts_to_translations, sender=model, dispatch_uid=f"facts-{model.__name__}")
    page_published.connect(refresh_group_meetings, sender=GroupPage, dispatch_uid="meetings-published")
    page_unpublished.connect(refresh_group_meetings, sender=GroupPage, dispatch_uid="meetings-unpublished")
    post_save.connect(refresh_cancelled_meeting, sender=Cancellation, dispatch_uid="meetings-cancellation")
    # Cancellations are withdrawn, not deleted; but if one is deleted (or its group), the
    # meeting must not stay "cancelled" without a reason.
    post_delete.connect(
        refresh_after_deleted_cancellation, sender=Cancellation, dispatch_uid="meetings-cancellation-deleted"
    )
    organisation_page_context.connect(list_organisation_groups, dispatch_uid="organisation-groups")


connect()
