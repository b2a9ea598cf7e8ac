"""Admin forms and widgets for groups."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from core.forms import TranslatablePageForm
from organisations.permissions import choosable_images, choosable_venues


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


class ChoosableRelationsMixin:
    """Accept only a venue or an image that the editor's choosers would offer them.

    The choosers show a partner its own (and shared) venues and its own collection's images, but a
    form posts plain ids: without this check another organisation's venue or picture could be
    attached by its id. A value the page already has is kept, whoever chose it.
    """

    #: Form field name → (function narrowing the choices for a user, error message).
    scoped_relations = {
        "venue": (choosable_venues, _("Choose one of your organisation's venues or a shared venue.")),
        "image": (choosable_images, _("Choose an image from your organisation's collection.")),
        "logo": (choosable_images, _("Choose an image from your organisation's collection.")),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "for_user", None)
        if user is None:
            return cleaned_data
        for name, (choosable, message) in self.scoped_relations.items():
            field = self.fields.get(name)
            value = cleaned_data.get(name)
            if field is None or field.disabled or value is None or name not in self.changed_data:
                continue
            if not choosable(user, type(value)._default_manager.filter(pk=value.pk)).exists():
                self.add_error(name, forms.ValidationError(message, code="not_choosable"))
        return cleaned_data


class PageCopyForm(CopyForm):
    """Wagtail's copy form without "alias": a group or an organisation is shown once in its tree.

    An alias elsewhere in the same tree would be the same group twice, with the same identifier.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)


class OrganisationPageForm(ChoosableRelationsMixin, TranslatablePageForm):
    """The organisation editor: its logo comes from the organisation's own collection."""


class GroupPageForm(ChoosableRelationsMixin, TranslatablePageForm):
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
