"""Admin views for venues and vocabularies, with each partner limited to its own venues."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    EditView,
    HistoryView,
    RevisionsCompareView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from core.viewsets import SnippetChooserViewSet

from .forms import VenueForm
from .models import ActivityType, Language, Municipality, TargetGroup, Venue
from .permissions import VenuePermissionPolicy, choosable_venues


class VenueChooseMixin:
    def get_object_list(self):
        return choosable_venues(self.request.user, super().get_object_list().select_related("municipality"))


class VenueChooseView(VenueChooseMixin, ChooseView):
    pass


class VenueChooseResultsView(VenueChooseMixin, ChooseResultsView):
    pass


class VenueChosenView(SnippetChosenView):
    def get_object(self, pk):
        return choosable_venues(self.request.user, self.model_class.objects.all()).get(pk=pk)


class VenueChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return choosable_venues(self.request.user, super().get_objects(pks))


class VenueChooserViewSet(SnippetChooserViewSet):
    """The venue chooser of the group editor: own and shared venues for partners."""

    choose_view_class = VenueChooseView
    choose_results_view_class = VenueChooseResultsView
    chosen_view_class = VenueChosenView
    chosen_multiple_view_class = VenueChosenMultipleView


class OwnVenueMixin:
    """A view of one venue that needs the right to that very venue, not just to venues in general."""

    def get_object(self, *args, **kwargs):
        venue = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(self.request.user, ["change"], venue):
            raise PermissionDenied
        return venue


class VenueEditView(OwnVenueMixin, EditView):
    """Editing a venue (and reverting it to an earlier revision, which is built on this view)."""


class VenueHistoryView(OwnVenueMixin, HistoryView):
    pass


class VenueUsageView(OwnVenueMixin, UsageView):
    pass


class VenueRevisionsCompareView(OwnVenueMixin, RevisionsCompareView):
    pass


class VenueViewSet(SnippetViewSet):
    """Venues: partners list and edit their own, coordinators all of them."""

    model = Venue
    icon = "site"
    menu_label = _("Venues")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "owner"]
    list_filter = ["municipality"]
    ordering = ["name_fi"]
    chooser_viewset_class = VenueChooserViewSet
    edit_view_class = VenueEditView
    history_view_class = VenueHistoryView
    usage_view_class = VenueUsageView
    revisions_compare_view_class = VenueRevisionsCompareView
    edit_handler = ObjectList(Venue.panels, base_form_class=VenueForm)

    @cached_property
    def permission_policy(self):
        return VenuePermissionPolicy(self.model)

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["add", "change", "view"]
        ).select_related("municipality", "owner")


class VocabularyViewSet(SnippetViewSet):
    """A vocabulary; only coordinators have permissions for these."""

    chooser_viewset_class = SnippetChooserViewSet
    list_display = ["code", "name_fi", "name_sv", "sort_order"]
    search_fields = ["code", "name_fi", "name_sv"]
    ordering = ["sort_order", "code"]


def vocabulary_viewset(model, icon, **attributes):
    """The admin of one vocabulary: a :class:`VocabularyViewSet` of ``model`` with its menu icon."""
    return type(f"{model.__name__}ViewSet", (VocabularyViewSet,), {"model": model, "icon": icon, **attributes})


#: The concept vocabularies also list their YSO concept and PTV service class.
CONCEPT_COLUMNS = {"list_display": [*VocabularyViewSet.list_display, "yso_uri", "ptv_code"]}


class VocabularyViewSetGroup(SnippetViewSetGroup):
    """The shared vocabularies under one menu item."""

    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 220
    items = tuple(
        vocabulary_viewset(model, icon, **attributes)
        for model, icon, attributes in (
            (Municipality, "globe", {}),
            (ActivityType, "tag", CONCEPT_COLUMNS),
            (TargetGroup, "group", CONCEPT_COLUMNS),
            (Language, "comment", {}),
        )
    )
