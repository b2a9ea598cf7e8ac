"""Forms of visits, feedback, wishes and reports: the admin's and the public's.

The public forms carry no CSRF token (it would set a cookie); :mod:`groups.feedback` stops
floods and bots with a honeypot field, a signed form timestamp and a rate limit instead.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_VISITORS, STATEMENTS, ActivityType, Agreement, Municipality
from .models.feedback import OPEN_ANSWER_MAX_LENGTH


class VisitForm(forms.Form):
    """How many came to one meeting (the dashboard's recording page: one small form per meeting)."""

    date = forms.DateField(label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.IntegerField(
        label=_("Visitors"),
        min_value=0,
        max_value=MAX_VISITORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    first_timers = forms.IntegerField(
        label=_("Of them for the first time"),
        min_value=0,
        max_value=MAX_VISITORS,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )

    def clean(self):
        data = super().clean()
        visitors, first_timers = data.get("visitors"), data.get("first_timers")
        if visitors is not None and first_timers is not None and first_timers > visitors:
            self.add_error("first_timers", _("First-time visitors cannot be more than all visitors."))
        date = data.get("date")
        if date is not None and date > timezone.localdate():
            self.add_error("date", _("Visitors can be recorded only for a meeting that has already taken place."))
        return data


class BotTrapMixin(forms.Form):
    """The hidden fields that stop bots: a signed timestamp and a field people never see."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    # A field that is hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))


RATING_CHOICES = [(str(value), str(value)) for value in range(1, 6)]


def rating_field(label):
    """An optional rating from 1 to 5, as radio buttons."""
    return forms.TypedChoiceField(
        label=label, choices=RATING_CHOICES, coerce=int, required=False, widget=forms.RadioSelect
    )


class FeedbackForm(BotTrapMixin):
    """The anonymous feedback form of a group: the survey's statements, two ratings, one open question."""

    satisfaction = rating_field(_("How satisfied are you with the group? (1 = not at all, 5 = very)"))
    atmosphere = rating_field(_("How is the atmosphere in the group? (1 = bad, 5 = very good)"))
    open_answer = forms.CharField(
        label=_("What would you like to say to the group's leaders?"),
        help_text=_("Please do not write your name or anyone else's."),
        required=False,
        max_length=OPEN_ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in reversed(STATEMENTS):
            field = forms.ChoiceField(label=label, choices=Agreement.choices, required=False, widget=forms.RadioSelect)
            self.fields = {name: field, **self.fields}

    def statement_fields(self):
        return [self[name] for name, _label in STATEMENTS]

    def clean(self):
        data = super().clean()
        answered = [name for name, _label in STATEMENTS if data.get(name)]
        if not answered and not data.get("satisfaction") and not data.get("atmosphere") and not data.get("open_answer"):
            raise forms.ValidationError(_("The form is empty. Answer at least one question."))
        return data


class WishForm(BotTrapMixin):
    """A wish for a new group: what, where, when."""

    activity = forms.CharField(
        label=_("What kind of group would you like?"),
        help_text=_("For example: a walking group, a craft club, a breakfast for people living alone."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), required=False, empty_label=_("Any")
    )
    place = forms.CharField(label=_("Where? (village, part of town or venue)"), max_length=200, required=False)
    time = forms.CharField(
        label=_("When would suit you?"), help_text=_("For example: weekday mornings."), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].label_from_instance = lambda municipality: str(municipality)


class ReportFilterForm(forms.Form):
    """The report's period and filters; a partner chooses only among their own organisations."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), required=False, empty_label=_("All")
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False, empty_label=_("All"))
    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=ActivityType.objects.all(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or datetime.date(data["end"].year, 1, 1)
        if data["start"] > data["end"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data
