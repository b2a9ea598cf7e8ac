"""Meetings: one row per occurrence, and the cancellations that are notices, not content."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import LocalizedField

from ..recurrence import HELSINKI
from .group_inlines import Weekday
from .group_page import GroupPage


class Cancellation(models.Model):
    """A meeting that will not take place, with the reason.

    Cancellations are notices, not content: they are urgent, so they are not part of the page's
    revisions and do not wait for approval. They belong to the Finnish source page and are shown
    on both language versions. A cancellation is withdrawn, never deleted.
    """

    group = models.ForeignKey(
        GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="cancellations"
    )
    date = models.DateField(_("date"))
    reason_fi = models.TextField(_("reason in Finnish"), blank=True)
    reason_sv = models.TextField(_("reason in Swedish"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    reason = LocalizedField("reason")

    class Meta:
        verbose_name = _("cancellation")
        verbose_name_plural = _("cancellations")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "date"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_cancellation_per_group_and_date",
            )
        ]

    def __str__(self):
        return f"{self.group} {self.date:%Y-%m-%d}"

    @property
    def is_active(self):
        return self.withdrawn_at is None


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")

    @classmethod
    def of(cls, time):
        """Morning before 12, afternoon from 12 to 17, evening from 17 on (by the start time)."""
        if time.hour < 12:
            return cls.MORNING
        if time.hour < 17:
            return cls.AFTERNOON
        return cls.EVENING


class Meeting(models.Model):
    """One concrete meeting of a group, derived from its schedule (one row per occurrence).

    Rows are computed from the published schedule rules, single dates and cancellations of the
    Finnish source page by :func:`groups.services.refresh_meetings`, so that "next meeting",
    weekday, time-of-day and "this week" are plain database queries. Both language versions of
    a group share the rows through ``translation_key``. They are derived data: regenerating them
    loses nothing.
    """

    group = models.ForeignKey(GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings")
    translation_key = models.UUIDField(editable=False)
    date = models.DateField(_("date"))
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    part_of_day = models.CharField(_("time of day"), max_length=10, choices=PartOfDay.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancellation = models.ForeignKey(
        Cancellation,
        verbose_name=_("cancellation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    # Calendar bookkeeping (iCalendar SEQUENCE and LAST-MODIFIED): a refresh keeps a row that did
    # not change as it is, and counts up ``sequence`` when its end, status or reason changes, so
    # subscribed calendars take the new version over the one they have.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    modified_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["group", "start"], name="one_meeting_per_group_and_start")]
        indexes = [
            models.Index(fields=["translation_key", "start"], name="meeting_group_start"),
            models.Index(fields=["date", "status"], name="meeting_date_status"),
        ]

    def __str__(self):
        return f"{self.group} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED

    @property
    def local_start(self):
        """The start in Helsinki time."""
        return timezone.localtime(self.start, HELSINKI)

    @property
    def local_end(self):
        return timezone.localtime(self.end, HELSINKI)

    @property
    def start_iso(self):
        """The start for a ``<time datetime>`` attribute: ``2026-12-01T09:00+02:00``."""
        return self.local_start.isoformat(timespec="minutes")

    def describe(self):
        """The meeting in words: "ti 1.12.2026 klo 9–10.30"."""
        from ..schedule import describe_meeting

        return describe_meeting(self)
