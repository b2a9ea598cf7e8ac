"""Visitor counts: how many people came to a meeting of a group. A number, never a name."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .group_page import GroupPage

#: A meeting room of a low-threshold group holds a few dozen people; a larger number is a typo.
MAX_VISITORS = 500


class MeetingVisit(models.Model):
    """How many people came to a group's meeting on one date, and how many of them for the first time.

    Recorded by the group's own organisation (or a coordinator) after the meeting, or imported
    from a file. Belongs to the Finnish source page, like cancellations. A correction overwrites
    the numbers; the earlier numbers stay in the group's audit log (``groups.visits``).
    """

    group = models.ForeignKey(GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="visits")
    date = models.DateField(_("date"))
    visitors = models.PositiveIntegerField(_("visitors"), validators=[MaxValueValidator(MAX_VISITORS)])
    first_timers = models.PositiveIntegerField(
        _("first-time visitors"), null=True, blank=True, validators=[MaxValueValidator(MAX_VISITORS)]
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    recorded_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["group", "date"], name="one_visit_count_per_group_and_date"),
            models.CheckConstraint(
                condition=models.Q(first_timers__isnull=True) | models.Q(first_timers__lte=models.F("visitors")),
                name="first_timers_not_more_than_visitors",
            ),
        ]
        indexes = [models.Index(fields=["date"], name="visit_date")]

    def __str__(self):
        return f"{self.group} {self.date:%Y-%m-%d}: {self.visitors}"
