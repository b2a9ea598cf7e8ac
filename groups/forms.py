"""Admin forms and widgets for groups."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from core.forms import TranslatablePageForm
from organisations.forms import ChoosableRelationsMixin
from organisations.permissions import is_coordinator, own_organisations

from .permissions import choosable_venues


# Wagtail words the buttons of snippet choosers and of single-type page choosers when it builds
# the editor form, which it does once per process: every editor would then see the buttons in the
# language of whoever happened to open an editor first. These keep the words lazy, so that each
# editor sees their own language.
class VenueChooser(AdminSnippetChooser):
    """The venue chooser of the group editor."""

    def __init__(self, **kwargs):
        from .models import Venue

        super().__init__(Venue, **kwargs)
        self.choose_one_text = _("Choose a venue")
        self.choose_another_text = _("Choose another venue")
        self.link_to_chosen_text = _("Edit this venue")


class OrganisationChooser(AdminPageChooser):
    """The chooser of a partner organisation, or of the organisation a leader comes from."""

    def __init__(self, **kwargs):
        super().__init__(target_models=["organisations.OrganisationPage"], **kwargs)
        self.choose_one_text = _("Choose an organisation")
        self.choose_another_text = _("Choose another organisation")
        self.link_to_chosen_text = _("Edit this organisation")


class GroupPageForm(ChoosableRelationsMixin, TranslatablePageForm):
    """The group editor. A new group is open to everyone and speaks Finnish until told otherwise."""

    scoped_relations = {
        "venue": (choosable_venues, _("Choose one of your organisation's venues or a shared venue.")),
        **ChoosableRelationsMixin.scoped_relations,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            from .models import Language, TargetGroup

            if "target_groups" in self.fields:
                self.initial.setdefault(
                    "target_groups", list(TargetGroup.objects.filter(code="everyone").values_list("pk", flat=True))
                )
            if "languages" in self.fields:
                self.initial.setdefault(
                    "languages", list(Language.objects.filter(code="fi").values_list("pk", flat=True))
                )


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


#: A cancellation's reason is shown in lists and feeds: a few words (groups/cancellations.py checks it too).
REASON_MAX_LENGTH = 200


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
