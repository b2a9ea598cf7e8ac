"""Facets: the filter choices with the number of groups each would find."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

from groups.import_format import WEEKDAYS
from groups.models import GroupPage, Meeting, MeetingStatus
from groups.services import week_bounds

from ..filters import DAY_WORDS, chosen_day, day_meetings


@dataclass
class Option:
    """One value of a filter as the page shows it."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    is_flag: bool = False
    is_date: bool = False

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


def _counts(queryset, path):
    rows = queryset.order_by().values(path).annotate(n=Count("pk", distinct=True))
    return {row[path]: row["n"] for row in rows}


def build_facets(base, data, filterset):
    """Each filter's options with the number of groups each would give, given the other filters."""
    facets = []

    def add(name, counts, is_flag=False):
        filter_ = filterset.filters[name]
        choices = [("1", filter_.label)] if is_flag else filter_.field.choices
        selected = (["1"] if data.get(name) else []) if is_flag else (data.get(name) or [])
        # Plain strings, not lazy translations: the facets are cached, and unpickling a lazy
        # translation builds a class each time, which cost more than counting.
        facet = Facet(name=name, label=str(filter_.label), is_flag=is_flag)
        for value, label in choices:
            facet.options.append(Option(str(value), str(label), counts.get(str(value), 0), str(value) in selected))
        facets.append(facet)

    def narrowed(name):
        return filterset.filtered(base, excluding=name)

    add("municipality", _counts(narrowed("municipality"), "venue__municipality__code"))
    add("weekday", _meeting_counts(narrowed("weekday"), data, "weekday"))
    add("time", _meeting_counts(narrowed("time"), data, "time"))
    add("activity", _counts(narrowed("activity"), "activity_types__code"))
    add("target", _counts(narrowed("target"), "target_groups__code"))
    add("language", _counts(narrowed("language"), "languages__code"))
    add("organisation", _organisation_counts(narrowed("organisation"), filterset.organisation_pages))
    # A flag that is not chosen is counted on the fully filtered groups, so all such flags share
    # one query; a chosen flag is counted without itself.
    flags = {"step_free": "venue__step_free_entrance", "free": "free_of_charge", "online": "is_online"}
    unchosen = {name: path for name, path in flags.items() if not data.get(name)}
    counts = {}
    if unchosen:
        counts = (
            narrowed(None)
            .order_by()
            .aggregate(
                **{name: Count("pk", filter=Q(**{path: True}), distinct=True) for name, path in unchosen.items()}
            )
        )
    for name, path in flags.items():
        if name not in unchosen:
            counts[name] = narrowed(name).order_by().filter(**{path: True}).aggregate(n=Count("pk", distinct=True))["n"]
        add(name, {"1": counts[name]}, is_flag=True)
    add("this_week", _meeting_counts(narrowed("this_week"), data, "this_week"), is_flag=True)
    facets.append(_date_facet(narrowed("date"), data, filterset.filters["date"].label))
    return facets


def _date_facet(queryset, data, label):
    """The day filter: today and tomorrow with their counts, and a chosen date of its own.

    Counted on the scheduled meetings of the day (see ``search.filters.day_meetings``), with the
    weekday and time of day chosen applied to the same meeting.
    """
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    rows = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        date__in=[today, tomorrow],
        translation_key__in=queryset.values("translation_key"),
    )
    if data.get("weekday"):
        rows = rows.filter(weekday__in=[WEEKDAYS.index(day) for day in data["weekday"]])
    if data.get("time"):
        rows = rows.filter(part_of_day__in=data["time"])
    counts = {
        row["date"]: row["n"]
        for row in rows.order_by().values("date").annotate(n=Count("translation_key", distinct=True))
    }
    chosen = data.get("date")
    facet = Facet(name="date", label=str(label), is_date=True)
    facet.options.append(Option("today", pgettext("day filter", "Today"), counts.get(today, 0), chosen == "today"))
    facet.options.append(
        Option("tomorrow", pgettext("day filter", "Tomorrow"), counts.get(tomorrow, 0), chosen == "tomorrow")
    )
    if chosen and chosen not in DAY_WORDS:
        facet.options.append(Option(chosen, date_format(chosen_day(chosen, today), "D j.n.Y"), 0, True))
    return facet


def _meeting_counts(queryset, data, name):
    """Counts for a meeting filter, with the other meeting filters still applied to the same meeting."""
    today = timezone.localdate()
    meetings = day_meetings(Meeting.objects.all(), data.get("date"), today).filter(
        translation_key__in=queryset.values("translation_key")
    )
    if name != "weekday" and data.get("weekday"):
        meetings = meetings.filter(weekday__in=[WEEKDAYS.index(day) for day in data["weekday"]])
    if name != "time" and data.get("time"):
        meetings = meetings.filter(part_of_day__in=data["time"])
    if name != "this_week" and data.get("this_week"):
        meetings = meetings.filter(date__lte=week_bounds(today)[1])
    if name == "weekday":
        rows = meetings.order_by().values("weekday").annotate(n=Count("translation_key", distinct=True))
        return {WEEKDAYS[row["weekday"]]: row["n"] for row in rows}
    if name == "time":
        rows = meetings.order_by().values("part_of_day").annotate(n=Count("translation_key", distinct=True))
        return {row["part_of_day"]: row["n"] for row in rows}
    count = meetings.filter(date__lte=week_bounds(today)[1]).aggregate(n=Count("translation_key", distinct=True))
    return {"1": count["n"]}


def _organisation_counts(queryset, pages):
    """Groups per organisation: those it runs (its child pages) and those it is a partner in."""
    if not pages:
        return {}
    depth = next(iter(pages.values())).depth
    by_path = {page.path: identifier for identifier, page in pages.items()}
    prefix = queryset.order_by().annotate(organiser_path=Substr("path", 1, depth * GroupPage.steplen))
    counts = {}
    for row in prefix.values("organiser_path").annotate(n=Count("pk", distinct=True)):
        identifier = by_path.get(row["organiser_path"])
        if identifier:
            counts[identifier] = counts.get(identifier, 0) + row["n"]
    for identifier, n in _counts(queryset, "partner_links__organisation__identifier").items():
        if identifier in pages:
            counts[identifier] = counts.get(identifier, 0) + n
    return counts
