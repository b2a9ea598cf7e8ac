"""Admin forms of the organisations app."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from .permissions import is_coordinator, own_organisations
from .services import REASON_MAX_LENGTH


class VenueForm(WagtailAdminModelForm):
    """The venue editor. A partner's venue always belongs to the partner's own organisation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "owner" in self.fields and user is not None and not is_coordinator(user):
            organisations = own_organisations(user)
            field = self.fields["owner"]
            field.queryset = field.queryset.filter(pk__in=[org.pk for org in organisations])
            field.required = True
            field.widget = forms.Select(choices=field.choices)
            field.help_text = _("Your organisation keeps this venue's details up to date.")
            if self.instance.pk is None and len(organisations) == 1:
                self.initial["owner"] = organisations[0].pk


class CancelMeetingForm(forms.Form):
    """Cancel one upcoming meeting: which date, and why in a few words."""

    date = forms.TypedChoiceField(label=_("Meeting"), coerce=lambda value: value, empty_value=None)
    reason_fi = forms.CharField(
        label=_("Reason in Finnish"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("For example “Ohjaaja on sairaana.” Shown on the group's page at once."),
    )
    reason_sv = forms.CharField(
        label=_("Reason in Swedish (optional)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        help_text=_("For example “Ledaren är sjuk.” Without it the Finnish reason is shown."),
    )

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.dates = {date.isoformat(): date for date in dates}
        self.fields["date"].choices = [
            (key, formats.date_format(date, "l j.n.Y").capitalize()) for key, date in self.dates.items()
        ]
        self.fields["date"].coerce = self.dates.get


class RestoreMeetingForm(forms.Form):
    """Withdraw one cancellation."""

    cancellation = forms.IntegerField(widget=forms.HiddenInput)
