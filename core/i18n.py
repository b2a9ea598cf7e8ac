"""Helpers for text that is stored once per language in paired fields (``name_fi``, ``name_sv``).

Shared names (vocabularies, municipalities, venues) are small records that both language trees
use, so they keep both languages in one row instead of one row per locale. The value returned by
:func:`localized` remembers which language it is in, so templates can mark a Finnish fallback with
``lang="fi"`` on a Swedish page.
"""

from django.conf import settings
from django.utils.translation import get_language, pgettext

SOURCE_LANGUAGE = "fi"
SUPPORTED_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class LocalizedText(str):
    """A string that knows its language (``.lang``)."""

    lang: str

    def __new__(cls, value, lang):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj

    def __getnewargs__(self):
        # Lets copy, deepcopy (form field choices) and pickle (the cache) rebuild the object.
        return (str(self), self.lang)


def quoted(text):
    """``text`` in the quotation marks of the active language: ”laulu” in Finnish and Swedish.

    Finnish and Swedish use the same mark on both sides (”…”), not English “…”.
    """
    return pgettext("quotation marks around a text, such as the words searched for", "“%(text)s”") % {"text": text}


def current_language():
    """Return the active content language, falling back to the source language."""
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    return language if language in SUPPORTED_LANGUAGES else SOURCE_LANGUAGE


def localized(obj, field, language=None):
    """Return ``obj.<field>_<language>``, or the Finnish value when it is empty."""
    language = language or current_language()
    value = getattr(obj, f"{field}_{language}", "") or ""
    if value:
        return LocalizedText(value, language)
    return LocalizedText(getattr(obj, f"{field}_{SOURCE_LANGUAGE}", "") or "", SOURCE_LANGUAGE)


class LocalizedField:
    """Descriptor: ``name = LocalizedField("name")`` reads ``name_fi``/``name_sv`` by active language."""

    def __init__(self, field):
        self.field = field

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return localized(obj, self.field)


def cli_language(environ=None):
    """The language for command-line messages, read from the environment like gettext does.

    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` are tried in that order; Finnish and
    Swedish are used when asked for, anything else gets English (the source strings).
    """
    import os

    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (environ.get(name) or "").split(":")[0]
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in {"fi", "sv"} else "en"
    return "en"
