"""Identifiers: the stable, human-readable keys of organisations and groups in import files."""

from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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
