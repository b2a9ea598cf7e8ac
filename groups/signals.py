"""Signal handlers of the groups app."""

from wagtail.signals import page_published

from home.translation import propagate_facts


def push_facts_to_translations(sender, instance, **kwargs):
    """When a source page is published, its live translations take over the new facts."""
    if instance.get_source_page() is None:
        propagate_facts(instance)


def connect():
    from organisations.models import OrganisationPage

    from .models import GroupPage

    for model in (GroupPage, OrganisationPage):
        page_published.connect(push_facts_to_translations, sender=model, dispatch_uid=f"facts-{model.__name__}")


connect()
