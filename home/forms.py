"""Forms of the home app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class TokenForm(forms.Form):
    """The six-digit code from an authenticator app, checked by the ``check`` callable it is given."""

    token = forms.CharField(
        label=_("Code from the app"),
        help_text=_("Six digits. A new code appears in the app every 30 seconds."),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("Enter the six digits that the app shows."))
        if not self.check(token):
            raise forms.ValidationError(
                _(
                    "The code did not match. Check that the clock of your phone is right and enter the newest code. After several wrong codes you have to wait a moment before trying again."
                )
            )
        return token


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
        # their panels show the Finnish page's items (home.panels.SharedInlinePanel).
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
