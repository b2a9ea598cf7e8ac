"""Small, documented corrections to Wagtail, applied once at start-up (``CoreConfig.ready``).

Each one closes a gap the admin enumeration test (tests/organisations/test_admin_enumeration.py)
found; each is a wrapper around one named Wagtail function, so a Wagtail upgrade that changes
the function shows up as a failing test rather than silently.

* **Popular tags** (the image and document listings' tag filter, the image chooser's tag
  cloud) are counted over every object of the site, so a partner saw the words other
  organisations had tagged their pictures with. They are counted over the objects the
  signed-in user may see (:func:`core.access.visible`).
* **The external link chooser** fails with a server error when its form is posted without a
  URL (Wagtail's ``URLOrAbsolutePathValidator`` calls ``startswith`` on ``None``); the field
  is then simply missing, like any required field.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from .access import current_user, visible


def popular_tags_for_user(model, count=10):
    """The ``count`` most used tags of the ``model`` objects the current admin user may see."""
    from taggit.models import Tag

    tags = Tag.objects.filter(taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model))
    user = current_user()
    if user is not None:
        seen = visible(user, "view", model._default_manager.all())
        tags = tags.filter(taggit_taggeditem_items__object_id__in=seen.values("pk"))
    return tags.annotate(item_count=Count("taggit_taggeditem_items")).order_by("-item_count")[:count]


def _is_absolute_path(value):
    return isinstance(value, str) and value.startswith("/")


def apply():
    from wagtail.admin import filters
    from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator
    from wagtail.images.views import chooser

    filters.popular_tags_for_model = popular_tags_for_user
    chooser.popular_tags_for_model = popular_tags_for_user
    URLOrAbsolutePathValidator.is_absolute_path = staticmethod(_is_absolute_path)
