"""Forms of the home app."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
