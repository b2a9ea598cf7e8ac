"""Signal handlers of the groups app."""

from django.db.models.signals import post_save

from wagtail.signals import page_published, page_unpublished

from home.translation import propagate_facts


def push_facts_to_translations(sender, instance, **kwargs):
    """When a source page is published, its live translations take over the new facts."""
    if instance.get_source_page() is None:
        propagate_facts(instance)


def refresh_group_meetings(sender, instance, **kwargs):
    """A group was published or unpublished: its meetings follow the live schedule."""
    from .services import refresh_meetings

    refresh_meetings(instance)


def refresh_cancelled_meeting(sender, instance, **kwargs):
    """A cancellation was made or withdrawn: the meeting's status changes at once, without approval."""
    from .services import refresh_meetings

    refresh_meetings(instance.group)


def connect():
    from organisations.models import OrganisationPage

    from .models import Cancellation, GroupPage

    for model in (GroupPage, OrganisationPage):
        page_published.connect(push_facts_to_translations, sender=model, dispatch_uid=f"facts-{model.__name__}")
    page_published.connect(refresh_group_meetings, sender=GroupPage, dispatch_uid="meetings-published")
    page_unpublished.connect(refresh_group_meetings, sender=GroupPage, dispatch_uid="meetings-unpublished")
    post_save.connect(refresh_cancelled_meeting, sender=Cancellation, dispatch_uid="meetings-cancellation")


connect()
