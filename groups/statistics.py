"""The figures the region reports, for any period: one function computes them for the admin's
reports, their CSV and XLSX files, the printable summary and ``manage.py statistics``.

What is counted (see docs/reporting.md):

* **meetings held**: meetings with a recorded visitor count; **visits**: the sum of the counts;
  **first visits**: the sum of the first-timer counts;
* **meetings cancelled**: cancellations in force for a date in the period;
* **groups met**: groups with at least one meeting held; **started**: groups whose first ever
  recorded meeting is in the period; **running**: groups met that are not marked ended;
  **ended**: groups marked ended whose last recorded meeting is in the period;
* **organisations involved**: organisations that run a group that met;
* **averages**: visits per meeting held, and per group met;
* **feedback**: for each statement, the share of those who answered it who agree (and who agree
  at least partly), with the number of answers; the average of each 1–5 rating. Feedback figures
  are shown only from :data:`FEEDBACK_MIN_ANSWERS` answers up, for a group and for a selection.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from organisations.models import OrganisationPage
from organisations.permissions import is_coordinator, own_organisations, paths_q

from .models import STATEMENTS, Agreement, Cancellation, FeedbackAnswer, GroupPage, MeetingVisit, Status

#: Fewer answers than this and no feedback figure is shown: no one can be recognised from them.
FEEDBACK_MIN_ANSWERS = 5


@dataclass(frozen=True)
class ReportFilters:
    """A period (both ends included) and optional municipality, organisation and activity type."""

    start: datetime.date
    end: datetime.date
    municipality: object = None
    organisation: object = None
    activity: object = None


def report_groups(user=None):
    """The (Finnish source) groups whose figures ``user`` may see: all for coordinators (and for
    ``user=None``, the command line), the own organisations' groups for a partner, none otherwise."""
    groups = GroupPage.objects.filter(locale__language_code="fi")
    if user is None or is_coordinator(user):
        return groups
    paths = [organisation.path for organisation in own_organisations(user)]
    return groups.filter(paths_q(paths))


def report_organisations(user=None):
    """The organisations a user may choose in a report's filter."""
    organisations = OrganisationPage.objects.filter(locale__language_code="fi").order_by("title")
    if user is None or is_coordinator(user):
        return organisations
    return organisations.filter(pk__in=[organisation.pk for organisation in own_organisations(user)])


def percent(part, whole):
    """``part`` of ``whole`` in whole per cent (None when there is no whole)."""
    return round(100 * part / whole) if whole else None


def average(total, count):
    """``total / count`` to one decimal (None when there is nothing to divide)."""
    return round(total / count, 1) if count else None


@dataclass
class StatementFigure:
    name: str
    label: str
    answered: int
    agree: int
    partly: int

    @property
    def agree_percent(self):
        return percent(self.agree, self.answered)

    @property
    def at_least_partly_percent(self):
        return percent(self.agree + self.partly, self.answered)


@dataclass
class FeedbackFigures:
    answers: int = 0
    statements: list = field(default_factory=list)
    satisfaction: float | None = None
    satisfaction_answers: int = 0
    atmosphere: float | None = None
    atmosphere_answers: int = 0

    @property
    def shown(self):
        """Enough answers that no one can be recognised from them."""
        return self.answers >= FEEDBACK_MIN_ANSWERS


@dataclass
class GroupRow:
    """One group's figures in a report."""

    pk: int
    title: str
    organisation: str
    municipality: str
    status: str
    meetings: int
    visits: int
    first_visits: int
    cancelled: int
    feedback: FeedbackFigures

    @property
    def average_visitors(self):
        return average(self.visits, self.meetings)


@dataclass
class Figures:
    """Every figure of a report for one selection."""

    filters: ReportFilters
    groups: list
    months: list
    feedback: FeedbackFigures
    groups_started: int
    groups_ended: int
    organisations: int

    @property
    def visits(self):
        return sum(row.visits for row in self.groups)

    @property
    def meetings_held(self):
        return sum(row.meetings for row in self.groups)

    @property
    def meetings_cancelled(self):
        return sum(row.cancelled for row in self.groups)

    @property
    def first_visits(self):
        return sum(row.first_visits for row in self.groups)

    @property
    def groups_met(self):
        return sum(1 for row in self.groups if row.meetings)

    @property
    def groups_running(self):
        return sum(1 for row in self.groups if row.meetings and row.status != Status.ENDED)

    @property
    def average_per_meeting(self):
        return average(self.visits, self.meetings_held)

    @property
    def average_per_group(self):
        return average(self.visits, self.groups_met)

    def totals(self):
        """The headline figures as ``(key, label, value)``: the same rows on every output."""
        return [
            ("visits", _("Visits"), self.visits),
            ("meetings_held", _("Meetings held"), self.meetings_held),
            ("meetings_cancelled", _("Meetings cancelled"), self.meetings_cancelled),
            ("first_visits", _("First visits"), self.first_visits),
            ("groups_met", _("Groups that met"), self.groups_met),
            ("groups_started", _("Groups started"), self.groups_started),
            ("groups_running", _("Groups running"), self.groups_running),
            ("groups_ended", _("Groups ended"), self.groups_ended),
            ("organisations", _("Organisations involved"), self.organisations),
            ("average_per_meeting", _("Visitors per meeting on average"), self.average_per_meeting),
            ("average_per_group", _("Visits per group on average"), self.average_per_group),
            ("feedback_answers", _("Feedback answers"), self.feedback.answers),
        ]


def _feedback_aggregates(prefix=""):
    """Aggregates of feedback answers: counts per statement, ratings' averages (one query)."""
    aggregates = {"answers": Count("pk")}
    for name, _label in STATEMENTS:
        aggregates[f"{name}__answered"] = Count("pk", filter=~Q(**{name: ""}))
        aggregates[f"{name}__agree"] = Count("pk", filter=Q(**{name: Agreement.AGREE}))
        aggregates[f"{name}__partly"] = Count("pk", filter=Q(**{name: Agreement.PARTLY}))
    for rating in ("satisfaction", "atmosphere"):
        aggregates[f"{rating}__avg"] = Avg(rating)
        aggregates[f"{rating}__n"] = Count(rating)
    return aggregates


def _feedback_figures(values):
    figures = FeedbackFigures(answers=values["answers"] or 0)
    figures.statements = [
        StatementFigure(
            name, label, values[f"{name}__answered"] or 0, values[f"{name}__agree"] or 0, values[f"{name}__partly"] or 0
        )
        for name, label in STATEMENTS
    ]
    for rating in ("satisfaction", "atmosphere"):
        mean = values[f"{rating}__avg"]
        setattr(figures, rating, round(float(mean), 1) if mean is not None else None)
        setattr(figures, f"{rating}_answers", values[f"{rating}__n"] or 0)
    return figures


def select_groups(groups, filters):
    """Narrow ``groups`` to the filters' municipality, organisation and activity type."""
    if filters.municipality is not None:
        groups = groups.filter(venue__municipality=filters.municipality)
    if filters.organisation is not None:
        groups = groups.filter(path__startswith=filters.organisation.path)
    if filters.activity is not None:
        groups = groups.filter(
            pk__in=GroupPage.activity_types.through.objects.filter(activitytype=filters.activity).values("grouppage")
        )
    return groups


def compute(filters, groups=None):
    """Every figure for ``filters`` over ``groups`` (default: all groups). A fixed number of queries."""
    groups = select_groups(groups if groups is not None else report_groups(), filters)
    period = (filters.start, filters.end)
    in_period = Q(visits__date__range=period)
    rows = list(
        groups.select_related("venue__municipality")
        .annotate(
            meetings_held=Count("visits", filter=in_period),
            visit_total=Sum("visits__visitors", filter=in_period),
            first_total=Sum("visits__first_timers", filter=in_period),
            first_ever=Min("visits__date"),
            last_ever=Max("visits__date"),
        )
        .order_by("title")
    )
    ids = [row.pk for row in rows]
    cancelled = dict(
        Cancellation.objects.filter(group__in=ids, withdrawn_at__isnull=True, date__range=period)
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    answers = FeedbackAnswer.objects.filter(group__in=ids, answered_on__range=period)
    per_group = {values["group"]: values for values in answers.values("group").annotate(**_feedback_aggregates())}
    steplen = GroupPage.steplen
    organisation_titles = dict(
        OrganisationPage.objects.filter(path__in={row.path[:-steplen] for row in rows}).values_list("path", "title")
    )
    empty = _feedback_figures(defaultdict(int, {"satisfaction__avg": None, "atmosphere__avg": None}))
    group_rows = [
        GroupRow(
            pk=row.pk,
            title=row.title,
            organisation=organisation_titles.get(row.path[:-steplen], ""),
            municipality=str(row.venue.municipality) if row.venue_id else "",
            status=row.status,
            meetings=row.meetings_held,
            visits=row.visit_total or 0,
            first_visits=row.first_total or 0,
            cancelled=cancelled.get(row.pk, 0),
            feedback=_feedback_figures(per_group[row.pk]) if row.pk in per_group else empty,
        )
        for row in rows
    ]
    months = list(
        MeetingVisit.objects.filter(group__in=ids, date__range=period)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(visits=Sum("visitors"), meetings=Count("pk"))
        .order_by("month")
        .values_list("month", "visits", "meetings")
    )
    return Figures(
        filters=filters,
        groups=group_rows,
        months=months,
        feedback=_feedback_figures(answers.aggregate(**_feedback_aggregates())),
        groups_started=sum(1 for row in rows if row.first_ever and filters.start <= row.first_ever <= filters.end),
        groups_ended=sum(
            1
            for row in rows
            if row.status == Status.ENDED and row.last_ever and filters.start <= row.last_ever <= filters.end
        ),
        organisations=len({row.path[:-steplen] for row in rows if row.meetings_held}),
    )


def as_dict(figures):
    """The figures as plain data (``statistics --json``, tests): numbers, not formatted text."""
    feedback = figures.feedback
    return {
        "from": figures.filters.start.isoformat(),
        "to": figures.filters.end.isoformat(),
        "totals": {key: value for key, _label, value in figures.totals()},
        "feedback": {
            "answers": feedback.answers,
            "shown": feedback.shown,
            "satisfaction": feedback.satisfaction if feedback.shown else None,
            "atmosphere": feedback.atmosphere if feedback.shown else None,
            "statements": {
                statement.name: {
                    "answered": statement.answered,
                    "agree_percent": statement.agree_percent,
                    "at_least_partly_percent": statement.at_least_partly_percent,
                }
                for statement in feedback.statements
            }
            if feedback.shown
            else {},
        },
        "groups": [
            {
                "id": row.pk,
                "title": row.title,
                "organisation": row.organisation,
                "meetings": row.meetings,
                "visits": row.visits,
                "first_visits": row.first_visits,
                "cancelled": row.cancelled,
                "average_visitors": row.average_visitors,
                "feedback_answers": row.feedback.answers if row.feedback.shown else None,
                "satisfaction": row.feedback.satisfaction if row.feedback.shown else None,
                "atmosphere": row.feedback.atmosphere if row.feedback.shown else None,
            }
            for row in figures.groups
        ],
    }
