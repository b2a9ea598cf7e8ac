"""The finder's filters: what a person can narrow the groups by, all in GET parameters.

Parameter names are short and the same in both languages (``?municipality=kokkola&weekday=tue``),
so a link works whichever language it is opened in. Values the finder does not know are dropped
before filtering (and the page says so), so a mistyped or outdated link still shows groups.
Within one filter the chosen values are alternatives (Kokkola *or* Kannus); different filters
must all hold (in Kokkola *and* on Tuesdays).
"""

import datetime

import django_filters

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.import_format import WEEKDAYS
from groups.models import (
    ActivityType,
    GroupPage,
    Language,
    Meeting,
    MeetingStatus,
    Municipality,
    PartOfDay,
    TargetGroup,
)
from groups.services import HORIZON_DAYS, week_bounds

WEEKDAY_CHOICES = list(
    zip(
        WEEKDAYS,
        [
            pgettext_lazy("filter", "Monday"),
            pgettext_lazy("filter", "Tuesday"),
            pgettext_lazy("filter", "Wednesday"),
            pgettext_lazy("filter", "Thursday"),
            pgettext_lazy("filter", "Friday"),
            pgettext_lazy("filter", "Saturday"),
            pgettext_lazy("filter", "Sunday"),
        ],
        strict=True,
    )
)
TIME_CHOICES = [
    (PartOfDay.MORNING, _("Morning (before 12)")),
    (PartOfDay.AFTERNOON, _("Afternoon (12–17)")),
    (PartOfDay.EVENING, _("Evening (from 17)")),
]
YES = "1"

# Filters on meetings: they are applied together, so "Tuesday" and "evening" mean a Tuesday evening.
MEETING_FILTERS = ("weekday", "time", "this_week", "date")
# The day filter: ``?date=today``, ``?date=tomorrow`` or ``?date=2026-12-09``.
DAY_WORDS = ("today", "tomorrow")
DATE_FILTER = "date"
MULTI_FILTERS = ("municipality", "weekday", "time", "activity", "target", "language", "organisation")
FLAG_FILTERS = ("step_free", "free", "online", "this_week")
FILTER_NAMES = (*MULTI_FILTERS, *FLAG_FILTERS)


VOCABULARY_FILTERS = {
    "municipality": Municipality,
    "activity": ActivityType,
    "target": TargetGroup,
    "language": Language,
}


def vocabulary_choices():
    """The choices of the vocabulary filters, in the active language: one query per vocabulary."""
    return {
        name: [(item.code, item.name) for item in model.objects.all()] for name, model in VOCABULARY_FILTERS.items()
    }


class Flag(django_filters.BooleanFilter):
    """A yes-only filter shown as one checkbox: present means "only these"."""

    field_class = forms.BooleanField

    def filter(self, qs, value):
        return super().filter(qs, True) if value else qs


def chosen_day(value, today=None):
    """The date a ``date`` parameter means ("today", "tomorrow" or 2026-12-09), or None.

    Only days the meetings are kept for (today to the end of the meeting window) are understood,
    so a past or far-away date is dropped with a notice like any unknown value.
    """
    today = today or timezone.localdate()
    value = (value or "").strip().lower()
    if value in DAY_WORDS:
        return today + datetime.timedelta(days=DAY_WORDS.index(value))
    day = _parse_date(value, today)
    if day is None or not today <= day <= today + datetime.timedelta(days=HORIZON_DAYS):
        return None
    return day


def _parse_date(value, today):
    """A date written as 2026-12-09 (addresses) or as people write it: 9.12.2026, 9.12.26 or 9.12."""
    try:
        if len(value) == 10 and value[4] == "-":
            return datetime.date.fromisoformat(value)
        parts = value.replace(" ", "").split(".")
        if len(parts) == 3 and not parts[2]:
            parts = parts[:2]
        if len(parts) == 2:
            day = datetime.date(today.year, int(parts[1]), int(parts[0]))
            return day if day >= today else day.replace(year=today.year + 1)
        if len(parts) == 3:
            year = int(parts[2])
            return datetime.date(year + 2000 if year < 100 else year, int(parts[1]), int(parts[0]))
    except ValueError:
        return None
    return None


def day_meetings(meetings, day, today=None):
    """``meetings`` narrowed to the coming ones, or to those of ``day`` (a ``date`` parameter).

    A chosen day gives its scheduled meetings, the ones earlier today too: the same meetings the
    week programme lists for that day (without the cancelled ones).
    """
    today = today or timezone.localdate()
    meetings = meetings.filter(status=MeetingStatus.SCHEDULED)
    if day:
        return meetings.filter(date=chosen_day(day, today))
    return meetings.filter(end__gt=timezone.now(), date__gte=today)


def meeting_keys(weekdays=(), times=(), this_week=False, today=None, day=None):
    """Groups (by ``translation_key``) with a coming meeting on the given weekdays and times of day."""
    today = today or timezone.localdate()
    meetings = day_meetings(Meeting.objects.all(), day, today)
    if weekdays:
        meetings = meetings.filter(weekday__in=[WEEKDAYS.index(day) for day in weekdays])
    if times:
        meetings = meetings.filter(part_of_day__in=times)
    if this_week:
        meetings = meetings.filter(date__lte=week_bounds(today)[1])
    return meetings.values("translation_key")


class GroupFilter(django_filters.FilterSet):
    """Filters of the group finder.

    ``organisation_pages`` maps identifiers to this language's organisation pages and ``choices``
    holds the vocabulary choices (see :func:`vocabulary_choices`), so that the several filter sets
    of one request (one per filter count) share them instead of querying them again.
    """

    municipality = django_filters.MultipleChoiceFilter(
        label=_("Municipality"), choices=[], field_name="venue__municipality__code"
    )
    weekday = django_filters.MultipleChoiceFilter(label=_("Weekday"), choices=WEEKDAY_CHOICES, method="no_op")
    time = django_filters.MultipleChoiceFilter(label=_("Time of day"), choices=TIME_CHOICES, method="no_op")
    activity = django_filters.MultipleChoiceFilter(
        label=_("Activity"), choices=[], field_name="activity_types__code", distinct=True
    )
    target = django_filters.MultipleChoiceFilter(
        label=_("Especially for"), choices=[], field_name="target_groups__code", distinct=True
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language spoken in the group"), choices=[], field_name="languages__code", distinct=True
    )
    organisation = django_filters.MultipleChoiceFilter(
        label=_("Organisation"), choices=[], method="filter_organisation"
    )
    step_free = Flag(label=_("Step-free entrance"), field_name="venue__step_free_entrance")
    free = Flag(label=_("Free of charge"), field_name="free_of_charge")
    online = Flag(label=_("Meets online"), field_name="is_online")
    this_week = Flag(label=_("Meets this week"), method="no_op")
    date = django_filters.CharFilter(label=_("Day"), method="no_op")

    class Meta:
        model = GroupPage
        fields = []

    def __init__(self, data=None, *args, organisation_pages=None, choices=None, **kwargs):
        self.organisation_pages = organisation_pages or {}
        super().__init__(data, *args, **kwargs)
        choices = choices if choices is not None else vocabulary_choices()
        for name in VOCABULARY_FILTERS:
            self.filters[name].extra["choices"] = choices[name]
        self.filters["organisation"].extra["choices"] = [
            (identifier, page.title) for identifier, page in self.organisation_pages.items()
        ]

    def no_op(self, queryset, name, value):
        # Meeting filters are applied together in filter_queryset.
        return queryset

    def filter_organisation(self, queryset, name, value):
        condition = Q(partner_links__organisation__identifier__in=value)
        for identifier in value:
            page = self.organisation_pages.get(identifier)
            if page is not None:
                condition |= Q(path__startswith=page.path, depth=page.depth + 1)
        return queryset.filter(condition).distinct()

    def filter_queryset(self, queryset):
        return self.filtered(queryset)

    def filtered(self, queryset, excluding=None):
        """``queryset`` with every chosen filter applied except the one named ``excluding``.

        The filter counts use this: a filter's own options are counted without its own choice, so
        that another municipality can be added to the one already chosen.
        """
        data = self.form.cleaned_data
        for name, value in data.items():
            if name != excluding and name not in MEETING_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        meeting = {name: data.get(name) for name in MEETING_FILTERS if name != excluding}
        if any(meeting.values()):
            queryset = queryset.filter(
                translation_key__in=meeting_keys(
                    meeting.get("weekday"), meeting.get("time"), meeting.get("this_week"), day=meeting.get("date")
                )
            )
        return queryset


def clean_parameters(params, filterset_class=GroupFilter, **kwargs):
    """Split GET parameters into the values the finder knows and the ones it drops.

    Returns ``(data, dropped)``: ``data`` is a dict for the filter set (lists for multi-value
    filters), ``dropped`` a list of (name, value) pairs that were not understood.
    """
    known = filterset_class(None, **kwargs)
    data, dropped = {}, []
    for name in MULTI_FILTERS:
        allowed = {str(code) for code, _label in known.filters[name].field.choices}
        values = []
        for value in params.getlist(name)[:50]:
            value = value.replace("\x00", "").strip()
            if value in allowed and value not in values:
                values.append(value)
            elif value:
                dropped.append((name, value[:50]))
        if values:
            data[name] = values
    for name in FLAG_FILTERS:
        value = (params.get(name) or "").strip()
        if value in {YES, "on", "true"}:
            data[name] = YES
        elif value:
            dropped.append((name, value[:50]))
    # The day: radio buttons (today, tomorrow, a day chosen before) and a date field after them share
    # the name; the last one given wins, so a date typed in the field beats the radio button left on.
    for value in reversed(params.getlist(DATE_FILTER)[:5]):
        value = value.replace("\x00", "").strip()
        if not value:
            continue
        day = chosen_day(value)
        if day is None:
            dropped.append((DATE_FILTER, value[:50]))
        else:
            # Kept as the word or as 2026-12-09, however it was typed, so the address is the same.
            data[DATE_FILTER] = value.lower() if value.lower() in DAY_WORDS else day.isoformat()
        break
    return data, dropped
