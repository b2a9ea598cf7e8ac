"""The page editor form shared by every translatable page type."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm


class TranslatablePageForm(WagtailAdminPageForm):
    """The page editor; on a translation (a Swedish page) it is the translation editor.

    On a translation each translated text shows the Finnish text it translates, and the facts
    (times, place, contact...), which are edited on the Finnish page only, cannot be changed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk is None or page.locale_id is None:
            return
        from .translation import source_page_of

        source = source_page_of(page)
        if source is None:
            return
        self.source_page = source
        for name in page.translated_fields:
            if name in self.fields:
                self.fields[name].help_text = source_text_help(self.fields[name].help_text, getattr(source, name))
        shared = [name.removesuffix("_id") for name in getattr(page, "shared_fields", [])]
        for name in [*shared, *getattr(page, "shared_m2m_fields", [])]:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("The same in both languages. Change it on the Finnish page.")
        # Lists of facts (meeting times, leaders...) are not read from a translation's form at all;
        # their panels show the Finnish page's items (core.panels.SharedInlinePanel).
        for name in getattr(page, "shared_child_relations", []):
            self.formsets.pop(name, None)


SOURCE_TEXT_PREVIEW_LENGTH = 600


def source_text_help(help_text, value):
    """A field's help text with the Finnish text it translates under it."""
    from django.utils.html import format_html, strip_tags
    from django.utils.text import Truncator

    if hasattr(value, "get_prep_value"):  # a StreamField: too long to repeat; the Finnish page has it
        return format_html("{} {}", help_text, _("The Finnish text is on the Finnish page."))
    text = Truncator(" ".join(strip_tags(str(value or "")).split())).chars(SOURCE_TEXT_PREVIEW_LENGTH)
    return format_html(
        '{}<span class="source-text"><strong>{}</strong> <span lang="fi">{}</span></span>',
        format_html("{}<br>", help_text) if help_text else "",
        _("In Finnish:"),
        text or _("(empty)"),
    )


class PageCopyForm(CopyForm):
    """Wagtail's copy form without "alias": a group or an organisation is shown once in its tree.

    An alias elsewhere in the same tree would be the same group twice, with the same identifier.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)
