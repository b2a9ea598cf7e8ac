"""Admin forms and widgets for groups."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from home.forms import TranslatablePageForm


# Wagtail words the buttons of snippet choosers and of single-type page choosers when it builds
# the editor form, which it does once per process: every editor would then see the buttons in the
# language of whoever happened to open an editor first. These keep the words lazy, so that each
# editor sees their own language.
class VenueChooser(AdminSnippetChooser):
    """The venue chooser of the group editor."""

    def __init__(self, **kwargs):
        from .models import Venue

        super().__init__(Venue, **kwargs)
        self.choose_one_text = _("Choose a venue")
        self.choose_another_text = _("Choose another venue")
        self.link_to_chosen_text = _("Edit this venue")


class OrganisationChooser(AdminPageChooser):
    """The chooser of a partner organisation, or of the organisation a leader comes from."""

    def __init__(self, **kwargs):
        super().__init__(target_models=["organisations.OrganisationPage"], **kwargs)
        self.choose_one_text = _("Choose an organisation")
        self.choose_another_text = _("Choose another organisation")
        self.link_to_chosen_text = _("Edit this organisation")


class GroupPageForm(TranslatablePageForm):
    """The group editor. A new group is open to everyone and speaks Finnish until told otherwise."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            from .models import Language, TargetGroup

            if "target_groups" in self.fields:
                self.initial.setdefault(
                    "target_groups", list(TargetGroup.objects.filter(code="everyone").values_list("pk", flat=True))
                )
            if "languages" in self.fields:
                self.initial.setdefault(
                    "languages", list(Language.objects.filter(code="fi").values_list("pk", flat=True))
                )
