"""Identifiers: the stable, human-readable keys of organisations and groups in import files."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .forms import PageCopyForm

identifier_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,79}$",
    _("Use 1–80 lower-case letters a–z, digits and hyphens, starting with a letter or digit."),
)


def unique_identifier(model, text, translation_key):
    """Return a free identifier derived from ``text`` for a new page of ``model``."""
    base = slugify(text)[:72].strip("-") or "item"
    candidate, number = base, 1
    taken = model.objects.exclude(translation_key=translation_key)
    while taken.filter(identifier=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class IdentifierMixin:
    """A page with a stable ``identifier`` (the key of import files), unique in its language tree.

    An empty identifier is filled in from the title; a copy gets one of its own, and a translation
    takes its source's (``SharedFactsMixin``). The model declares the ``identifier`` field (with
    :data:`identifier_validator`) and says what a clash is called in ``identifier_taken_message``.
    """

    #: Set by the model, in words that name it: "Another group already uses this identifier."
    identifier_taken_message: str

    # A copy is another page: it gets an identifier of its own (see save()), never the original's.
    exclude_fields_in_copy = ["identifier"]
    # Nor an alias in the same tree: that would be the same page twice, with the same identifier.
    copy_form_class = PageCopyForm

    def clean(self):
        super().clean()
        if self.identifier:
            clash = (
                type(self)
                .objects.filter(identifier=self.identifier, locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if clash:
                raise ValidationError({"identifier": self.identifier_taken_message})

    def full_clean(self, *args, **kwargs):
        if not self.identifier and self.title:
            self.identifier = unique_identifier(type(self), self.title, self.translation_key)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # A draft is saved without full_clean(), so a copy (which has no identifier) gets one here.
        # A translation takes its source's identifier instead (SharedFactsMixin).
        if not self.identifier and self.title and kwargs.get("update_fields") is None and not self.get_source_page():
            self.identifier = unique_identifier(type(self), self.title, self.translation_key)
        return super().save(*args, **kwargs)
