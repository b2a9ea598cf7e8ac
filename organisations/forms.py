"""Admin forms of the organisations app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TranslatablePageForm

from .permissions import choosable_images


class ChoosableRelationsMixin:
    """Accept only a related object (an image; a venue on a group) that the editor's choosers would offer them.

    The choosers show a partner its own (and shared) venues and its own collection's images, but a
    form posts plain ids: without this check another organisation's venue or picture could be
    attached by its id. A value the page already has is kept, whoever chose it.
    """

    #: Form field name → (function narrowing the choices for a user, error message).
    scoped_relations = {
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


class OrganisationPageForm(ChoosableRelationsMixin, TranslatablePageForm):
    """The organisation editor: its logo comes from the organisation's own collection."""
