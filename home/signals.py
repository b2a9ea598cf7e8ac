"""Signal handlers of the home app."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, sender=apps.get_app_config("home"))
def create_site_structure(sender, using="default", **kwargs):
    """After ``migrate`` (or a test database flush), make sure the fixed pages exist."""
    from .services import ensure_site_structure

    if using != "default":
        return
    ensure_site_structure()
