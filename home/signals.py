"""Signal handlers of the home app."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from core.signals import site_structure_needed


@receiver(post_migrate, sender=apps.get_app_config("home"))
def create_site_structure(sender, using="default", **kwargs):
    """After ``migrate`` (or a test database flush), make sure the fixed pages exist."""
    from django.contrib.contenttypes.models import ContentType

    from .services import ensure_site_structure

    if using != "default":
        return
    # After a flush (transactional tests) the cached content types point at deleted rows, and
    # "home" comes before the apps whose permissions and root collection the site needs.
    ContentType.objects.clear_cache()
    create_contenttypes_and_permissions()
    ensure_site_structure()


@receiver(site_structure_needed, dispatch_uid="site-structure-needed")
def site_structure_needed_now(sender, **kwargs):
    """Another app (the importer) needs the fixed pages before ``post_migrate`` would make them."""
    from .services import ensure_site_structure

    ensure_site_structure()


def create_contenttypes_and_permissions():
    """Make sure every app's content types and permissions exist (normally post_migrate does it later)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
