"""A group page's inline lists: its schedule rules, single dates, leaders and partner organisations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import Orderable

from ..forms import OrganisationChooser
from .group_page import GroupPage


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY = "monthly", _("Once a month")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("First")
    SECOND = 2, _("Second")
    THIRD = 3, _("Third")
    FOURTH = 4, _("Fourth")
    LAST = -1, _("Last")


def ends_before_it_starts(start, end):
    """True when a meeting's end is not after its start (a missing time is not compared)."""
    return bool(start and end and end <= start)


def validate_times(start, end, errors):
    """Add an error to ``errors`` if a meeting does not end after it starts."""
    if ends_before_it_starts(start, end):
        errors["end_time"] = _("The meeting must end after it starts.")


def broken_schedule_rules(frequency, start_time, end_time, valid_from, valid_until, week_of_month):
    """The fields of a schedule rule whose values break its rules, in the order they are checked.

    ``end_time``: the meeting does not end after it starts; ``valid_until``: the rule ends before
    it starts; ``week_of_month``: missing on a monthly rule, or given on another. The editor
    (:meth:`ScheduleRule.clean`) and the importer's checks word them each for their readers.
    """
    broken = []
    if ends_before_it_starts(start_time, end_time):
        broken.append("end_time")
    if valid_from and valid_until and valid_until < valid_from:
        broken.append("valid_until")
    if (frequency == Frequency.MONTHLY) != (week_of_month is not None):
        broken.append("week_of_month")
    return broken


class ScheduleRule(Orderable):
    """A recurring meeting time: weekly, every other week, or the nth/last weekday of the month."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="schedule_rules")
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Only for monthly meetings: for example the first or the last Tuesday of the month."),
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    valid_from = models.DateField(
        _("from"), help_text=_("The first possible meeting date (for biweekly meetings, the first meeting).")
    )
    valid_until = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty if it goes on."))
    skip_public_holidays = models.BooleanField(
        _("not on public holidays"),
        default=False,
        help_text=_("The group does not meet when the day is a Finnish public holiday."),
    )

    panels = [
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("weekday"), FieldPanel("week_of_month")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("skip_public_holidays"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("regular meeting")
        verbose_name_plural = _("regular meetings")

    def __str__(self):
        from ..schedule import describe_rule  # schedule.py reads this module's choices

        return describe_rule(self)

    def clean(self):
        super().clean()
        messages = {
            "end_time": _("The meeting must end after it starts."),
            "valid_until": _("The end date is before the start date."),
            "week_of_month": _("Choose which week of the month the group meets.")
            if self.frequency == Frequency.MONTHLY
            else _("Only monthly meetings have a week of the month."),
        }
        broken = broken_schedule_rules(
            self.frequency, self.start_time, self.end_time, self.valid_from, self.valid_until, self.week_of_month
        )
        errors = {name: messages[name] for name in broken}
        if errors:
            raise ValidationError(errors)


class ExtraMeeting(Orderable):
    """A single meeting date outside (or instead of) the regular rules."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="extra_meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")])]

    class Meta(Orderable.Meta):
        verbose_name = _("single date")
        verbose_name_plural = _("single dates")

    def __str__(self):
        from ..schedule import describe_single

        return describe_single(self)

    def clean(self):
        super().clean()
        errors = {}
        validate_times(self.start_time, self.end_time, errors)
        if errors:
            raise ValidationError(errors)


class LeaderKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    EXPERIENCE_EXPERT = "experience_expert", _("Expert by experience")
    VOLUNTEER = "volunteer", _("Volunteer")


class GroupLeader(Orderable):
    """One of the (usually two) people who lead the group. Only a first name is ever published."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="leaders")
    kind = models.CharField(_("leader"), max_length=20, choices=LeaderKind.choices)
    organisation = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("first name"), max_length=100, blank=True, help_text=_("Optional. A first name only."))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldPanel("organisation", widget=OrganisationChooser),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self):
        parts = [self.get_kind_display(), self.name]
        if self.organisation_id:
            parts.append(f"({self.organisation.title})")
        return " ".join(part for part in parts if part)


class GroupPartner(Orderable):
    """Another organisation that runs the group together with the organiser."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnered_group_links",
    )

    panels = [FieldPanel("organisation", widget=OrganisationChooser)]

    class Meta(Orderable.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.organisation.title
