"""Shared admin viewset pieces."""

from django.core.exceptions import PermissionDenied

from wagtail.snippets.views.chooser import SnippetChooserViewSet as WagtailSnippetChooserViewSet
from wagtail.snippets.views.chooser import SnippetCreateView


class ChooserCreateView(SnippetCreateView):
    """The "create" step of a snippet chooser, refused when the chooser has no creation form.

    Wagtail registers the URL for every snippet chooser; without a creation form it fails with a
    server error for anyone allowed to add the model. The choosers of this site choose only.
    """

    def can_create(self):
        return self.get_creation_form_class() is not None and super().can_create()

    def dispatch(self, request, *args, **kwargs):
        if not self.can_create():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SnippetChooserViewSet(WagtailSnippetChooserViewSet):
    """Wagtail's snippet chooser with :class:`ChooserCreateView`."""

    create_view_class = ChooserCreateView
