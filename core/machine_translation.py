"""Machine translation of Finnish page texts into Swedish, as a first draft for a person to check.

DeepL is used when ``DEEPL_API_KEY`` is set (``settings.DEEPL_API_KEY``); without a key there is
no machine translator and the editor does not offer one. ``settings.MACHINE_TRANSLATOR`` may name
another class (a dotted path); the tests use :class:`DummyTranslator` so they never call DeepL.
A translator has one method, ``translate(texts, html=False)``, that returns the Swedish texts in
the same order.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class MachineTranslationError(Exception):
    """The machine translator could not translate (network, quota, a wrong key...)."""


class DeepLTranslator:
    """DeepL's API through its official client library."""

    name = "DeepL"

    def __init__(self, auth_key):
        import deepl

        self.client = deepl.Translator(auth_key)

    def translate(self, texts, html=False):
        import deepl

        try:
            results = self.client.translate_text(
                texts,
                source_lang="FI",
                target_lang="SV",
                tag_handling="html" if html else None,
                preserve_formatting=True,
            )
        except deepl.DeepLException as exc:
            logger.warning("machine translation failed", extra={"translator": self.name, "error": str(exc)})
            raise MachineTranslationError(str(exc)) from exc
        return [result.text for result in results]


class DummyTranslator:
    """A translator for tests and demos: marks each text instead of translating it."""

    name = "Dummy"
    prefix = "[sv] "

    def translate(self, texts, html=False):
        if html:
            return [f"<p>{self.prefix.strip()}</p>{text}" for text in texts]
        return [f"{self.prefix}{text}" for text in texts]


def get_translator():
    """The configured machine translator, or None when there is none."""
    path = getattr(settings, "MACHINE_TRANSLATOR", "")
    if path:
        return import_string(path)()
    key = getattr(settings, "DEEPL_API_KEY", "")
    if key:
        return DeepLTranslator(key)
    return None
